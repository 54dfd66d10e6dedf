//! Text renderers, one file per report.

pub mod check;
pub mod evaluate;
pub mod leverage;
pub mod levers;
pub mod mediate;
pub mod repair;
pub mod robust;
