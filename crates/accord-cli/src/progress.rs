//! Progress on stderr for the answer layer's long work.

/// An [`accord::observe::Observer`] over a progress bar with an ETA, on
/// stderr when it is a terminal (none with `--quiet`).
pub struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    /// A bar, shown only on a terminal and without `--quiet`.
    pub fn new(quiet: bool) -> Bar {
        use std::io::IsTerminal;
        if quiet || !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let pb = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:30} {percent}% [{elapsed} elapsed, ETA {eta}]",
        ) {
            pb.set_style(style);
        }
        Bar(Some(pb))
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

impl accord::observe::Observer for Bar {
    fn progress(&self, done: u64, total: u64) {
        if let Some(b) = &self.0 {
            b.set_length(total);
            b.set_position(done);
        }
    }
}
