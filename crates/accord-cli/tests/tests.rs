//! Integration tests of the `accord` binary.

mod util;

mod analyst;
mod cli;
mod front;
mod golden;
mod help;
mod hostile;
mod observed;
mod sources;
mod validation;
