//! CSV renderings of reports, one file per report.

pub mod field;
pub mod frontier;
pub mod sweep;
pub mod tournament;
