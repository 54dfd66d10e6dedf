//! SVG charts of reports, one file per report (the drawing is
//! `accord_io::chart`'s).

pub mod forecast;
pub mod frontier;
pub mod simulate;
pub mod sweep;
