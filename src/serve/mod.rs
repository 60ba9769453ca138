//! `annals serve` (SPEC §10): builds the site into memory with `base_url`'s
//! host replaced by the local address (its path kept), serves it, watches the
//! site's sources and rebuilds on every save. Open pages are told to reload
//! only once the new build is in place, and only if their own file changed; a
//! build that fails keeps the last good site served and shows its errors on
//! the open pages and in the terminal. Nothing is written to disk.
//!
//! What is not done yet (issue 12): a rebuild is a whole build (the plan's
//! `affected` answer is not used yet), so a save at 10k events takes the time
//! of a build.

mod http;
mod state;
mod watch;

use crate::commands::{Exit, Verbosity};
use crate::diagnostic::Diagnostic;
use crate::site::{self, Options};
use crate::write::MemorySink;
use state::{ErrorView, Snapshot};
use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, RwLock};
use std::time::Instant;
use tokio::sync::broadcast;

/// `serve`'s own options.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
}

/// Runs the server until interrupted. Exits 2 when the port is taken, with
/// a free one named.
pub(crate) fn run(opts: &Options, serve: &ServeOptions, verbosity: Verbosity) -> Exit {
    let listener = match TcpListener::bind(SocketAddr::new(serve.bind, serve.port)) {
        Ok(l) => l,
        Err(e) => return bind_error(serve, &e),
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => return bind_error(serve, &e),
    };
    if serve.bind.is_unspecified() {
        eprintln!(
            "warning: serving on every network interface ({}): anyone who can reach this machine can read the site, drafts included",
            serve.bind
        );
    }
    let mut config_diagnostics = Vec::new();
    let config = crate::parse::config::load(&opts.root, &mut config_diagnostics);
    let base_path = config.base_url.path.clone();
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".into(),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let url = format!("http://{host}:{}{base_path}", addr.port());
    let opts = Options {
        base_url: Some(url.clone()),
        // `serve` writes nothing; bodies are read again as a build reads them.
        output: None,
        ..opts.clone()
    };
    let snapshot = Arc::new(RwLock::new(Snapshot::default()));
    let (changes, _) = broadcast::channel(64);
    // Watching starts before the first build, so that no save is missed.
    if let Err(e) = watch::start(&opts.root, {
        let (opts, snapshot, changes) = (opts.clone(), snapshot.clone(), changes.clone());
        move || rebuild(&opts, &snapshot, &changes, verbosity)
    }) {
        {
            eprintln!(
                "error: cannot watch `{}` for changes: {e}",
                opts.root.display()
            );
            return Exit::UsageError;
        }
    }
    rebuild(&opts, &snapshot, &changes, verbosity);
    println!("serving {url} (Ctrl-C stops)");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    if serve.open {
        open_browser(&url);
    }
    let app = http::App {
        snapshot,
        changes,
        base_path,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return Exit::ContentError;
        }
    };
    let served = runtime.block_on(async move {
        let _ = listener.set_nonblocking(true);
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, http::router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    });
    match served {
        Ok(()) => Exit::Success,
        Err(e) => {
            eprintln!("error: the server stopped: {e}");
            Exit::ContentError
        }
    }
}

/// A port that cannot be bound: say which, and name one that is free.
fn bind_error(serve: &ServeOptions, e: &std::io::Error) -> Exit {
    let free = TcpListener::bind(SocketAddr::new(serve.bind, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port());
    match (e.kind(), free) {
        (std::io::ErrorKind::AddrInUse, Ok(free)) => eprintln!(
            "error: port {} on {} is taken\n  = hint: `--port {free}` is free now, and `--port 0` picks a free port each time",
            serve.port, serve.bind
        ),
        _ => eprintln!(
            "error: cannot listen on {}:{}: {}",
            serve.bind,
            serve.port,
            crate::io_error::reason(e, std::path::Path::new(""))
        ),
    }
    Exit::UsageError
}

/// Builds the site into memory and puts it in place, then tells the open
/// pages what changed; on errors keeps the last good site and tells them
/// the errors.
fn rebuild(
    opts: &Options,
    snapshot: &RwLock<Snapshot>,
    changes: &broadcast::Sender<String>,
    verbosity: Verbosity,
) {
    let started = Instant::now();
    let built = build(opts);
    let message = {
        let mut s = snapshot.write().unwrap_or_else(|e| e.into_inner());
        match built {
            Ok(files) => {
                let changed = s.update(files);
                if verbosity > Verbosity::Quiet {
                    eprintln!(
                        "built in {} ms: {}",
                        started.elapsed().as_millis(),
                        crate::diagnostic::plural(changed.len(), "file changed", "files changed")
                    );
                }
                s.message(&changed)
            }
            Err(errors) => {
                crate::commands::print_diagnostics_only(&errors, verbosity);
                eprintln!("error: the build failed; still serving the last good site");
                s.errors = errors.iter().map(ErrorView::from).collect();
                s.message(&[])
            }
        }
    };
    // Sent after the write lock is released: a reload asks for the new files.
    let _ = changes.send(message);
}

/// The whole site in memory, or the errors that stop it.
fn build(opts: &Options) -> Result<BTreeMap<String, Vec<u8>>, Vec<Diagnostic>> {
    let loaded = site::load(opts);
    let hidden = loaded.hidden_template_errors();
    let Some(site) = loaded.site else {
        let mut errors: Vec<Diagnostic> = loaded
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .chain(hidden)
            .collect();
        crate::diagnostic::sort(&mut errors);
        return Err(errors);
    };
    let sink = MemorySink::default();
    site.build_into(&sink)?;
    Ok(sink.files.into_inner().unwrap_or_else(|e| e.into_inner()))
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("note: could not open a browser; open {url}");
    }
}
