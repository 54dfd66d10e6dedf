//! One observer-and-cancel interface for all long work.
//!
//! Long computations (the analysis, Monte Carlo, tournaments, sweeps) report
//! progress through an [`Observer`] and ask it, between units of work,
//! whether to stop. A cancelled computation returns early with whatever the
//! caller's API says (usually an error of kind "cancelled"); it never returns
//! a partial result as if it were complete.

/// Watches long work: progress, and whether to stop.
pub trait Observer: Sync {
    /// `done` of `total` units are finished (called from any thread, often).
    fn progress(&self, done: u64, total: u64) {
        let _ = (done, total);
    }

    /// Whether the work should stop as soon as it can.
    fn cancelled(&self) -> bool {
        false
    }
}

/// An observer that watches nothing and never cancels.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Observer for Silent {}
