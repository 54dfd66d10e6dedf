//! Every command's `--help` ends with an example on the bundled scenario,
//! and the example runs. Examples run in a scratch folder holding copies of
//! the folders of the files they name, so that what they write (exports,
//! imports) lands there and never in the repository.

use std::path::Path;
use std::process::Command;

use crate::util::{accord, repo};

/// Every command, as typed after `accord` (import and export with each of
/// their subcommands); the top level first.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["check"],
    &["analyze"],
    &["frontier"],
    &["compare"],
    &["evaluate"],
    &["leverage"],
    &["repair"],
    &["mediate"],
    &["sweep"],
    &["robust"],
    &["calibrate"],
    &["simulate"],
    &["tournament"],
    &["report"],
    &["serve"],
    &["forecast"],
    &["import"],
    &["import", "genius"],
    &["import", "geniusweb"],
    &["export"],
    &["export", "genius"],
];

/// The subcommands a help text lists under `Commands:` (`help` aside).
fn listed(help: &str) -> Vec<String> {
    let Some(at) = help.find("Commands:\n") else {
        return Vec::new();
    };
    help[at + "Commands:\n".len()..]
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(String::from)
        .collect()
}

/// The command lines of a help text's example: the lines after its last
/// `Example` that start with `  accord `, as arguments.
fn example_lines(help: &str) -> Vec<Vec<String>> {
    let at = help.rfind("Example").unwrap_or(help.len());
    help[at..]
        .lines()
        .filter_map(|l| l.strip_prefix("  accord "))
        .map(|l| l.split_whitespace().map(String::from).collect())
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap();
        if p.is_dir() {
            copy_dir(&p, &to.join(name));
        } else {
            std::fs::copy(&p, to.join(name)).unwrap();
        }
    }
}

fn help_of(command: &[&str]) -> String {
    let mut args = command.to_vec();
    args.push("--help");
    let r = accord(&args);
    r.ok();
    r.stdout
}

#[test]
fn the_list_of_commands_is_complete() {
    let top: Vec<String> = COMMANDS
        .iter()
        .filter(|c| c.len() == 1)
        .map(|c| c[0].to_string())
        .collect();
    let mut have = listed(&help_of(&[]));
    let mut want = top.clone();
    have.sort();
    want.sort();
    assert_eq!(have, want, "commands of `accord --help`");
    for group in ["import", "export"] {
        let mut want: Vec<String> = COMMANDS
            .iter()
            .filter(|c| c.len() == 2 && c[0] == group)
            .map(|c| c[1].to_string())
            .collect();
        let mut have = listed(&help_of(&[group]));
        want.sort();
        have.sort();
        assert_eq!(have, want, "subcommands of `accord {group} --help`");
    }
}

#[test]
fn every_help_ends_with_an_example_that_runs() {
    for command in COMMANDS {
        let name = format!("accord {}", command.join(" "));
        let help = help_of(command);
        let at = help
            .rfind("Example")
            .unwrap_or_else(|| panic!("`{name} --help` has no example:\n{help}"));
        assert!(
            !help[at..].contains("Options:") && !help[at..].contains("Usage:"),
            "`{name} --help` does not end with its example:\n{help}"
        );
        let lines = example_lines(&help);
        assert!(
            !lines.is_empty(),
            "`{name} --help`: no command line in the example"
        );
        for line in &lines {
            assert!(
                line.iter()
                    .any(|a| a == "examples/ukraine-2025/scenario.toml")
                    || command.contains(&"geniusweb")
                    || line.iter().any(|a| a.starts_with("ukraine-genius/")),
                "`{name} --help`: the example is not on the bundled scenario: {line:?}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        for arg in lines.iter().flatten() {
            let file = repo(arg);
            if file.is_file() {
                let folder = Path::new(arg).parent().unwrap();
                if !dir.path().join(folder).exists() {
                    copy_dir(&repo(&folder.to_string_lossy()), &dir.path().join(folder));
                }
            }
        }
        for line in &lines {
            let mut line = line.clone();
            if command.first() == Some(&"serve") {
                // A server runs until stopped: here for two seconds on any port.
                line.extend(["--port", "0", "--max-seconds", "2"].map(String::from));
            }
            let out = Command::new(env!("CARGO_BIN_EXE_accord"))
                .args(&line)
                .current_dir(dir.path())
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "`{name} --help`: `accord {}` exits {:?}\n{}",
                line.join(" "),
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
