//! The briefing (`accord report`) and the workbench's server (`accord
//! serve`) as a user meets them from the command line.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::util::*;

fn s(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn report_is_self_contained_deterministic_and_answers_first() {
    let dir = tempfile::tempdir().unwrap();
    let file = data("imposed.toml");
    let out = dir.path().join("brief.html");
    accord(&["report", s(&file), "-o", s(&out)]).ok();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    // No external resource: no script or style or image fetched from anywhere.
    // (Links to the scenario's sources are anchors, not resources.)
    for needle in [
        "src=",
        "@import",
        "url(",
        "<link ",
        "<script src",
        "<iframe",
    ] {
        assert!(!html.contains(needle), "{needle}");
    }
    let answer = html.find("The answer").unwrap();
    let details = html.find("The details").unwrap();
    assert!(answer < details, "the answer comes first");
    assert!(html.contains("Split the difference"), "plans by name");
    assert!(html.contains("Next day"), "options by label");
    // The same bytes on a second run.
    let again = dir.path().join("again.html");
    accord(&["report", s(&file), "-o", s(&again), "-q"]).ok();
    assert_eq!(html, std::fs::read_to_string(&again).unwrap());
    // The embedded JSON is the briefing's --json.
    let start = html.find("id=\"accord-data\">").unwrap() + "id=\"accord-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let embedded: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    let json = accord(&["report", s(&file), "--json"]).ok().json();
    assert_eq!(embedded, json);
    assert_eq!(json["analysis"]["zopa"]["empty"], true);
    assert_eq!(json["plans"][0]["id"], "split");
    assert_eq!(json["mediation"][0]["party"], "buyer");
    assert!(json["robust"].is_null(), "no distributions, no Monte Carlo");
}

#[test]
fn report_links_the_addresses_the_scenario_cites() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("cited.toml");
    let text = std::fs::read_to_string(data("basic.toml"))
        .unwrap()
        .replace(
            "description = \"A buyer and a seller; a mediator who wants a quick deal.\"",
            "description = \"A buyer and a seller (see https://example.org/talks?id=1&x=2).\"",
        );
    std::fs::write(&f, text).unwrap();
    let html = accord(&["report", s(&f)]).ok().stdout.clone();
    // minijinja escapes `/` too (`&#x2f;`), which a browser reads back.
    assert!(
        html.contains("<a href=\"https:&#x2f;&#x2f;example.org&#x2f;talks?id=1&amp;x=2\">"),
        "escaped and linked"
    );
    let json = accord(&["report", s(&f), "--json"]).ok().json();
    assert_eq!(
        json["sources"],
        serde_json::json!(["https://example.org/talks?id=1&x=2"])
    );
    let md = accord(&["report", s(&f), "--format", "md"])
        .ok()
        .stdout
        .clone();
    assert!(md.contains("1. <https://example.org/talks?id=1&x=2>"));
}

#[test]
fn report_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.md");
    accord(&["report", s(&data("basic.toml")), "-o", s(&out)]).ok();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# Briefing: Two-issue example"), "{md}");
    assert!(md.contains("## The answer"));
    assert!(md.contains("| Plan | Verdict |"));
    let stdout = accord(&["report", s(&data("basic.toml")), "--format", "md"])
        .ok()
        .stdout
        .clone();
    assert_eq!(stdout, md);
}

#[test]
fn report_never_overwrites_its_input_and_bad_input_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::copy(data("basic.toml"), &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    accord(&["report", s(&file), "-o", s(&file)])
        .code(2)
        .stderr_has("input");
    assert_eq!(before, std::fs::read(&file).unwrap());
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[scenario]\nname = 3\n").unwrap();
    let out = dir.path().join("never.html");
    accord(&["report", s(&bad), "-o", s(&out)])
        .code(2)
        .stderr_has("bad.toml:2");
    assert!(!out.exists(), "nothing written on bad input");
    accord(&["report", s(&file), "--format", "pdf"]).code(2);
}

/// `accord serve` started on a free port: the address it prints, and the
/// child, killed when dropped.
struct Served {
    child: std::process::Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(file: &std::path::Path) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args([
            "serve",
            s(file),
            "--port",
            "0",
            "--max-seconds",
            "120",
            "--max-requests",
            "50",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    assert!(
        addr.starts_with("127.0.0.1:"),
        "binds loopback by default: {addr}"
    );
    Served { child, addr }
}

/// One HTTP/1.1 POST; the status and body.
fn post(addr: &str, path: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        let mut out = String::new();
        let mut rest = rest;
        loop {
            let (size, after) = rest.split_once("\r\n").unwrap();
            let n = usize::from_str_radix(size.trim(), 16).unwrap();
            if n == 0 {
                break;
            }
            out.push_str(&after[..n]);
            rest = &after[n + 2..];
        }
        out
    } else {
        rest.to_string()
    };
    (status, body)
}

#[test]
fn serve_answers_with_exactly_the_clis_json() {
    let file = data("imposed.toml");
    let served = serve(&file);
    let text = std::fs::read_to_string(&file).unwrap();
    let cases: [(&[&str], serde_json::Value); 4] = [
        (
            &["evaluate", "--deal", "split"],
            serde_json::json!({"command": "evaluate", "deal": "split"}),
        ),
        (&["leverage"], serde_json::json!({"command": "leverage"})),
        (
            &["mediate", "--press", "buyer", "--curve"],
            serde_json::json!({"command": "mediate", "press": ["buyer"], "curve": true}),
        ),
        (
            &["repair", "--deal", "split", "--limit", "2"],
            serde_json::json!({"command": "repair", "deal": "split", "limit": 2}),
        ),
    ];
    for (args, request) in cases {
        let mut cli_args = args.to_vec();
        cli_args.push(s(&file));
        cli_args.push("--json");
        let cli = accord(&cli_args).ok().stdout.clone();
        let body = serde_json::json!({
            "scenario": {"format": "toml", "text": text},
            "set": [],
            "request": request,
        });
        let (status, answer) = post(&served.addr, "/api/v1/run", &body.to_string());
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer, cli, "{args:?}");
    }
}

#[test]
fn serve_refuses_set_and_a_taken_port() {
    accord(&[
        "--set",
        "buyer.reservation=0.5",
        "serve",
        "--port",
        "0",
        "--max-seconds",
        "1",
    ])
    .code(2);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    accord(&["serve", "--port", &port, "--max-seconds", "1"])
        .code(2)
        .stderr_has("--port");
}

#[test]
fn robust_shards_merge_to_the_same_bytes_as_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let f = repo("examples/ukraine-2025/scenario.toml");
    let one = accord(&["robust", s(&f), "--samples", "900", "--seed", "5", "--json"])
        .ok()
        .stdout
        .clone();
    let mut parts = Vec::new();
    for k in 1..=4 {
        let p = dir.path().join(format!("part-{k}.json"));
        accord(&[
            "robust",
            s(&f),
            "--samples",
            "900",
            "--seed",
            "5",
            "--shard",
            &format!("{k}/4"),
            "-o",
            s(&p),
        ])
        .ok();
        parts.push(p);
    }
    // Any order.
    let mut args: Vec<&str> = vec!["robust", "--json", "--merge"];
    args.extend([&parts[2], &parts[0], &parts[3], &parts[1]].map(|p| s(p)));
    assert_eq!(accord(&args).ok().stdout, one);
    // The text too.
    let text = accord(&["robust", s(&f), "--samples", "900", "--seed", "5"])
        .ok()
        .stdout
        .clone();
    let mut args: Vec<&str> = vec!["robust", "--merge"];
    args.extend(parts.iter().map(|p| s(p)));
    assert_eq!(accord(&args).ok().stdout, text);
    // A missing shard, a broken part, a bad --shard: exit 2, located.
    accord(&[
        "robust",
        "--merge",
        s(&parts[0]),
        s(&parts[1]),
        s(&parts[2]),
    ])
    .code(2)
    .stderr_has("shard 4/4 is missing");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"accord_shard\": 1,\n \"command\": ").unwrap();
    accord(&["robust", "--merge", s(&broken)])
        .code(2)
        .stderr_has("broken.json:2:");
    accord(&["robust", s(&f), "--shard", "5/4"])
        .code(2)
        .stderr_has("--shard 5/4");
}

#[test]
fn sweep_shards_merge_to_the_same_bytes_as_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let f = repo("examples/ukraine-2025/scenario.toml");
    let question = [
        "--vary",
        "russia.reservation=0.6:0.8:0.05",
        "--command",
        "mediate",
        "--press",
        "ukraine",
    ];
    let run = |extra: &[&str]| {
        let mut args = vec!["sweep", s(&f)];
        args.extend(question);
        args.extend(extra);
        accord(&args).ok().stdout.clone()
    };
    let (json, text, csv) = (run(&["--json"]), run(&[]), run(&["--csv"]));
    let mut parts = Vec::new();
    for k in 1..=3 {
        let p = dir.path().join(format!("part-{k}.json"));
        let shard = format!("{k}/3");
        let mut args = vec!["sweep", s(&f)];
        args.extend(question);
        args.extend(["--shard", &shard, "-o", s(&p)]);
        accord(&args).ok();
        parts.push(p);
    }
    let merged = |extra: &[&str]| {
        let mut args: Vec<&str> = vec!["sweep"];
        args.extend(extra);
        args.push("--merge");
        args.extend([&parts[2], &parts[0], &parts[1]].map(|p| s(p)));
        accord(&args).ok().stdout.clone()
    };
    assert_eq!(merged(&["--json"]), json);
    assert_eq!(merged(&[]), text);
    assert_eq!(merged(&["--csv"]), csv);
    // A robust part is refused, located; a missing shard is named.
    accord(&["sweep", "--merge", s(&parts[0]), s(&parts[2])])
        .code(2)
        .stderr_has("shard 2/3 is missing");
    let robust = dir.path().join("robust.json");
    accord(&[
        "robust",
        s(&f),
        "--samples",
        "50",
        "--shard",
        "1/1",
        "-o",
        s(&robust),
    ])
    .ok();
    accord(&["sweep", "--merge", s(&robust)])
        .code(2)
        .stderr_has("robust.json:");
}

#[test]
fn tournament_shards_merge_to_the_one_run_but_its_timing() {
    let dir = tempfile::tempdir().unwrap();
    let f = repo("examples/ukraine-2025/scenario.toml");
    let g = repo("crates/accord-cli/tests/data/observations.toml");
    let settings = [
        "--strategies",
        "boulware,linear,hardliner",
        "--protocol",
        "alternating",
        "--seeds",
        "3",
        "--rounds",
        "30",
    ];
    let run = |extra: &[&str]| {
        let mut args = vec!["tournament", s(&f), s(&g)];
        args.extend(settings);
        args.extend(extra);
        accord(&args).ok().stdout.clone()
    };
    let without_timing = |json: &str| {
        let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
        let o = v.as_object_mut().unwrap();
        o.remove("seconds");
        o.remove("negotiations_per_second");
        v
    };
    let (json, csv) = (run(&["--json"]), run(&["--csv"]));
    let mut parts = Vec::new();
    for k in 1..=4 {
        let p = dir.path().join(format!("part-{k}.json"));
        let shard = format!("{k}/4");
        accord(
            &[
                &["tournament", s(&f), s(&g)][..],
                &settings[..],
                &["--shard", &shard, "-o", s(&p)][..],
            ]
            .concat(),
        )
        .ok();
        parts.push(p);
    }
    let merged = |extra: &str| {
        let mut args: Vec<&str> = vec!["tournament", extra, "--merge"];
        args.extend([&parts[3], &parts[1], &parts[0], &parts[2]].map(|p| s(p)));
        accord(&args).ok().stdout.clone()
    };
    assert_eq!(merged("--csv"), csv);
    assert_eq!(without_timing(&merged("--json")), without_timing(&json));
    accord(&["tournament", "--merge", s(&parts[0]), s(&parts[0])])
        .code(2)
        .stderr_has("given twice");
}
