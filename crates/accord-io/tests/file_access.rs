//! The file-access policy: scenario text does not touch the file system
//! unless given a folder, and a scenario's `deal_files` never make accord
//! read (or echo) a file outside the scenario's folder.

use std::path::Path;

use accord_core::model::Scenario;
use accord_io::diagnostic::SourceText;
use accord_io::scenario::{
    load_scenario, parse_scenario, parse_scenario_with, resolve_deal, FileAccess, Format,
};
use accord_io::{Error, ErrorKind};

/// A line no error may ever show: it is in a file outside the scenario's folder.
const SECRET: &str = "hunter2 = the-secret-line";

fn scenario_text(deal_files: &[&str]) -> String {
    let list: Vec<String> = deal_files.iter().map(|f| format!("{f:?}")).collect();
    format!(
        r#"deal_files = [{}]

[scenario]
name = "t"

[[parties]]
id = "a"
role = "principal"
reservation = 0.1

[[issues]]
id = "x"
options = [{{ id = "yes" }}, {{ id = "no" }}]

[preferences.a]
weights = {{ x = 1 }}
values.x = {{ yes = 1.0, no = 0.0 }}
"#,
        list.join(", ")
    )
}

const DEAL: &str = "id = \"inside\"\npackage = { x = \"yes\" }\n";

/// Everything an error can show: its message, its plain form, and the
/// miette report of each located problem (with its source snippet).
fn rendered(e: &Error) -> String {
    let mut out = format!("{e}\n{}\n{e:?}\n", e.plain());
    for ie in e.input_errors() {
        out.push_str(&format!("{:?}\n", miette::Report::new(ie.clone())));
    }
    out
}

/// A folder with `secret.toml` (outside) and `scen/` (the scenario's folder).
fn layout() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("secret.toml"), format!("{SECRET}\n")).unwrap();
    std::fs::create_dir_all(root.path().join("scen/deals")).unwrap();
    std::fs::write(root.path().join("scen/deals/d.toml"), DEAL).unwrap();
    root
}

fn write_scenario(root: &Path, deal_files: &[&str]) -> std::path::PathBuf {
    let p = root.join("scen/scenario.toml");
    std::fs::write(&p, scenario_text(deal_files)).unwrap();
    p
}

/// The error is one located problem at the first `deal_files` entry (line 1
/// of the scenario), and shows nothing of the secret.
fn assert_refused(e: &Error, scenario_name: &str, says: &str) {
    assert_eq!(e.kind(), ErrorKind::Input, "{e}");
    let [ie] = e.input_errors() else {
        panic!("expected one located error, got {e}");
    };
    assert!(
        ie.source.name.ends_with(scenario_name),
        "located in {}",
        ie.source.name
    );
    assert_eq!(ie.line_col().0, 1, "{e}");
    assert!(
        ie.source.text.starts_with("deal_files"),
        "the snippet is the scenario"
    );
    assert!(ie.message.contains(says), "{}", ie.message);
    let all = rendered(e);
    assert!(!all.contains("hunter2"), "the secret leaked:\n{all}");
}

#[test]
fn text_without_a_folder_refuses_deal_files_without_reading() {
    let src = SourceText::new("given.toml", scenario_text(&["deals/d.toml"]));
    let e = parse_scenario_with(&src, Format::Toml, &FileAccess::None).unwrap_err();
    assert_refused(&e, "given.toml", "need a scenario on disk");
    assert!(e.plain().starts_with("given.toml:1:15:"), "{}", e.plain());
    // The old entry point without a folder is the same policy.
    let e = parse_scenario(&src, Format::Toml, None).unwrap_err();
    assert_refused(&e, "given.toml", "this scenario was given as text");
    // Text without deal files needs no folder.
    let src = SourceText::new("given.toml", scenario_text(&[]));
    parse_scenario_with(&src, Format::Toml, &FileAccess::None).unwrap();
}

#[test]
fn deal_files_inside_the_folder_are_read() {
    let root = layout();
    let p = write_scenario(root.path(), &["deals/d.toml", "./deals/../deals/d2.toml"]);
    std::fs::write(
        root.path().join("scen/deals/d2.toml"),
        DEAL.replace("inside", "inside2"),
    )
    .unwrap();
    let s = load_scenario(&p).unwrap();
    let ids: Vec<&str> = s.deals.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["inside", "inside2"]);
    // Text handed the folder reads them too.
    let src = SourceText::new("t.toml", scenario_text(&["deals/d.toml"]));
    let within = FileAccess::Within(root.path().join("scen"));
    let s = parse_scenario_with(&src, Format::Toml, &within).unwrap();
    assert_eq!(s.deals[0].id, "inside");
}

#[test]
fn a_missing_deal_file_is_located() {
    let root = layout();
    let p = write_scenario(root.path(), &["deals/none.toml"]);
    let e = load_scenario(&p).unwrap_err();
    assert_refused(&e, "scenario.toml", "cannot read deal file");
}

#[test]
fn parent_paths_are_refused() {
    let root = layout();
    let p = write_scenario(root.path(), &["../secret.toml"]);
    let e = load_scenario(&p).unwrap_err();
    assert_refused(&e, "scenario.toml", "outside the scenario's folder");
    let p = write_scenario(root.path(), &["deals/../../secret.toml"]);
    let e = load_scenario(&p).unwrap_err();
    assert_refused(&e, "scenario.toml", "outside the scenario's folder");
    // Also when the target does not exist: nothing is asked of the file system.
    let p = write_scenario(root.path(), &["../x.toml"]);
    let e = load_scenario(&p).unwrap_err();
    assert_refused(&e, "scenario.toml", "outside the scenario's folder");
}

#[test]
fn absolute_paths_are_refused() {
    let root = layout();
    let secret = root.path().join("secret.toml");
    let p = write_scenario(root.path(), &[secret.to_str().unwrap()]);
    let e = load_scenario(&p).unwrap_err();
    assert_refused(&e, "scenario.toml", "outside the scenario's folder");
    // Even a path into the folder itself is refused when absolute.
    let inside = root.path().join("scen/deals/d.toml");
    let p = write_scenario(root.path(), &[inside.to_str().unwrap()]);
    let e = load_scenario(&p).unwrap_err();
    assert_refused(&e, "scenario.toml", "outside the scenario's folder");

    let p = write_scenario(root.path(), &["/etc/passwd"]);
    let e = load_scenario(&p).unwrap_err();
    assert_refused(&e, "scenario.toml", "outside the scenario's folder");
    if let Ok(passwd) = std::fs::read_to_string("/etc/passwd") {
        let all = rendered(&e);
        for line in passwd.lines().filter(|l| !l.trim().is_empty()) {
            assert!(!all.contains(line), "/etc/passwd leaked: {line}");
        }
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_folder_are_refused() {
    use std::os::unix::fs::symlink;
    let root = layout();
    let scen = root.path().join("scen");
    symlink(root.path().join("secret.toml"), scen.join("link.toml")).unwrap();
    symlink(root.path(), scen.join("up")).unwrap();
    symlink("/etc/passwd", scen.join("passwd.toml")).unwrap();
    for entry in ["link.toml", "up/secret.toml", "passwd.toml"] {
        let p = write_scenario(root.path(), &[entry]);
        let e = load_scenario(&p).unwrap_err();
        assert_refused(&e, "scenario.toml", "symbolic link");
    }
    // A symlink that stays inside the folder is fine.
    symlink(scen.join("deals/d.toml"), scen.join("alias.toml")).unwrap();
    let p = write_scenario(root.path(), &["alias.toml"]);
    assert_eq!(load_scenario(&p).unwrap().deals[0].id, "inside");
}

#[test]
fn a_deal_the_user_names_may_be_anywhere() {
    let root = layout();
    let p = write_scenario(root.path(), &[]);
    let s: Scenario = load_scenario(&p).unwrap();
    let outside = root.path().join("elsewhere.toml");
    std::fs::write(&outside, DEAL.replace("inside", "named")).unwrap();
    let d = resolve_deal(outside.to_str().unwrap(), &s).unwrap();
    assert_eq!(d.id, "named");
}

#[test]
fn error_kinds() {
    let e = load_scenario(Path::new("/no/such/scenario.toml")).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Io);
    assert!(e.is_io() && e.is_not_found() && !e.is_input(), "{e}");
    let src = SourceText::new("bad.toml", "this is = = not toml");
    let e = parse_scenario_with(&src, Format::Toml, &FileAccess::None).unwrap_err();
    assert!(e.is_input() && !e.is_io() && !e.is_not_found(), "{e}");
    assert!(e.plain().starts_with("bad.toml:1:"), "{}", e.plain());
}
