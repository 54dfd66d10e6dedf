//! `accord`: analyse multi-party negotiations from a scenario file.
//!
//! Exit codes: 0 success; 1 the answer is no (only `evaluate --check`: the
//! deal is not acceptable to every veto party); 2 invalid input or usage;
//! 3 an output file could not be written.

/// `eprintln!` that never panics: a message to a closed or full stderr is
/// dropped (the exit code still says what happened).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod args;
mod failure;
mod output;
mod progress;
mod run;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

// The analyses allocate many small vectors (frontier nodes, compiled
// groups); mimalloc serves them much faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match args::Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if e.is_broken_pipe() {
                return ExitCode::SUCCESS;
            }
            e.report();
            let _ = std::io::stderr().flush();
            ExitCode::from(e.exit_code())
        }
    }
}
