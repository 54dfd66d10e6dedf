//! Text renderers, one file per report.

pub mod check;
pub mod evaluate;
