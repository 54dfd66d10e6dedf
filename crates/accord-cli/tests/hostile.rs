//! Hostile input: each case must end in exit 2 with a located or named
//! message, quickly, within 4 GiB of memory, without a panic, and without
//! creating, changing or showing a file it should not (issue 16). One case per class found by the
//! hostile-input campaign; the fuzz targets widen the net.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{data, repo};

struct Outcome {
    code: i32,
    stderr: String,
}

/// Address space each case may use (4 GiB): past it an allocation fails and
/// the case fails with it (an abort is no exit 2).
const MEMORY_KIB: u64 = 4 << 20;

/// Runs accord in `dir` under the memory limit, killed after `limit`.
fn run_in(dir: &Path, args: &[&str], limit: Duration) -> Outcome {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut stderr)
                .unwrap();
            return Outcome {
                code: status.code().unwrap_or(-1),
                stderr,
            };
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("accord {args:?} ran past {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every file under `dir` with its contents.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p);
            } else if meta.file_type().is_symlink() {
                out.push((
                    p.clone(),
                    std::fs::read_link(&p)
                        .unwrap()
                        .to_string_lossy()
                        .as_bytes()
                        .to_vec(),
                ));
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A refused case: exit 2, a message, no panic, nothing on disk changed.
#[track_caller]
fn refused(dir: &Path, args: &[&str], needle: &str) -> String {
    let before = snapshot(dir);
    let o = run_in(dir, args, Duration::from_secs(20));
    assert_eq!(o.code, 2, "accord {args:?}: exit {}\n{}", o.code, o.stderr);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    assert!(
        o.stderr.contains(needle),
        "stderr lacks {needle:?}:\n{}",
        cut(&o.stderr)
    );
    assert_eq!(before, snapshot(dir), "accord {args:?} changed files");
    o.stderr
}

fn cut(s: &str) -> String {
    s.chars().take(2000).collect()
}

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn an_error_past_column_65535_is_shown_in_a_window() {
    let dir = scratch();
    let name = "x".repeat(70_000);
    std::fs::write(
        dir.path().join("long.json"),
        format!(r#"{{"scenario": {{"name": "{name}", "bogus": 1}}}}"#),
    )
    .unwrap();
    let err = refused(dir.path(), &["check", "long.json"], "long.json:1:70027");
    assert!(
        err.len() < 20_000,
        "the snippet is not cut: {} bytes",
        err.len()
    );
    std::fs::write(
        dir.path().join("long.toml"),
        format!("[scenario]\nname = \"{}\"\nbad = 1\n", "é".repeat(70_000)),
    )
    .unwrap();
    let err = refused(dir.path(), &["check", "long.toml"], "long.toml:3:1");
    assert!(err.len() < 20_000, "{} bytes", err.len());
    let scenario = repo("examples/ukraine-2025/scenario.toml");
    let deal = format!("donetsk={}", "x".repeat(70_000));
    let err = refused(
        dir.path(),
        &["evaluate", scenario.to_str().unwrap(), "--deal", &deal],
        "--deal:1:9",
    );
    assert!(err.len() < 20_000, "{} bytes", err.len());
}

#[test]
fn deal_files_outside_the_scenario_folder_are_refused_unread() {
    let dir = scratch();
    let basic = std::fs::read_to_string(data("basic.toml")).unwrap();
    for target in ["/etc/passwd", "../secret.toml"] {
        let text = basic.replacen(
            "[scenario]",
            &format!("deal_files = [\"{target}\"]\n[scenario]"),
            1,
        );
        std::fs::write(dir.path().join("s.toml"), text).unwrap();
        let err = refused(dir.path(), &["check", "s.toml"], "s.toml:1:");
        assert!(!err.contains("root:"), "{}", cut(&err));
    }
}

#[test]
fn outputs_never_replace_inputs_devices_or_what_a_link_points_to() {
    let dir = scratch();
    let scenario = dir.path().join("s.toml");
    std::fs::copy(data("basic.toml"), &scenario).unwrap();
    // The chart may not overwrite the scenario it was drawn from.
    refused(
        dir.path(),
        &["frontier", "s.toml", "--svg", "s.toml"],
        "is an input",
    );
    // Nor a device.
    let o = run_in(
        dir.path(),
        &["frontier", "s.toml", "--svg", "/dev/null"],
        Duration::from_secs(20),
    );
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("not a regular file"), "{}", o.stderr);
    // A link planted at the output is replaced; its target is untouched.
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&victim, dir.path().join("out.svg")).unwrap();
        let o = run_in(
            dir.path(),
            &["frontier", "s.toml", "--svg", "out.svg"],
            Duration::from_secs(20),
        );
        assert_eq!(o.code, 0, "{}", o.stderr);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert!(std::fs::read_to_string(dir.path().join("out.svg"))
            .unwrap()
            .contains("<svg"));
    }
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn sizes_past_their_limits_are_refused_at_once() {
    let dir = scratch();
    let sim = data("sim.toml");
    let ukraine = repo("examples/ukraine-2025/scenario.toml");
    let (sim, ukraine) = (sim.to_str().unwrap(), ukraine.to_str().unwrap());
    refused(
        dir.path(),
        &["simulate", sim, "--rounds", "1000000000000"],
        "--rounds",
    );
    refused(
        dir.path(),
        &["tournament", sim, "--seeds", "1000000000", "-q"],
        "--seeds",
    );
    refused(
        dir.path(),
        &["tournament", sim, "--rounds", "100000000", "-q"],
        "--rounds",
    );
    refused(
        dir.path(),
        &["robust", ukraine, "--samples", "100000000", "-q"],
        "--samples",
    );
}

/// Three parties over two issues of 5,000 points: the second merge step
/// would form 25 million partial sums. Refused before the work, for every
/// question that needs a frontier.
#[test]
fn a_frontier_past_the_merge_limit_is_refused_before_the_work() {
    let dir = scratch();
    let mut t = String::from("[scenario]\nname = \"wide\"\n");
    for p in ["a", "b", "c"] {
        t += &format!("[[parties]]\nid = \"{p}\"\nrole = \"principal\"\nreservation = 0.1\n");
    }
    for i in ["x", "y"] {
        t += &format!("[[issues]]\nid = \"{i}\"\ntype = \"integer\"\nmin = 0\nmax = 4999\n");
    }
    let shapes = [
        ("a", "[[0, 1.0], [4999, 0.0]]"),
        ("b", "[[0, 0.0], [4999, 1.0]]"),
        ("c", "[[0, 0.0], [2500, 1.0], [4999, 0.0]]"),
    ];
    for (p, v) in shapes {
        t += &format!(
            "[preferences.{p}]\nweights = {{ x = 1, y = 1 }}\nvalues.x = {v}\nvalues.y = {v}\n"
        );
    }
    std::fs::write(dir.path().join("wide.toml"), t).unwrap();
    for cmd in [
        &["analyze", "wide.toml"][..],
        &["frontier", "wide.toml", "--parties", "a,b"],
        &["leverage", "wide.toml"],
        &["mediate", "wide.toml", "--press", "a"],
        &["simulate", "wide.toml", "-q"],
    ] {
        let err = refused(dir.path(), cmd, "too large to compute");
        assert!(err.contains("16,777,216 partial sums"), "{err}");
        assert!(err.contains("fewer parties"), "{err}");
    }
}

/// 200 two-option issues and three parties: a frontier of a few thousand
/// points, each point's first package found in one pass (this took minutes
/// when each issue of each point re-walked the whole merge graph).
#[test]
fn many_small_issues_are_analysed_quickly() {
    let dir = scratch();
    let mut t = String::from("[scenario]\nname = \"many\"\n");
    for p in ["a", "b", "c"] {
        t += &format!("[[parties]]\nid = \"{p}\"\nrole = \"principal\"\nreservation = 0.0\n");
    }
    for i in 0..200 {
        t +=
            &format!("[[issues]]\nid = \"i{i}\"\noptions = [{{ id = \"x\" }}, {{ id = \"y\" }}]\n");
    }
    let mut rng = 7u64;
    for p in ["a", "b", "c"] {
        let mut w = Vec::new();
        let mut v = String::new();
        for i in 0..200 {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            w.push(format!("i{i} = {}", 1 + (rng >> 62)));
            let x = (rng >> 33) & 1;
            v += &format!("values.i{i} = {{ x = {x}, y = {} }}\n", 1 - x);
        }
        t += &format!("[preferences.{p}]\nweights = {{ {} }}\n{v}", w.join(", "));
    }
    std::fs::write(dir.path().join("many.toml"), t).unwrap();
    let o = run_in(
        dir.path(),
        &["analyze", "many.toml", "--json"],
        Duration::from_secs(60),
    );
    assert_eq!(o.code, 0, "{}", cut(&o.stderr));
}

#[test]
fn an_infinite_number_is_no_option() {
    let dir = scratch();
    let basic = data("basic.toml");
    let basic = basic.to_str().unwrap();
    for deal in [
        "price=inf,delivery=slow",
        "price=-inf,delivery=slow",
        "price=nan,delivery=slow",
    ] {
        refused(
            dir.path(),
            &["evaluate", basic, "--deal", deal],
            "--deal:1:",
        );
    }
}

#[test]
fn a_number_past_f64_or_nan_is_named_for_what_it_is() {
    let dir = scratch();
    let basic = std::fs::read_to_string(data("basic.toml")).unwrap();
    for (bad, says) in [("1e400", "infinite"), ("nan", "NaN"), ("-inf", "infinite")] {
        let text = basic.replacen("reservation = 0.3", &format!("reservation = {bad}"), 1);
        assert_ne!(text, basic, "basic.toml has no `reservation = 0.3`");
        std::fs::write(dir.path().join("s.toml"), text).unwrap();
        let err = refused(dir.path(), &["check", "s.toml"], says);
        assert!(!err.contains("found a number"), "{}", cut(&err));
    }
}

/// A Genius real issue whose bounds span f64 (10 steps overflow) or whose
/// points collapse at 12 significant digits is refused at the range, and
/// nothing is written; a GeniusWeb range up to 1e308 imports to a file that
/// reads back, written with exponents rather than 300-digit integers.
#[test]
fn imports_write_what_reads_back_or_nothing() {
    let dir = scratch();
    let src = repo("crates/accord-io/tests/data/genius/SingleRealIssue");
    for (lb, ub) in [("-1.7e308", "1.7e308"), ("1e15", "1.0000000000001e15")] {
        for f in ["single_issue_domain", "buyer_utility", "seller_utility"] {
            let t = std::fs::read_to_string(src.join(format!("{f}.xml"))).unwrap();
            let t = t.replace(
                "lowerbound=\"10.0\" upperbound=\"40.0\"",
                &format!("lowerbound=\"{lb}\" upperbound=\"{ub}\""),
            );
            std::fs::write(dir.path().join(format!("{f}.xml")), t).unwrap();
        }
        let err = refused(
            dir.path(),
            &[
                "import",
                "genius",
                "single_issue_domain.xml",
                "buyer_utility.xml",
                "seller_utility.xml",
                "-o",
                "out.toml",
            ],
            "single_issue_domain.xml:9:1",
        );
        assert!(err.contains("distinct, finite points"), "{err}");
    }
    let profile = |name: &str, lu: u8| {
        format!(
            r#"{{"LinearAdditiveUtilitySpace": {{"issueUtilities": {{"price": {{"numberutils": {{"lowValue": 0, "lowUtility": {lu}, "highValue": 1e308, "highUtility": {hu}}}}}}}, "issueWeights": {{"price": 1.0}}, "domain": {{"name": "d", "issuesValues": {{"price": {{"range": {{"low": 0, "high": 1e308, "step": 1e307}}}}}}}}, "name": "{name}"}}}}"#,
            hu = 1 - lu
        )
    };
    std::fs::write(dir.path().join("a.json"), profile("a", 0)).unwrap();
    std::fs::write(dir.path().join("b.json"), profile("b", 1)).unwrap();
    let o = run_in(
        dir.path(),
        &["import", "geniusweb", "a.json", "b.json", "-o", "out.toml"],
        Duration::from_secs(20),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let written = std::fs::read_to_string(dir.path().join("out.toml")).unwrap();
    assert!(written.contains("max = 1.0e308"), "{written}");
    assert!(!written.contains("00000000000000000000"), "{written}");
    let o = run_in(dir.path(), &["check", "out.toml"], Duration::from_secs(20));
    assert_eq!(o.code, 0, "{}", o.stderr);
}

/// Lines and columns count characters and break at LF, CRLF or a lone CR,
/// the same in the message and in the snippet's header, in every format.
#[test]
fn locations_count_characters_and_every_line_ending() {
    let dir = scratch();
    let cases: [(&str, String, &str); 5] = [
        (
            "wide.json",
            format!(
                "{{\"scenario\": {{\"name\": \"{}\"}}, \"parties\": [{{\"id\": \"ä\", \"role\": \"principal\", \"reservation\": 0.1,, }}]}}\n",
                "é€".repeat(40)
            ),
            "wide.json:1:172",
        ),
        (
            "accents.toml",
            "[scenario]\nname = \"ééééé\"\n[[parties]]\nid = \"a\"\nrole = \"principal\"\nreservation = 0.1\nname = \"äöü\" ; foo = 1\n".into(),
            "accents.toml:7:14",
        ),
        (
            "mac.yaml",
            "scenario:\r  name: x\rparties:\r  - id: a\r    role: principal\r    reservation: 0.1\r    foo: 1\r".into(),
            "mac.yaml:7:5",
        ),
        (
            "mac.json",
            "{\"scenario\": {\"name\": \"x\"},\r \"parties\": [{\"id\": \"a\", \"role\": \"principal\",\r \"reservation\": 0.1, \"foo\": 1}]}".into(),
            "mac.json:3:22",
        ),
        (
            "dos.toml",
            "[scenario]\r\nname = \"x\"\r\n[[parties]]\r\nid = \"a\"\r\nrole = \"principal\"\r\nreservation = 0.1\r\nfoo = 1\r\n".into(),
            "dos.toml:7:1",
        ),
    ];
    for (name, text, at) in cases {
        std::fs::write(dir.path().join(name), text).unwrap();
        let err = refused(dir.path(), &["check", name], at);
        let header = format!("[{at}]");
        assert!(
            err.contains(&header),
            "{name}: the snippet's header is not {header}:\n{err}"
        );
    }
}

/// A closed stderr is no panic: the exit code still tells.
#[test]
fn a_closed_stderr_is_no_panic() {
    let dir = scratch();
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["check", "missing.toml"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2));
}

/// A forecast reads at most 500 actors and a CSV at most 100,000 rows; past
/// that it stops at the row, before allocating for the rest.
#[test]
fn actor_files_past_their_limits_are_refused_at_the_row() {
    let dir = scratch();
    let mut t = String::from("actor,capability,position,salience\n");
    for i in 0..600 {
        t += &format!("a{i},1,{},0.5\n", i % 100);
    }
    std::fs::write(dir.path().join("actors.csv"), &t).unwrap();
    refused(dir.path(), &["forecast", "actors.csv"], "actors.csv:502:1");
    let mut v = String::from("issue,actor,capability,position,salience\n");
    for i in 0..600 {
        v += &format!("x,a{i},1,{},0.5\n", i % 100);
    }
    std::fs::write(dir.path().join("set.csv"), &v).unwrap();
    std::fs::write(dir.path().join("outcomes.csv"), "issue,outcome\nx,50\n").unwrap();
    refused(
        dir.path(),
        &[
            "forecast",
            "--validate",
            "set.csv",
            "--outcomes",
            "outcomes.csv",
        ],
        "more than 500 actors",
    );
    let mut w = String::from("issue,actor,capability,position,salience\n");
    for i in 0..100_001 {
        w += &format!("x{},a,1,1,0.5\n", i);
    }
    std::fs::write(dir.path().join("rows.csv"), &w).unwrap();
    refused(
        dir.path(),
        &[
            "forecast",
            "--validate",
            "rows.csv",
            "--outcomes",
            "outcomes.csv",
        ],
        "more than 100000 rows",
    );
}

/// Values for an issue that has no weight (a weight deleted by mistake) are
/// an error at the values, not silently ignored; weight 0 keeps them.
#[test]
fn values_without_a_weight_are_named() {
    let dir = scratch();
    let base = std::fs::read_to_string(data("basic.toml")).unwrap();
    let cut = base.replace(
        "weights = { price = 2, delivery = 1 }",
        "weights = { price = 2 }",
    );
    assert_ne!(base, cut);
    std::fs::write(dir.path().join("cut.toml"), &cut).unwrap();
    let err = refused(dir.path(), &["check", "cut.toml"], "cut.toml:39:8");
    assert!(err.contains("but no weight"), "{err}");
    let zero = base.replace(
        "weights = { price = 2, delivery = 1 }",
        "weights = { price = 2, delivery = 0 }",
    );
    std::fs::write(dir.path().join("zero.toml"), zero).unwrap();
    let o = run_in(dir.path(), &["check", "zero.toml"], Duration::from_secs(20));
    assert_eq!(o.code, 0, "{}", o.stderr);
}

/// Eight writers of one chart at once all succeed, and the chart is whole:
/// each writes its own temporary file and renames it into place.
#[test]
fn concurrent_writers_of_one_output_all_succeed() {
    let dir = scratch();
    std::fs::copy(data("basic.toml"), dir.path().join("s.toml")).unwrap();
    let children: Vec<_> = (0..8)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_accord"))
                .args(["frontier", "s.toml", "--svg", "out.svg", "-q"])
                .current_dir(dir.path())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let svg = std::fs::read_to_string(dir.path().join("out.svg")).unwrap();
    assert!(svg.trim_end().ends_with("</svg>"), "a torn chart");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "s.toml" && n != "out.svg")
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}
