//! Reading a site at a git revision with the `git` binary, which every CI machine
//! has: `rev-parse` finds the repository and resolves revisions, `ls-tree` and
//! `cat-file --batch` copy the site's files at a commit into a temporary folder.
//!
//! Only objects of the commits asked for are read, so this works in a shallow
//! clone (GitHub Actions' `fetch-depth: 2`) as long as both commits are present.
//! `git archive` is not used: `export-ignore` and `export-subst` attributes would
//! change what it writes.

use std::fmt;
use std::io::{BufRead, BufReader, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// What is copied of a site: everything `site::load_contents` reads (the
/// timeline; a diff has no use for the theme, nor for its images).
const SITE_PATHS: &[&str] = &["annals.yaml", "content"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GitError {
    /// `git` could not be started.
    NoGit(String),
    /// The site folder is not inside a git work tree.
    NotARepo { root: PathBuf, detail: String },
    /// A revision that does not name a commit (here).
    UnknownRevision {
        rev: String,
        shallow: bool,
        detail: String,
    },
    /// Any other failure of a git command.
    Failed(String),
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::NoGit(e) => write!(f, "cannot run `git`: {e}"),
            GitError::NotARepo { root, detail } => {
                write!(
                    f,
                    "`annals diff` compares git revisions, but `{}` is not in a git repository",
                    root.display()
                )?;
                // git's own reason, unless it only says the same.
                if !detail.is_empty() && !detail.starts_with("not a git repository") {
                    write!(f, " ({detail})")?;
                }
                Ok(())
            }
            GitError::UnknownRevision { rev, detail, .. } => {
                write!(f, "unknown revision `{rev}`")?;
                if !detail.is_empty() {
                    write!(f, " ({detail})")?;
                }
                Ok(())
            }
            GitError::Failed(e) => write!(f, "git failed: {e}"),
        }
    }
}

impl GitError {
    /// What to do about it, for the diagnostic's hint.
    pub(crate) fn hint(&self) -> Option<String> {
        match self {
            GitError::NoGit(_) => Some("install git and make sure it is on the PATH".into()),
            GitError::NotARepo { .. } => Some(
                "run it inside a clone of the site's repository, or pass `--root` with the site's folder"
                    .into(),
            ),
            GitError::UnknownRevision { shallow: true, .. } => Some(
                "this clone is shallow and may not hold that commit: fetch more history (`git fetch --deepen=1`, or `fetch-depth: 2` or more in actions/checkout)"
                    .into(),
            ),
            GitError::UnknownRevision { .. } => Some(
                "name a commit, branch or tag, e.g. `HEAD~1`, `main` or `origin/main`".into(),
            ),
            GitError::Failed(_) => None,
        }
    }
}

/// The repository holding a site, and where the site sits in it.
#[derive(Debug, Clone)]
pub(crate) struct Repo {
    top: PathBuf,
    /// The site folder relative to `top`, `/`-separated, empty or ending in `/`.
    prefix: String,
}

/// Runs `git -C dir args…` and returns its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, (bool, String)> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        // Paths are paths, not patterns, even if a folder name holds `*`.
        .env("GIT_LITERAL_PATHSPECS", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| (false, e.to_string()))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err((true, first_line(&out.stderr)))
    }
}

/// The first line of git's message, without its `fatal: ` prefix.
fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    line.trim()
        .trim_start_matches("fatal: ")
        .trim_start_matches("error: ")
        .to_string()
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).trim_end().to_string()
}

impl Repo {
    /// The repository that holds `root`.
    pub(crate) fn open(root: &Path) -> Result<Repo, GitError> {
        let not_a_repo = |detail: String| GitError::NotARepo {
            root: root.to_path_buf(),
            detail,
        };
        if !root.is_dir() {
            return Err(not_a_repo("no such folder".into()));
        }
        let top = match git(root, &["rev-parse", "--show-toplevel"]) {
            Ok(out) => PathBuf::from(text(out)),
            Err((false, e)) => return Err(GitError::NoGit(e)),
            Err((true, e)) => return Err(not_a_repo(e)),
        };
        if top.as_os_str().is_empty() {
            return Err(not_a_repo("no work tree".into()));
        }
        let prefix = git(root, &["rev-parse", "--show-prefix"])
            .map(text)
            .map_err(|(_, e)| not_a_repo(e))?;
        Ok(Repo { top, prefix })
    }

    /// The site folder relative to the repository's top, for messages.
    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The full id of the commit `rev` names.
    pub(crate) fn resolve(&self, rev: &str) -> Result<String, GitError> {
        let unknown = |detail: String| GitError::UnknownRevision {
            rev: rev.to_string(),
            shallow: self.is_shallow(),
            detail,
        };
        if rev.is_empty() || rev.starts_with('-') || rev.contains(['\0', '\n']) {
            return Err(unknown(String::new()));
        }
        let spec = format!("{rev}^{{commit}}");
        match git(&self.top, &["rev-parse", "--verify", "--quiet", &spec]) {
            Ok(out) => Ok(text(out)),
            Err((false, e)) => Err(GitError::NoGit(e)),
            Err((true, _)) => Err(unknown("not a commit in this repository".into())),
        }
    }

    fn is_shallow(&self) -> bool {
        git(&self.top, &["rev-parse", "--is-shallow-repository"])
            .map(|o| text(o) == "true")
            .unwrap_or(false)
    }

    /// Writes the site's files at `commit` into `into`. `Ok(false)` when the
    /// site has no `content/` folder at that commit (it did not exist yet).
    pub(crate) fn materialise(&self, commit: &str, into: &Path) -> Result<bool, GitError> {
        let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", commit, "--"];
        let paths: Vec<String> = SITE_PATHS
            .iter()
            .map(|p| format!("{}{p}", self.prefix))
            .collect();
        args.extend(paths.iter().map(String::as_str));
        let listing = git(&self.top, &args).map_err(|(_, e)| GitError::Failed(e))?;
        let mut files = Vec::new();
        for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            let entry = String::from_utf8_lossy(entry);
            // `<mode> SP <type> SP <object> TAB <path>`
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let mut meta = meta.split(' ');
            let (Some(mode), Some("blob"), Some(id)) = (meta.next(), meta.next(), meta.next())
            else {
                continue; // submodules
            };
            if mode == "120000" {
                continue; // symbolic links
            }
            let Some(rel) = path.strip_prefix(&self.prefix) else {
                continue;
            };
            let Some(target) = safe_join(into, rel) else {
                continue;
            };
            files.push((id.to_string(), target, rel.starts_with("content/")));
        }
        let has_content = files.iter().any(|f| f.2);
        self.write_blobs(&files, into)?;
        Ok(has_content)
    }

    /// Reads each blob with one `git cat-file --batch` and writes it out.
    fn write_blobs(&self, files: &[(String, PathBuf, bool)], into: &Path) -> Result<(), GitError> {
        if files.is_empty() {
            return Ok(());
        }
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| GitError::NoGit(e.to_string()))?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        let request: String = files.iter().map(|(id, ..)| format!("{id}\n")).collect();
        // Written from a thread so that a full stdout pipe cannot block us both.
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(request.as_bytes());
        });
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut result = Ok(());
        for (id, target, _) in files {
            match read_blob(&mut stdout, id) {
                Ok(bytes) => {
                    if let Err(e) = write_file(target, &bytes) {
                        result = Err(GitError::Failed(format!(
                            "cannot write `{}` below `{}`: {e}",
                            target.display(),
                            into.display()
                        )));
                        break;
                    }
                }
                Err(e) => {
                    result = Err(GitError::Failed(e));
                    break;
                }
            }
        }
        drop(stdout);
        let _ = writer.join();
        let _ = child.wait();
        result
    }
}

/// One `<id> <type> <size>\n<bytes>\n` answer of `git cat-file --batch`.
fn read_blob(r: &mut impl BufRead, id: &str) -> Result<Vec<u8>, String> {
    let mut header = String::new();
    r.read_line(&mut header).map_err(|e| e.to_string())?;
    let mut parts = header.split_whitespace();
    let (Some(_), Some(kind), Some(size)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!("cannot read object {id}: {}", header.trim()));
    };
    if kind != "blob" {
        return Err(format!("object {id} is a {kind}, not a file"));
    }
    let size: usize = size
        .parse()
        .map_err(|_| format!("cannot read object {id}"))?;
    let mut bytes = vec![0; size + 1];
    r.read_exact(&mut bytes).map_err(|e| e.to_string())?;
    bytes.pop(); // the newline after the contents
    Ok(bytes)
}

fn write_file(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(target, bytes)
}

/// `into/rel`, or `None` if `rel` could leave `into` (git never stores such
/// paths, but a crafted repository is not trusted).
fn safe_join(into: &Path, rel: &str) -> Option<PathBuf> {
    let rel = Path::new(rel);
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| into.join(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_only_paths_below() {
        let base = Path::new("/tmp/x");
        assert_eq!(
            safe_join(base, "content/a.md"),
            Some(PathBuf::from("/tmp/x/content/a.md"))
        );
        assert_eq!(safe_join(base, "../a.md"), None);
        assert_eq!(safe_join(base, "/etc/passwd"), None);
    }

    #[test]
    fn reads_batch_answers() {
        let mut input: &[u8] = b"abc blob 5\nhello\nabd blob 0\n\n";
        assert_eq!(read_blob(&mut input, "abc").unwrap(), b"hello");
        assert_eq!(read_blob(&mut input, "abd").unwrap(), b"");
        let mut missing: &[u8] = b"abe missing\n";
        assert!(read_blob(&mut missing, "abe").is_err());
    }
}
