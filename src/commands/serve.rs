//! `annals serve`: the options, handed to `crate::serve`, which owns the server.

use super::{Exit, Verbosity};
use crate::site::Options;

/// Serves the site at `--root` on `bind:port` until interrupted.
pub fn run(
    opts: &Options,
    port: u16,
    bind: std::net::IpAddr,
    open: bool,
    verbosity: Verbosity,
) -> Exit {
    crate::serve::run(
        opts,
        &crate::serve::ServeOptions { port, bind, open },
        verbosity,
    )
}
