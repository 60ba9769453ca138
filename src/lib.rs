//! annals: Markdown event files in, a static timeline website out.
//!
//! The pipeline, one module per stage: [`load`] → [`parse`] → [`model`] →
//! [`plan`] → [`render`] → [`write`], wired by [`site`]. See ARCHITECTURE.md.

// A `Diagnostic` is large, but it only travels on the failure path, once per
// problem; boxing it everywhere would cost clarity for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod commands;
pub mod date;
pub mod diagnostic;
pub(crate) mod diff;
pub(crate) mod escape;
pub mod feeds;
pub(crate) mod load;
pub(crate) mod markdown;
pub mod model;
pub mod output;
pub mod parse;
pub mod plan;
pub mod render;
pub mod report;
pub mod route;
pub mod site;
pub mod slug;
pub mod theme;
pub(crate) mod timing;
pub mod write;
pub mod yaml;
