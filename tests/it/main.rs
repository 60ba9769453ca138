//! Integration tests: one binary, one module per feature, each working on a
//! fixture site from `tests/fixtures/<feature>/` copied into a temporary folder.

mod assets;
mod atomic;
mod base_url;
mod chart;
mod check;
mod clock;
mod commands;
mod corpus;
mod dates;
mod determinism;
mod diagnostics;
mod diff;
mod drafts;
mod embed;
mod entities;
mod example;
mod feeds;
mod identity;
mod incremental;
mod language;
mod layout;
mod list;
mod new;
mod ordering;
mod output_safety;
mod pages;
mod sanitise;
mod scale;
mod sitemap;
mod support;
mod template_docs;
mod templates;
mod themes;
