//! An inline deal (`--deal issue=option,...`), a `--change` and `--set`
//! overrides on a fixed scenario, then the same lines as `--vary` ranges:
//! the input's first line is the deal (and the change), every further line
//! one override (and one range).
#![no_main]

use accord_io::scenario::{
    parse_change, parse_inline_deal, parse_scenario_with, FileAccess, Format,
};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const BASE: &str = include_str!("../../crates/accord-cli/tests/data/basic.toml");

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let deal = lines.next().unwrap_or("");
    let sets: Vec<String> = lines.take(8).map(str::to_string).collect();
    let src = accord_io::diagnostic::SourceText::new("basic.toml", BASE);
    let Ok(mut s) = parse_scenario_with(&src, Format::Toml, &FileAccess::None) else {
        panic!("the base scenario reads");
    };
    if let Err(e) = parse_inline_deal(deal, &s) {
        common::render(&e);
    }
    if let Err(e) = parse_change(deal, &s) {
        common::render(&e);
    }
    // Ranges are checked against the scenario as read, before the overrides.
    if let Err(e) = accord_io::vary::parse_vary(&sets, &s) {
        common::render(&e);
    }
    match accord_io::overrides::apply_overrides(&mut s, &sets) {
        Ok(_) => {
            let _ = accord_core::compile::Compiled::new(&s);
        }
        Err(e) => common::render(&e),
    }
});
