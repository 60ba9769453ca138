//! `annals serve` (SPEC §10): builds the site into a temporary folder with
//! `base_url`'s host replaced by the local address (its path kept), serves
//! it, watches the site's sources and rebuilds what each save reaches
//! (`site::incremental`). Open pages are told to reload only once the new
//! files are in place, and only if their own file changed; a build that fails
//! keeps the last good site served and shows its errors on the open pages and
//! in the terminal. Nothing is written to `public/`.

mod http;
mod state;
mod store;
mod watch;

use crate::commands::{Exit, Verbosity};
use crate::diagnostic::Diagnostic;
use crate::route::Route;
use crate::site::incremental::{Changed, Engine, Step};
use crate::site::Options;
use state::{ErrorView, Snapshot};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;
use store::Store;
use tokio::sync::{broadcast, Notify};

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
    // Watch events name absolute paths; the engine compares them with its root.
    let root = opts
        .root
        .canonicalize()
        .unwrap_or_else(|_| opts.root.clone());
    let opts = Options {
        root,
        base_url: Some(url.clone()),
        // `serve` writes nothing to the output; bodies are kept as a build
        // keeps them.
        output: None,
        ..opts.clone()
    };
    let store = match Store::new() {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "error: cannot make a temporary folder in `{}`: {}",
                std::env::temp_dir().display(),
                crate::io_error::reason(&e, &std::env::temp_dir())
            );
            return Exit::UsageError;
        }
    };
    let snapshot = Arc::new(RwLock::new(Snapshot::default()));
    let (changes, _) = broadcast::channel(64);
    let ready = Arc::new(Notify::new());
    let rebuilder = Arc::new(Mutex::new(Rebuilder {
        engine: Engine::new(opts.clone()),
        store,
        snapshot: snapshot.clone(),
        changes: changes.clone(),
        ready: ready.clone(),
        verbosity,
    }));
    // Watching starts before the first build, so that no save is missed.
    let watching = watch::start(&opts.root, {
        let rebuilder = rebuilder.clone();
        move |paths| lock(&rebuilder).run(&Changed::Paths(paths))
    });
    if let Err(e) = watching {
        eprintln!(
            "error: cannot watch `{}` for changes: {e}",
            opts.root.display()
        );
        lock(&rebuilder).store.remove();
        return Exit::UsageError;
    }
    lock(&rebuilder).run(&Changed::Everything);
    println!("serving {url} (Ctrl-C stops)");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    if serve.open {
        open_browser(&url);
    }
    let app = http::App {
        snapshot,
        changes,
        base_path,
        ready,
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
                stopped().await;
            })
            .await
    });
    // The watcher's thread holds the store too: remove its folder here.
    lock(&rebuilder).store.remove();
    match served {
        Ok(()) => Exit::Success,
        Err(e) => {
            eprintln!("error: the server stopped: {e}");
            Exit::ContentError
        }
    }
}

/// Ctrl-C, or on Unix a polite `kill` (SIGTERM): either lets `serve` remove
/// its temporary folder.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
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

/// The engine, the store and what the server reads, changed together by one
/// rebuild at a time.
struct Rebuilder {
    engine: Engine,
    store: Store,
    snapshot: Arc<RwLock<Snapshot>>,
    changes: broadcast::Sender<state::Sent>,
    ready: Arc<Notify>,
    verbosity: Verbosity,
}

impl Rebuilder {
    /// Rebuilds what `changed` reaches and puts it in place, then tells the
    /// open pages what changed; on errors keeps the last good site and tells
    /// them the errors.
    fn run(&mut self, changed: &Changed) {
        let started = Instant::now();
        match self.engine.update(changed) {
            Step::Unchanged => {}
            Step::Failed(errors) => self.failed(&errors),
            Step::Everything => match self.everything() {
                Ok(changed) => self.done(&changed, started),
                Err(errors) => self.failed(&errors),
            },
            Step::Files { now, later } => {
                match self.files(&now, &later) {
                    Ok(changed) => self.done(&changed, started),
                    Err(errors) => return self.failed(&errors),
                }
                // What holds every event is written after the pages were
                // told; a request for one waits for it (`pending`).
                let written = self.files(&later, &[]);
                lock_write(&self.snapshot).pending.clear();
                self.ready.notify_waiters();
                match written {
                    Ok(changed) if !changed.is_empty() => {
                        let _ = self.changes.send(read(&self.snapshot).sent(&changed));
                    }
                    Ok(_) => {}
                    Err(errors) => self.failed(&errors),
                }
            }
        }
    }

    /// Writes the whole site into a new folder and serves it.
    fn everything(&mut self) -> Result<Vec<String>, Vec<Diagnostic>> {
        let writer = self.store.whole().map_err(|e| vec![temp_error(&e)])?;
        if let Err(errors) = self.engine.write_everything(&writer) {
            self.store.discard(writer);
            return Err(errors);
        }
        let (output, tags) = self.store.take_whole(writer);
        Ok(lock_write(&self.snapshot).replace(output, tags))
    }

    /// Writes `routes` over the served files; marks `pending` as being
    /// written next, in the same step.
    fn files(
        &mut self,
        routes: &[Route],
        pending: &[Route],
    ) -> Result<Vec<String>, Vec<Diagnostic>> {
        let writer = self.store.some().map_err(|e| vec![temp_error(&e)])?;
        if let Err(errors) = self.engine.write_files(&writer, routes) {
            self.store.discard(writer);
            return Err(errors);
        }
        let tags = self.store.commit(writer).map_err(|e| {
            // Some files may have moved: only a whole build is sure again.
            self.engine.forget_output();
            vec![temp_error(&e)]
        })?;
        let mut s = lock_write(&self.snapshot);
        s.pending.extend(pending.iter().map(Route::file));
        Ok(s.overlay(tags))
    }

    fn done(&self, changed: &[String], started: Instant) {
        if self.verbosity > Verbosity::Quiet {
            eprintln!(
                "built in {} ms: {}",
                started.elapsed().as_millis(),
                crate::diagnostic::plural(changed.len(), "file changed", "files changed")
            );
        }
        // Sent after the write lock is released: a reload asks for the new files.
        let _ = self.changes.send(read(&self.snapshot).sent(changed));
    }

    fn failed(&self, errors: &[Diagnostic]) {
        crate::commands::print_diagnostics_only(errors, self.verbosity);
        eprintln!("error: the build failed; still serving the last good site");
        let message = {
            let mut s = lock_write(&self.snapshot);
            s.errors = errors.iter().map(ErrorView::from).collect();
            s.sent(&[])
        };
        let _ = self.changes.send(message);
    }
}

fn lock_write(s: &RwLock<Snapshot>) -> std::sync::RwLockWriteGuard<'_, Snapshot> {
    s.write().unwrap_or_else(|e| e.into_inner())
}

fn read(s: &RwLock<Snapshot>) -> std::sync::RwLockReadGuard<'_, Snapshot> {
    s.read().unwrap_or_else(|e| e.into_inner())
}

fn temp_error(e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        crate::diagnostic::Code::Io,
        format!(
            "cannot write in the temporary folder: {}",
            crate::io_error::reason(e, &std::env::temp_dir())
        ),
    )
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
