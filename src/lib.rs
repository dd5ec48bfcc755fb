//! dossier: read a collection of news articles like an analyst.
//!
//! Data flows one way: [`corpus`] (load, decode, clean, title/source/date) → [`extract`]
//! (people, dates) → [`timeline`] (catalogue and discovered events) → [`model`] (the linked,
//! indexed corpus) → the terminal UI and the command line. The core never prints and never
//! touches the terminal: it returns values and typed errors.

pub mod annotations;
pub mod cache;
pub mod calendar;
pub mod cli;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod filter;
pub mod isolate;
pub mod lexicon;
pub mod model;
pub mod progress;
pub mod stamp;
pub mod store;
pub mod text;
pub mod timeline;
pub mod tui;
