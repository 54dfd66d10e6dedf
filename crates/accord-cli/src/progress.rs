//! Progress on the terminal: an [`accord::observe::Observer`] over an
//! indicatif bar.

use accord::observe::Observer;

/// A progress bar with an ETA on stderr, or nothing (not a terminal, or
/// `--quiet`). Never cancels.
pub struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    /// Watches with `bar` (none: watches nothing).
    pub fn new(bar: Option<indicatif::ProgressBar>) -> Bar {
        Bar(bar)
    }

    /// Clears the bar from the terminal.
    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

impl Observer for Bar {
    fn progress(&self, done: u64, total: u64) {
        if let Some(b) = &self.0 {
            b.set_length(total);
            b.set_position(done);
        }
    }
}
