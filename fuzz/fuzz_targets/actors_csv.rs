//! The actor CSVs: KTAB's SMP layout or `actor,capability,position,salience`
//! (the first byte even), or a validation set and its outcomes (odd; the
//! two files split at the first NUL byte).
#![no_main]

use accord_io::actors::{parse_actors, parse_validation};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    if pick % 2 == 0 {
        if let Err(e) = parse_actors(&common::text(rest, "actors.csv")) {
            common::render(&e);
        }
    } else {
        let (a, o) = common::split(rest);
        let a = accord_io::diagnostic::SourceText::new("set.csv", a);
        let o = accord_io::diagnostic::SourceText::new("outcomes.csv", o);
        if let Err(e) = parse_validation(&a, &o) {
            common::render(&e);
        }
    }
});
