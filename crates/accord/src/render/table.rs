//! The house style of tables and numbers.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

use crate::report::value::Count;

/// A table in the house style (fits the terminal).
pub fn table() -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t
}

/// A table in the house style whose long texts wrap: it fits the terminal,
/// or 100 columns where there is none (pipes, files).
pub fn wrapped() -> Table {
    let mut t = table();
    if t.width().is_none() {
        t.set_width(100);
    }
    t
}

/// A right-aligned cell (numbers).
pub fn right(s: impl ToString) -> Cell {
    Cell::new(s.to_string()).set_alignment(CellAlignment::Right)
}

/// Groups digits: 1234567 → 1,234,567.
pub fn grouped(n: &Count) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, ch) in s.chars().enumerate() {
        if k > 0 && (s.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A count, grouped, with its order of magnitude when large.
pub fn sci(n: &Count) -> String {
    let s = n.to_string();
    if s.len() <= 7 {
        grouped(n)
    } else {
        format!("{} (≈{}.{}e{})", grouped(n), &s[..1], &s[1..3], s.len() - 1)
    }
}

/// "s" unless exactly one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
