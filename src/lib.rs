//! annals: Markdown event files in, a static timeline website out.
//!
//! The pipeline, one module per stage: [`load`] → [`parse`] → [`model`] →
//! [`plan`] → [`render`] → [`write`], wired by [`site`]. See ARCHITECTURE.md.

// A `Diagnostic` is large, but it only travels on the failure path, once per
// problem; boxing it everywhere would cost clarity for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod commands;
pub(crate) mod date;
pub mod diagnostic;
pub(crate) mod diff;
pub(crate) mod escape;
pub(crate) mod feeds;
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod import;
pub(crate) mod io_error;
pub(crate) mod load;
pub(crate) mod markdown;
pub(crate) mod model;
pub(crate) mod output;
pub(crate) mod parse;
pub(crate) mod plan;
pub(crate) mod render;
pub mod report;
pub(crate) mod route;
pub(crate) mod search;
pub(crate) mod serve;
pub mod site;
pub(crate) mod slug;
pub(crate) mod spill;
pub(crate) mod text;
pub(crate) mod theme;
pub(crate) mod timing;
pub mod write;
pub(crate) mod yaml;
