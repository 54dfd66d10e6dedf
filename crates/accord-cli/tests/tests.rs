//! Integration tests of the `accord` binary.

mod util;

mod cli;
mod validation;
