//! Integration tests of the `accord` binary.

mod util;

mod cli;
mod golden;
mod hostile;
mod validation;
