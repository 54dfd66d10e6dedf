//! The workbench in a real browser: headless Chromium driven through
//! chromedriver (W3C WebDriver over HTTP on loopback), as a user would use
//! it — load the page, move a slider and see the zone change, open a plan,
//! run the Monte Carlo, export the briefing.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs
//! them). Where they are missing the test says so and passes, except under
//! CI (`CI` set), where it fails.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::util::*;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find(names: &[&str]) -> Option<PathBuf> {
    names.iter().map(PathBuf::from).find(|p| p.is_file())
}

/// chromedriver on a free loopback port, killed when dropped.
struct Driver {
    child: Child,
    base: String,
    session: Option<String>,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(s) = &self.session {
            let _ = agent().delete(&format!("{}/session/{s}", self.base)).call();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start(driver: &PathBuf, chromium: &PathBuf) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let profile = tempfile::tempdir().unwrap();
        let mut d = Driver {
            child,
            base: format!("http://127.0.0.1:{port}"),
            session: None,
            _profile: profile,
        };
        let start = Instant::now();
        while agent().get(&format!("{}/status", d.base)).call().is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                         "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=1400,1800",
                         format!("--user-data-dir={}", d._profile.path().display())],
            }
        }}});
        let v = d.call("POST", "/session", caps);
        d.session = Some(v["sessionId"].as_str().unwrap().to_string());
        d
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let a = agent();
        let mut r = match method {
            "GET" => a.get(&url).call(),
            _ => a
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.to_string()),
        }
        .unwrap();
        let text = r
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(
            r.status().is_success(),
            "WebDriver {method} {path}: {}",
            &text[..text.len().min(2000)]
        );
        v["value"].clone()
    }

    fn session(&self, method: &str, path: &str, body: Value) -> Value {
        let s = self.session.as_deref().unwrap();
        self.call(method, &format!("/session/{s}{path}"), body)
    }

    fn script(&self, script: &str) -> Value {
        self.session(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }

    /// Waits until `script` returns something other than null or false.
    fn until(&self, what: &str, script: &str) -> Value {
        let start = Instant::now();
        loop {
            let v = self.script(script);
            if !v.is_null() && v != json!(false) {
                return v;
            }
            if start.elapsed() > Duration::from_secs(180) {
                self.screenshot("timeout");
                panic!("timed out waiting for {what}");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn click(&self, css: &str) {
        let e = self.session(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        let id = e[ELEMENT].as_str().unwrap().to_string();
        // Out from under the sticky header, as a user scrolls to a button.
        self.session(
            "POST",
            "/execute/sync",
            json!({"script": "arguments[0].scrollIntoView({block: 'center'});", "args": [e]}),
        );
        self.session("POST", &format!("/element/{id}/click"), json!({}));
    }

    /// Saves a screenshot beside the test binaries (to look at).
    fn screenshot(&self, name: &str) {
        let png = self.session("GET", "/screenshot", json!({}));
        if let Some(b64) = png.as_str() {
            let path =
                PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("workbench-{name}.png"));
            let _ = std::fs::write(&path, base64_decode(b64));
            eprintln!("screenshot: {}", path.display());
        }
    }
}

/// Standard base64 (the screenshot's encoding).
fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for x in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(x);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[test]
fn a_user_moves_a_slider_opens_a_plan_and_exports_the_briefing() {
    let (Some(driver), Some(chromium)) = (
        find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]),
        find(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]),
    ) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test: install chromium and chromium-driver"
        );
        eprintln!("skipped: chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let run = serve();
    let d = Driver::start(&driver, &chromium);
    d.session("POST", "/url", json!({"url": run.url("/")}));

    // The page loads the scenario, validates it and shows the zone.
    let count = d.until(
        "the zone panel",
        "const e = document.querySelector('#zopa [data-zopa-count]'); return e && e.dataset.zopaCount;",
    );
    assert_eq!(
        count,
        json!("0"),
        "the buyer's reservation of 0.7 leaves no zone"
    );
    let valid = d.script("return document.getElementById('validity').textContent;");
    assert!(valid.as_str().unwrap().starts_with("Valid"), "{valid}");
    d.until(
        "the frontier chart",
        "return document.querySelector('#frontier svg') !== null;",
    );
    d.screenshot("loaded");

    // Move the buyer's reservation value down to 0.6, as a slider drag ends.
    d.script(
        "const s = document.querySelector('input[data-path=\"buyer.reservation\"]');
         s.value = '0.6';
         s.dispatchEvent(new Event('input', {bubbles: true}));
         s.dispatchEvent(new Event('change', {bubbles: true}));",
    );
    let opened = d.until(
        "the zone to open",
        "const e = document.querySelector('#zopa [data-zopa-count]');
         return e && !document.getElementById('zopa').classList.contains('stale') && e.dataset.zopaCount !== '0' && e.dataset.zopaCount;",
    );
    assert!(opened.as_str().unwrap().parse::<u64>().unwrap() > 0);
    let sets = d.script("return document.getElementById('sets').textContent;");
    assert!(
        sets.as_str()
            .unwrap()
            .contains("--set buyer.reservation=0.6"),
        "{sets}"
    );
    d.screenshot("slider");

    // Open a plan: its evaluation and its smallest repair.
    d.until(
        "the plans",
        "return document.querySelector('[data-open-plan=\"low\"]') !== null;",
    );
    d.click("[data-open-plan=\"low\"]");
    let plan = d.until(
        "the plan's repair",
        "const e = document.querySelector('#plan-repair [data-panel=repair]'); return e && document.querySelector('#plan-evaluate').textContent;",
    );
    assert!(
        plan.as_str().unwrap().contains("The buyer's opening"),
        "{plan}"
    );
    d.screenshot("plan");

    // Back to the scenario as written (the what-if fixed the buyer's
    // uncertain reservation value), then the Monte Carlo.
    d.click("#reset");
    d.until(
        "the zone to close again",
        "const e = document.querySelector('#zopa [data-zopa-count]');
         return e && !document.getElementById('zopa').classList.contains('stale') && e.dataset.zopaCount === '0';",
    );
    d.click("#run-robust");
    let robust = d.until(
        "the Monte Carlo",
        "const e = document.querySelector('#robust [data-panel=robust]'); return e && e.textContent;",
    );
    assert!(
        robust.as_str().unwrap().contains("P(a zone exists)"),
        "{robust}"
    );

    // A simulation, with its round scrubber.
    d.click("#run-simulate");
    d.until(
        "the simulated talks",
        "return document.querySelector('#simulate [data-panel=simulate]') !== null;",
    );
    let shown = d.script(
        "const s = document.querySelector('#simulate [data-scrub]');
         s.value = '0'; s.dispatchEvent(new Event('input', {bubbles: true}));
         return [...document.querySelectorAll('#simulate .round')].filter(r => !r.hidden).map(r => r.dataset.round);",
    );
    assert_eq!(shown, json!(["0"]), "the scrubber shows round 0 alone");

    // Two variants side by side: the scenario as written, and one what-if.
    d.click("#save-variant");
    d.script(
        "const s = document.querySelector('input[data-path=\"seller.reservation\"]');
         s.value = '0.1';
         s.dispatchEvent(new Event('change', {bubbles: true}));",
    );
    d.until(
        "the what-if to apply",
        "return document.getElementById('sets').textContent.includes('seller.reservation=0.1');",
    );
    d.click("#save-variant");
    let rows = d.until(
        "the variants table",
        "const t = document.querySelector('#variants table'); return t && t.rows.length === 3 && [...t.rows].map(r => r.cells[1].textContent);",
    );
    assert_eq!(rows[1], json!("the scenario as written"));
    assert!(
        rows[2].as_str().unwrap().contains("seller.reservation=0.1"),
        "{rows}"
    );
    d.screenshot("variants");

    // Export the briefing and read what was saved.
    d.click("#export");
    d.until(
        "the briefing",
        "return document.getElementById('briefing-link') !== null;",
    );
    let brief = d.session(
        "POST",
        "/execute/async",
        json!({"script": "const done = arguments[arguments.length - 1];
                fetch(document.getElementById('briefing-link').href).then(r => r.text()).then(done, e => done('failed: ' + e));",
               "args": []}),
    );
    let brief = brief.as_str().unwrap();
    assert!(brief.starts_with("<!doctype html>"));
    assert!(brief.contains("Two-issue talks"));
    assert!(brief.contains("The answer"));
    assert!(
        !brief.contains("src=") && !brief.contains("<link "),
        "self-contained"
    );
    d.screenshot("exported");
}
