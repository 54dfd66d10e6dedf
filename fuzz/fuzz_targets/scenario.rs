//! The scenario reader in all three formats (the first byte picks one),
//! with the file system closed (`deal_files` must be refused, not read).
#![no_main]

use accord_io::scenario::{parse_scenario_with, FileAccess, Format};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (format, name) = match pick % 3 {
        0 => (Format::Toml, "f.toml"),
        1 => (Format::Yaml, "f.yaml"),
        _ => (Format::Json, "f.json"),
    };
    let src = common::text(rest, name);
    match parse_scenario_with(&src, format, &FileAccess::None) {
        Ok(s) => {
            // What the engine makes of it must not panic either.
            let _ = accord_core::compile::Compiled::new(&s);
        }
        Err(e) => common::render(&e),
    }
});
