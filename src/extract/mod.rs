//! The second stage: people and date expressions found in the cleaned articles.

pub mod dates;
pub mod names;
pub mod people;
pub mod posts;
pub mod tokens;
