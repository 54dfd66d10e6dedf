//! The GeniusWeb JSON reader: two profiles split at the first NUL byte.
#![no_main]

use accord_io::genius::{import_geniusweb, ImportOptions, SourceFile};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (a, b) = common::split(data);
    let profiles = [
        SourceFile {
            name: "a.json",
            stem: "a",
            text: &a,
        },
        SourceFile {
            name: "b.json",
            stem: "b",
            text: &b,
        },
    ];
    match import_geniusweb(&profiles, &ImportOptions { real_steps: 4 }) {
        Ok(s) => {
            common::reads_back(&s);
        }
        Err(e) => common::render(&e),
    }
});
