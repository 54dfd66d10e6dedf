//! A small harness: start a server on 127.0.0.1 (any free port), talk to
//! it, stop it when the test ends.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::Duration;

use accord_web::{Config, Editable, Server, Stopper};

/// Path to a file under `tests/data`.
pub fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

/// The small test scenario as the page would hold it.
pub fn talks() -> Editable {
    Editable::load(&data("talks.toml")).unwrap()
}

/// A running server; dropping it stops it and waits for it to end.
pub struct Running {
    pub base: String,
    pub port: u16,
    stopper: Stopper,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Running {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stopper.stop();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts a server with `config` (port 0) on a thread of its own. It is
/// bounded: it stops by itself after five minutes whatever the test does.
pub fn start(mut config: Config) -> Running {
    config.port = 0;
    config.max_duration = Some(Duration::from_secs(300));
    let server = Server::bind(config).unwrap();
    let addr = server.addr();
    assert!(addr.ip().is_loopback(), "tests bind loopback only");
    let stopper = server.stopper();
    let thread = std::thread::spawn(move || server.run());
    Running {
        base: format!("http://{addr}"),
        port: addr.port(),
        stopper,
        thread: Some(thread),
    }
}

/// A server on the small test scenario with the default limits.
pub fn serve() -> Running {
    start(Config::local(0, talks()))
}

/// An HTTP client that returns every status as a response.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

/// A response: status and body.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// `POST path` with a JSON body.
pub fn post(run: &Running, path: &str, body: &str) -> Answer {
    let mut r = agent()
        .post(&run.url(path))
        .header("Content-Type", "application/json")
        .send(body)
        .unwrap();
    answer(&mut r)
}

/// `GET path`.
pub fn get(run: &Running, path: &str) -> Answer {
    let mut r = agent().get(&run.url(path)).call().unwrap();
    answer(&mut r)
}

fn answer(r: &mut ureq::http::Response<ureq::Body>) -> Answer {
    let content_type = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    Answer {
        status: r.status().as_u16(),
        content_type,
        body: r
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .unwrap(),
    }
}

/// The body of `POST /api/v1/run` for the test scenario (or `text`).
pub fn run_body(text: &str, sets: &[&str], request: serde_json::Value, render: &str) -> String {
    serde_json::json!({
        "scenario": {"format": "toml", "text": text},
        "set": sets,
        "request": request,
        "render": render,
    })
    .to_string()
}

/// One raw HTTP/1.1 exchange, headers as given (to send a `Host` or
/// `Origin` a client library would not): the status code.
pub fn raw_status(run: &Running, request: &str) -> u16 {
    let mut s = TcpStream::connect(("127.0.0.1", run.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut head = [0u8; 12];
    s.read_exact(&mut head).unwrap();
    let line = String::from_utf8_lossy(&head);
    line[9..12].parse().unwrap()
}
