//! The workspace's layout rules, checked on its source (issue 11):
//! layers one way, no two files of a crate importing each other in a
//! circle, no JSON built by hand, and a CLI that depends on `accord` only.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file under `src`: `a/b.rs` and `a/b/mod.rs` are `a::b`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Code without comments and string literals (good enough for paths).
fn code_only(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = match line.find("//") {
            Some(k) => &line[..k],
            None => line,
        };
        let mut in_str = false;
        let mut prev = ' ';
        for ch in line.chars() {
            if ch == '"' && prev != '\\' {
                in_str = !in_str;
            } else if !in_str {
                out.push(ch);
            }
            prev = ch;
        }
        out.push('\n');
    }
    out
}

/// Module paths a file names: `crate::a::b`, `super::x`, `self::x` and
/// `child::x` for its own declared child modules; braces expanded one level.
fn referenced(code: &str, me: &[String], is_mod_file: bool) -> Vec<Vec<String>> {
    let children: BTreeSet<String> = code
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l
                .strip_prefix("pub(crate) ")
                .or(l.strip_prefix("pub "))
                .unwrap_or(l);
            l.strip_prefix("mod ")
                .map(|r| r.trim_end_matches(';').trim().to_string())
        })
        .collect();
    let here: Vec<String> = if is_mod_file {
        me.to_vec()
    } else {
        me[..me.len().saturating_sub(1)].to_vec()
    };
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut k = 0;
    while k < bytes.len() {
        let start_ok = k == 0
            || !(bytes[k - 1].is_alphanumeric() || bytes[k - 1] == '_' || bytes[k - 1] == ':');
        if start_ok && (bytes[k].is_alphabetic() || bytes[k] == '_') {
            let mut j = k;
            let mut segs = Vec::new();
            loop {
                let s = j;
                while j < bytes.len() && (bytes[j].is_alphanumeric() || bytes[j] == '_') {
                    j += 1;
                }
                segs.push(bytes[s..j].iter().collect::<String>());
                if j + 2 < bytes.len()
                    && bytes[j] == ':'
                    && bytes[j + 1] == ':'
                    && (bytes[j + 2].is_alphabetic() || bytes[j + 2] == '_')
                {
                    j += 2;
                } else {
                    break;
                }
            }
            if segs.len() > 1 {
                let head = segs[0].as_str();
                let path: Option<Vec<String>> = match head {
                    "crate" => Some(segs[1..].to_vec()),
                    "super" => {
                        let mut base = me.to_vec();
                        let mut rest = &segs[..];
                        while rest.first().is_some_and(|s| s == "super") {
                            base.pop();
                            rest = &rest[1..];
                        }
                        base.extend(rest.iter().cloned());
                        Some(base)
                    }
                    "self" => {
                        let mut base = here.clone();
                        base.extend(segs[1..].iter().cloned());
                        Some(base)
                    }
                    h if children.contains(h) => {
                        let mut base = here.clone();
                        base.extend(segs.iter().cloned());
                        Some(base)
                    }
                    _ => None,
                };
                if let Some(p) = path {
                    out.push(p);
                }
            }
            k = j.max(k + 1);
        } else {
            k += 1;
        }
    }
    out
}

fn cycles_in(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|f| (module_of(src, f), f.clone()))
        .collect();
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for f in &files {
        let me = module_of(src, f);
        let is_mod = matches!(
            f.file_name().and_then(|n| n.to_str()),
            Some("mod.rs" | "lib.rs" | "main.rs")
        );
        let code = code_only(&std::fs::read_to_string(f).unwrap());
        // `#[cfg(test)] mod tests` blocks may import anything of their file.
        let code = match code.find("#[cfg(test)]") {
            Some(k) => code[..k].to_string(),
            None => code,
        };
        for path in referenced(&code, &me, is_mod) {
            // The longest prefix that is a file of the crate.
            let mut p = path.clone();
            while !p.is_empty() && !modules.contains_key(&p) {
                p.pop();
            }
            if let Some(target) = modules.get(&p) {
                if target != f && !p.is_empty() {
                    edges.entry(f.clone()).or_default().insert(target.clone());
                }
            }
        }
    }
    // Every pair of files that reach each other.
    let reach = |from: &PathBuf| -> BTreeSet<PathBuf> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(x) = stack.pop() {
            for y in edges.get(&x).into_iter().flatten() {
                if seen.insert(y.clone()) {
                    stack.push(y.clone());
                }
            }
        }
        seen
    };
    let mut found = Vec::new();
    for (a, outs) in &edges {
        for b in outs {
            if reach(b).contains(a) {
                found.push(format!(
                    "{} -> {} -> … -> back",
                    a.strip_prefix(src).unwrap().display(),
                    b.strip_prefix(src).unwrap().display()
                ));
            }
        }
    }
    found
}

#[test]
fn no_two_files_of_a_crate_import_each_other_in_a_circle() {
    let mut all = Vec::new();
    for c in [
        "accord-core",
        "accord-io",
        "accord",
        "accord-web",
        "accord-cli",
    ] {
        let src = root().join("crates").join(c).join("src");
        all.extend(cycles_in(&src).into_iter().map(|x| format!("{c}: {x}")));
    }
    assert!(all.is_empty(), "import cycles:\n{}", all.join("\n"));
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let dir = std::env::temp_dir().join(format!("accord-layout-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("lib.rs"), "mod a;\nmod b;\n").unwrap();
    std::fs::write(
        dir.join("a/mod.rs"),
        "mod c;\npub use c::X;\npub struct Y;\n",
    )
    .unwrap();
    std::fs::write(dir.join("a/c.rs"), "use super::Y;\npub struct X;\n").unwrap();
    std::fs::write(dir.join("b.rs"), "use crate::a::Y;\n").unwrap();
    let found = cycles_in(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn no_json_built_by_hand_in_any_src() {
    let mut files = Vec::new();
    for c in [
        "accord-core",
        "accord-io",
        "accord",
        "accord-web",
        "accord-cli",
    ] {
        rust_files(&root().join("crates").join(c).join("src"), &mut files);
    }
    let hand: Vec<String> = files
        .iter()
        .filter(|f| code_only(&std::fs::read_to_string(f).unwrap()).contains("json!("))
        .map(|f| f.display().to_string())
        .collect();
    assert!(hand.is_empty(), "json! in {hand:?}");
}

#[test]
fn the_cli_depends_on_the_answer_layer_only() {
    let toml = std::fs::read_to_string(root().join("crates/accord-cli/Cargo.toml")).unwrap();
    let deps = toml
        .split("[dependencies]")
        .nth(1)
        .and_then(|d| d.split("\n[").next())
        .unwrap();
    for engine in ["accord-core", "accord-io"] {
        assert!(
            !deps.lines().any(|l| l.trim_start().starts_with(engine)),
            "accord-cli depends on {engine}"
        );
    }
    let mut files = Vec::new();
    rust_files(&root().join("crates/accord-cli/src"), &mut files);
    for f in files {
        let code = code_only(&std::fs::read_to_string(&f).unwrap());
        assert!(
            !code.contains("accord_core::") && !code.contains("accord_io::"),
            "{} names the engine directly",
            f.display()
        );
    }
}
