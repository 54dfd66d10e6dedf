//! The house style of tables and numbers.

use std::fmt;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Row, Table, Width};

use crate::render::context::Layout;
use crate::report::value::Count;

/// A table in the house style, fitted to a [`Layout`]'s width when it is
/// shown: cells wrap at spaces, and no column is narrower than its longest
/// word (up to half the width), so that ids are never cut in two.
#[derive(Debug, Clone)]
pub struct Grid {
    table: Table,
    width: u16,
}

/// A table in the house style, to be fitted to `layout`.
pub fn table(layout: Layout) -> Grid {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    Grid {
        table: t,
        width: layout.width,
    }
}

impl Grid {
    /// Sets the header row.
    pub fn set_header<T: Into<Row>>(&mut self, row: T) -> &mut Self {
        self.table.set_header(row);
        self
    }

    /// Adds a row.
    pub fn add_row<T: Into<Row>>(&mut self, row: T) -> &mut Self {
        self.table.add_row(row);
        self
    }
}

/// The widest word of a cell, in characters.
fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

impl fmt::Display for Grid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut t = self.table.clone();
        t.set_width(self.width);
        let cap = usize::from(self.width / 2);
        let floors: Vec<usize> = (0..t.column_count())
            .map(|k| {
                t.column_cells_with_header_iter(k)
                    .flatten()
                    .map(|c| longest_word(&c.content()))
                    .max()
                    .unwrap_or(0)
                    .min(cap)
            })
            .collect();
        for (column, floor) in t.column_iter_mut().zip(floors) {
            // The boundary counts the padding too. (At most half of a u16
            // width, a floor fits a u16.)
            let floor = u16::try_from(floor)
                .unwrap_or(u16::MAX)
                .saturating_add(column.padding_width());
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(floor)));
        }
        write!(f, "{t}")
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_fit_the_width_and_never_cut_a_word() {
        let mut t = table(Layout::new(60));
        t.set_header(vec!["issue", "options"]);
        t.add_row(vec![
            "zaporizhzhia_kherson",
            "withdraw_dmz_russian, land_swap, mutual_dmz_referendum, freeze_line",
        ]);
        let text = t.to_string();
        assert!(text.lines().count() > 5, "the options should wrap:\n{text}");
        for line in text.lines() {
            assert!(line.chars().count() <= 60, "{line:?} is wider than 60");
        }
        for id in [
            "zaporizhzhia_kherson",
            "withdraw_dmz_russian",
            "mutual_dmz_referendum,",
        ] {
            assert!(text.contains(id), "{id} was cut:\n{text}");
        }
    }

    #[test]
    fn a_word_wider_than_half_the_width_may_be_cut() {
        let long = "x".repeat(70);
        let mut t = table(Layout::new(40));
        t.add_row(vec![long.as_str()]);
        for line in t.to_string().lines() {
            assert!(line.chars().count() <= 40, "{line:?}");
        }
    }
}
