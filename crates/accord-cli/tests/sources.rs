//! The Ukraine example's citations: every `[n]` in its files and in the
//! walkthrough resolves in `examples/ukraine-2025/SOURCES.md`, which keeps
//! the fact sheet's reliability marks.

use std::collections::BTreeMap;

use crate::util::repo;

/// The citations `[n]` (n a number, maybe with a letter: `[23b]`) in a
/// text, each with the marks written right after its group of citations
/// (`[41][RS][42]` marks 41; `[13][14][U]` marks 13 and 14).
fn citations(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut k = 0;
    while k < b.len() {
        if b[k] != b'[' {
            k += 1;
            continue;
        }
        // A group: [a][b]… then marks [U][RS][C][I][2026].
        let mut ids = Vec::new();
        let mut marks = Vec::new();
        let mut j = k;
        while j < b.len() && b[j] == b'[' {
            let Some(end) = text[j..].find(']').map(|e| j + e) else {
                break;
            };
            let inner = &text[j + 1..end];
            let is_id = !inner.is_empty()
                && inner.len() <= 4
                && inner.chars().next().is_some_and(|c| c.is_ascii_digit())
                && inner.chars().all(|c| c.is_ascii_alphanumeric())
                && inner != "2026";
            if is_id && marks.is_empty() {
                ids.push(inner.to_string());
            } else if ["U", "RS", "C", "I", "2026"].contains(&inner) {
                marks.push(inner.to_string());
            } else {
                break;
            }
            j = end + 1;
        }
        if ids.is_empty() {
            k += 1;
            continue;
        }
        for id in ids {
            out.push((id, marks.clone()));
        }
        k = j;
    }
    out
}

/// SOURCES.md: n → its marks.
fn sources() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(repo("examples/ukraine-2025/SOURCES.md")).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("| [") else {
            continue;
        };
        let (id, rest) = rest.split_once(']').unwrap();
        let cells: Vec<&str> = rest.split('|').map(str::trim).collect();
        // cells: "", address, date, marks, note, ""
        assert!(
            cells[1].starts_with("http"),
            "[{id}] has no address: {line}"
        );
        let marks = cells[3]
            .split_whitespace()
            .filter(|m| ["[U]", "[RS]", "2026"].contains(m))
            .map(|m| m.trim_matches(|c| c == '[' || c == ']').to_string())
            .collect();
        assert!(out.insert(id.to_string(), marks).is_none(), "[{id}] twice");
    }
    out
}

fn files() -> Vec<std::path::PathBuf> {
    let mut out = vec![
        repo("examples/ukraine-2025/scenario.toml"),
        repo("examples/ukraine-2025/README.md"),
        repo("docs/examples/ukraine-2025.md"),
    ];
    for e in std::fs::read_dir(repo("examples/ukraine-2025/deals")).unwrap() {
        out.push(e.unwrap().path());
    }
    out.sort();
    out
}

#[test]
fn every_citation_resolves() {
    let known = sources();
    assert!(known.len() > 50);
    let mut missing = Vec::new();
    let mut seen = 0;
    for f in files() {
        let text = std::fs::read_to_string(&f).unwrap();
        for (id, _) in citations(&text) {
            seen += 1;
            if !known.contains_key(&id) {
                missing.push(format!("{}: [{id}]", f.display()));
            }
        }
    }
    assert!(seen > 100, "only {seen} citations found");
    assert!(
        missing.is_empty(),
        "citations without a source in SOURCES.md:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_fact_sheets_marks_are_kept() {
    let known = sources();
    let marks = |n: &str| known[n].iter().map(String::as_str).collect::<Vec<_>>();
    assert_eq!(marks("47"), ["U"]);
    assert_eq!(marks("41"), ["RS"]);
    assert_eq!(marks("18"), ["RS"]);
    assert_eq!(marks("74"), ["2026"]);
    assert_eq!(marks("29"), ["RS", "2026"]);
    assert_eq!(marks("59"), ["2026"]);
    // Every citation of a marked source, in the example's files and in the
    // walkthrough's prose, carries the source's marks beside it.
    let mut unmarked = Vec::new();
    let mut checked = 0;
    for f in files() {
        let text = std::fs::read_to_string(&f).unwrap();
        let text = if f.extension().is_some_and(|e| e == "md") {
            prose(&text)
        } else {
            text
        };
        for (id, ms) in citations(&text) {
            let Some(want) = known.get(&id) else { continue };
            if want.is_empty() {
                continue;
            }
            checked += 1;
            let lacks: Vec<&String> = want.iter().filter(|m| !ms.contains(m)).collect();
            if !lacks.is_empty() {
                unmarked.push(format!("{}: [{id}] without {lacks:?}", f.display()));
            }
        }
    }
    assert!(checked > 20, "only {checked} marked citations found");
    assert!(
        unmarked.is_empty(),
        "citations without their source's marks:\n{}",
        unmarked.join("\n")
    );
}

/// A Markdown text without its console blocks (the program's output quotes
/// the scenario, which is checked itself).
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("```") {
            inside = !inside;
            continue;
        }
        if !inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn citation_groups_and_marks_are_read() {
    let c = citations("a [41][RS][42], b [13][14][U]; [23b] and [2026] (a year) [x]");
    let got: Vec<(&str, Vec<&str>)> = c
        .iter()
        .map(|(i, m)| (i.as_str(), m.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("41", vec!["RS"]),
            ("42", vec![]),
            ("13", vec!["U"]),
            ("14", vec!["U"]),
            ("23b", vec![]),
        ]
    );
}
