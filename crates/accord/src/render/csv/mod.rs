//! CSV renderings of reports, one file per report.

pub mod frontier;
pub mod tournament;
