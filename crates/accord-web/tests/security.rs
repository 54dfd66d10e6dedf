//! What the server refuses: other Hosts (DNS rebinding), other Origins,
//! bodies over the limit, a posted scenario that names files, and paths
//! outside its own assets.

use accord_web::{Config, Limits};
use serde_json::json;

use crate::util::*;

fn get_with(run: &Running, path: &str, headers: &str) -> u16 {
    raw_status(
        run,
        &format!("GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"),
    )
}

#[test]
fn only_its_own_host_is_answered() {
    let run = serve();
    let port = run.port;
    let own = format!("Host: 127.0.0.1:{port}\r\n");
    assert_eq!(get_with(&run, "/api/v1/health", &own), 200);
    assert_eq!(
        get_with(
            &run,
            "/api/v1/health",
            &format!("Host: localhost:{port}\r\n")
        ),
        200
    );
    for host in [
        format!("Host: evil.example:{port}\r\n"),
        "Host: attacker.example\r\n".to_string(),
        format!("Host: 127.0.0.1:{}\r\n", port.wrapping_add(1)),
        String::new(),
    ] {
        assert_eq!(get_with(&run, "/api/v1/health", &host), 403, "{host:?}");
        assert_eq!(get_with(&run, "/", &host), 403, "{host:?}");
    }
}

#[test]
fn cross_origin_requests_are_refused() {
    let run = serve();
    let port = run.port;
    let host = format!("Host: 127.0.0.1:{port}\r\n");
    let same = format!("{host}Origin: http://127.0.0.1:{port}\r\n");
    assert_eq!(get_with(&run, "/api/v1/health", &same), 200);
    for origin in [
        "http://evil.example",
        "null",
        &format!("http://localhost:{}", port + 1),
    ] {
        let h = format!("{host}Origin: {origin}\r\n");
        assert_eq!(get_with(&run, "/api/v1/health", &h), 403, "{origin}");
    }
    // A cross-origin POST never reaches the answer layer.
    let body = run_body(&talks().text, &[], json!({"command": "check"}), "json");
    let post = format!(
        "POST /api/v1/run HTTP/1.1\r\n{host}Origin: http://evil.example\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    assert_eq!(raw_status(&run, &post), 403);
}

#[test]
fn a_body_over_the_limit_is_413() {
    let mut config = Config::local(0, talks());
    config.limits = Limits {
        body_bytes: 64 * 1024,
        ..Limits::default()
    };
    let run = start(config);
    let text = format!("# {}\n{}", "x".repeat(100 * 1024), talks().text);
    let a = post(
        &run,
        "/api/v1/run",
        &run_body(&text, &[], json!({"command": "check"}), "json"),
    );
    assert_eq!(a.status, 413, "{}", a.body);
    assert_eq!(a.json()["kind"], "too_large");
    // Just under it is answered.
    let ok = post(
        &run,
        "/api/v1/run",
        &run_body(&talks().text, &[], json!({"command": "check"}), "json"),
    );
    assert_eq!(ok.status, 200);
}

#[test]
fn the_default_body_limit_is_ten_mebibytes() {
    assert_eq!(accord_web::MAX_BODY_BYTES, 10 * 1024 * 1024);
    assert_eq!(Limits::default().body_bytes, accord_web::MAX_BODY_BYTES);
}

#[test]
fn a_posted_scenario_reads_no_file() {
    let run = serve();
    let secret =
        std::env::temp_dir().join(format!("accord-web-secret-{}.toml", std::process::id()));
    std::fs::write(&secret, "[[deals]]\nid = \"secret\"\nname = \"TOP SECRET CONTENT\"\npackage = { price = 150, delivery = \"fast\" }\n").unwrap();
    let path = secret.display().to_string();
    let text = talks().text.replacen(
        "[scenario]",
        &format!("deal_files = [{path:?}]\n[scenario]"),
        1,
    );
    let a = post(
        &run,
        "/api/v1/run",
        &run_body(&text, &[], json!({"command": "check"}), "json"),
    );
    assert_eq!(a.status, 400, "{}", a.body);
    assert!(a.body.contains("deal_files"), "{}", a.body);
    assert!(!a.body.contains("TOP SECRET"));
    let b = post(
        &run,
        "/api/v1/run",
        &run_body(
            &talks().text,
            &[],
            json!({"command": "evaluate", "deal": path}),
            "json",
        ),
    );
    assert_eq!(b.status, 422, "{}", b.body);
    assert!(!b.body.contains("TOP SECRET"));
    let c = post(
        &run,
        "/api/v1/run",
        &run_body(
            &talks().text,
            &[],
            json!({"command": "evaluate", "deal": "/etc/passwd"}),
            "json",
        ),
    );
    assert_eq!(c.status, 422);
    assert!(!c.body.contains("root:"));
    std::fs::remove_file(&secret).unwrap();
}

#[test]
fn only_the_pages_own_assets_are_served() {
    let run = serve();
    let host = format!("Host: 127.0.0.1:{}\r\n", run.port);
    assert_eq!(get_with(&run, "/assets/app.js", &host), 200);
    assert_eq!(get_with(&run, "/assets/app.css", &host), 200);
    for path in [
        "/assets/../Cargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/assets//etc/passwd",
        "/../../../../etc/passwd",
        "/assets/index.html",
    ] {
        let status = get_with(&run, path, &host);
        assert!(status == 404 || status == 400, "{path}: {status}");
    }
    let page = get(&run, "/");
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains("http://") && !page.body.contains("https://"),
        "no external resource"
    );
}

#[test]
fn security_headers_on_every_answer() {
    let run = serve();
    let r = agent().get(&run.url("/")).call().unwrap();
    let h = r.headers();
    assert!(h
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("default-src 'self'"));
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
}
