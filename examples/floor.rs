//! The write half of the I/O floor where `cp -r` cannot be used: at a million
//! events the output (30 GB) and its copy do not fit on one disk together.
//! This replays a manifest of a build's output — its folders and the size of
//! each file, as `find OUT -mindepth 1 -printf '%y %s %P\n'` prints them, so
//! parents come before their children — into an empty folder: the same
//! names, the same sizes, one `create` and one `write` per file, on one
//! thread, as `cp -r` does. With the manifest taken, the build's own output
//! can be deleted before the floor is measured on the same disk.
//!
//! ```sh
//! find /big/out -mindepth 1 -printf '%y %s %P\n' > manifest.txt
//! rm -rf /big/out
//! cargo run --release --example floor -- manifest.txt /big/floor
//! ```

use std::fs;
use std::io::{self, BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

fn replay(manifest: &Path, out: &Path) -> io::Result<(u64, u64)> {
    fs::create_dir(out)?;
    // Any bytes will do: the file system neither compresses nor deduplicates.
    let mut bytes = vec![b'x'; 1 << 20];
    let (mut files, mut total) = (0u64, 0u64);
    for line in io::BufReader::new(fs::File::open(manifest)?).lines() {
        let line = line?;
        let mut parts = line.splitn(3, ' ');
        let (Some(kind), Some(size), Some(rel)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(io::Error::other(format!("not a manifest line: {line}")));
        };
        let path = out.join(rel);
        match kind {
            "d" => fs::create_dir(&path)?,
            "f" => {
                let size: usize = size
                    .parse()
                    .map_err(|_| io::Error::other(format!("not a size: {line}")))?;
                if bytes.len() < size {
                    bytes.resize(size, b'x');
                }
                fs::File::create(&path)?.write_all(&bytes[..size])?;
                files += 1;
                total += size as u64;
            }
            _ => return Err(io::Error::other(format!("neither d nor f: {line}"))),
        }
    }
    Ok((files, total))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [manifest, out] = args.as_slice() else {
        eprintln!("usage: floor MANIFEST EMPTY-OUTPUT-FOLDER");
        return ExitCode::from(2);
    };
    match replay(Path::new(manifest), Path::new(out)) {
        Ok((files, bytes)) => {
            println!("wrote {files} files, {bytes} bytes");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}
