//! Integration tests of the `accord` binary.

mod util;

mod analyst;
mod cli;
mod golden;
mod hostile;
mod validation;
