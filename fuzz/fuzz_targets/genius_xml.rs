//! The Genius XML readers: a domain and one profile (split at the first
//! NUL byte), imported with a few real steps.
#![no_main]

use accord_io::genius::{import_genius, ImportOptions, SourceFile};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let (domain, profile) = common::split(data);
    let domain = SourceFile {
        name: "domain.xml",
        stem: "domain",
        text: &domain,
    };
    let profiles = [SourceFile {
        name: "party.xml",
        stem: "party",
        text: &profile,
    }];
    match import_genius(&domain, &profiles, &ImportOptions { real_steps: 4 }) {
        Ok(s) => {
            common::reads_back(&s);
        }
        Err(e) => common::render(&e),
    }
});
