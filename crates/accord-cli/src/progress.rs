//! Progress on stderr: an [`accord::observe::Observer`] over an indicatif
//! bar, shown only on a terminal and without `--quiet`.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A spinner with a message that turns into a bar of `unit` once work
/// reports its steps; nothing when stderr is not a terminal or `--quiet`.
pub struct Progress {
    bar: Option<ProgressBar>,
    counting: Option<ProgressStyle>,
}

impl Progress {
    /// A spinner saying `message`; steps are counted in `unit`.
    pub fn steps(quiet: bool, message: &'static str, unit: &str) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                counting: None,
            };
        }
        let pb = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} [{elapsed}]") {
            pb.set_style(style);
        }
        pb.set_message(message);
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress {
            bar: Some(pb),
            counting: ProgressStyle::with_template(&format!(
                "{{spinner}} {{msg}} [{{elapsed}}] {{bar:30}} {{pos}}/{{len}} {unit}"
            ))
            .ok(),
        }
    }

    /// A bar with an ETA for work that reports its units from the start
    /// (samples, negotiations).
    pub fn bar(quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress {
                bar: None,
                counting: None,
            };
        }
        let pb = ProgressBar::new(0);
        let style =
            ProgressStyle::with_template("{bar:30} {percent}% [{elapsed} elapsed, ETA {eta}]").ok();
        if let Some(st) = &style {
            pb.set_style(st.clone());
        }
        Progress {
            bar: Some(pb),
            counting: style,
        }
    }

    /// Clears the display.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

impl accord::observe::Observer for Progress {
    fn progress(&self, done: u64, total: u64) {
        let Some(b) = &self.bar else { return };
        if b.length() != Some(total) {
            if let Some(st) = &self.counting {
                b.set_style(st.clone());
            }
            b.set_length(total);
        }
        b.set_position(done);
    }
}
