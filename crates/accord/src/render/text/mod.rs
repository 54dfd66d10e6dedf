//! Text renderers, one file per report.

pub mod analyze;
pub mod check;
pub mod evaluate;
pub mod frontier;
