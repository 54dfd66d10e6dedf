//! CSV renderings of reports, one file per report.

pub mod tournament;
