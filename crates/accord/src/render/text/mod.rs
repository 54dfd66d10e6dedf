//! Text renderers, one file per report.

pub mod analyze;
pub mod briefing;
pub mod calibrate;
pub mod check;
pub mod compare;
pub mod evaluate;
pub mod forecast;
pub mod frontier;
pub mod leverage;
pub mod levers;
pub mod mediate;
pub mod repair;
pub mod robust;
pub mod simulate;
pub mod sweep;
pub mod tournament;
pub mod validation;
