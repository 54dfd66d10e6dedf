//! `accord serve`: a local web workbench and a versioned HTTP API over the
//! answer layer.
//!
//! The server translates HTTP into [`accord::Request`]s and
//! [`accord::Report`]s into bodies; it computes nothing itself, so
//! `POST /api/v1/run` answers with exactly the JSON the CLI's `--json`
//! prints (docs/http-api.md).
//!
//! It is built for one user on one machine: it binds 127.0.0.1 unless told
//! otherwise, accepts only requests whose `Host` names the address it is
//! bound to (against DNS rebinding) and whose `Origin`, if any, is its own,
//! never lets a posted scenario read a file, and bounds every request in
//! body size, time and the number running at once.
//!
//! # Example
//!
//! ```no_run
//! let config = accord_web::Config::local(0, accord_web::bundled_example().unwrap());
//! let server = accord_web::Server::bind(config).unwrap();
//! println!("{}", server.url());
//! server.run().unwrap();
//! ```

#![deny(missing_docs)]

mod api;
mod assets;
mod guard;
mod problem;
mod work;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub use accord::Editable;

/// The largest request body (10 MiB): a larger one gets 413.
pub const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;
/// The longest a request may compute (120 s): past it, 503.
pub const MAX_SECONDS: u64 = 120;

/// How much work one request may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest request body in bytes (413 above).
    pub body_bytes: usize,
    /// The longest one request may wait and compute (503 past it).
    pub seconds: u64,
    /// How many requests compute at once; the others wait their turn.
    pub workers: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            body_bytes: MAX_BODY_BYTES,
            seconds: MAX_SECONDS,
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to bind (default 127.0.0.1).
    pub host: IpAddr,
    /// The port (0: any free port).
    pub port: u16,
    /// More names a `Host` header may give (besides the bound address, and
    /// `localhost` when it is a loopback address).
    pub allowed_hosts: Vec<String>,
    /// The scenario the page opens with.
    pub scenario: Editable,
    /// Per-request bounds.
    pub limits: Limits,
    /// Stop after answering this many requests (for tests and scripts).
    pub max_requests: Option<u64>,
    /// Stop after this long.
    pub max_duration: Option<Duration>,
}

impl Config {
    /// A server on 127.0.0.1 at `port` that opens with `scenario`.
    pub fn local(port: u16, scenario: Editable) -> Config {
        Config {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port,
            allowed_hosts: Vec::new(),
            scenario,
            limits: Limits::default(),
            max_requests: None,
            max_duration: None,
        }
    }
}

/// The bundled example (the Ukraine talks of late 2025), its four plans
/// written in, for a server started without a file.
///
/// # Errors
///
/// A temporary folder to read it from could not be made.
pub fn bundled_example() -> Result<Editable, accord::Error> {
    const FILES: [(&str, &str); 5] = [
        (
            "scenario.toml",
            include_str!("../../../examples/ukraine-2025/scenario.toml"),
        ),
        (
            "deals/us-28-point.toml",
            include_str!("../../../examples/ukraine-2025/deals/us-28-point.toml"),
        ),
        (
            "deals/e3-counter.toml",
            include_str!("../../../examples/ukraine-2025/deals/e3-counter.toml"),
        ),
        (
            "deals/geneva-19-point.toml",
            include_str!("../../../examples/ukraine-2025/deals/geneva-19-point.toml"),
        ),
        (
            "deals/framework-20-point.toml",
            include_str!("../../../examples/ukraine-2025/deals/framework-20-point.toml"),
        ),
    ];
    let failed = |e: std::io::Error| {
        accord::Error::output(format!("cannot unpack the bundled example: {e}"))
    };
    let dir = tempfile::tempdir().map_err(failed)?;
    std::fs::create_dir(dir.path().join("deals")).map_err(failed)?;
    for (name, text) in FILES {
        std::fs::write(dir.path().join(name), text).map_err(failed)?;
    }
    let mut e = Editable::load(&dir.path().join("scenario.toml"))?;
    e.name = "ukraine-2025.toml".into();
    Ok(e)
}

/// What every handler shares.
pub(crate) struct State {
    pub(crate) config: Config,
    /// `Host` values accepted (lower case, with the port).
    pub(crate) hosts: Vec<String>,
    /// Requests answered so far.
    pub(crate) served: AtomicU64,
    /// Computations allowed at once.
    pub(crate) workers: Arc<tokio::sync::Semaphore>,
    /// Wakes the server to stop.
    pub(crate) stop: Arc<tokio::sync::Notify>,
}

/// A bound server, not yet serving.
pub struct Server {
    listener: std::net::TcpListener,
    addr: SocketAddr,
    config: Config,
    stop: Arc<tokio::sync::Notify>,
}

/// Stops a running server from another thread (tests, embedding programs).
#[derive(Clone)]
pub struct Stopper(Arc<tokio::sync::Notify>);

impl Stopper {
    /// Asks the server to stop: it finishes the requests in flight and
    /// returns from [`Server::run`].
    pub fn stop(&self) {
        self.0.notify_one();
    }
}

impl Server {
    /// Binds the address of `config`.
    ///
    /// # Errors
    ///
    /// The operating system's error (the port is taken, the address is not
    /// this machine's).
    pub fn bind(config: Config) -> std::io::Result<Server> {
        let listener = std::net::TcpListener::bind((config.host, config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        Ok(Server {
            listener,
            addr,
            config,
            stop: Arc::new(tokio::sync::Notify::new()),
        })
    }

    /// A handle that stops the server once it runs.
    pub fn stopper(&self) -> Stopper {
        Stopper(Arc::clone(&self.stop))
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The page's address, to open in a browser.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Serves until stopped (Ctrl-C, `max_requests`, `max_duration`).
    ///
    /// # Errors
    ///
    /// The runtime or the listener failed.
    pub fn run(self) -> std::io::Result<()> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        runtime.block_on(self.serve())
    }

    async fn serve(self) -> std::io::Result<()> {
        let hosts = guard::allowed_hosts(self.addr, &self.config.allowed_hosts);
        let state = Arc::new(State {
            workers: Arc::new(tokio::sync::Semaphore::new(
                self.config.limits.workers.max(1),
            )),
            hosts,
            served: AtomicU64::new(0),
            stop: Arc::clone(&self.stop),
            config: self.config,
        });
        let app = api::router(Arc::clone(&state));
        let listener = tokio::net::TcpListener::from_std(self.listener)?;
        let limit = state.config.max_duration;
        let watcher = Arc::clone(&state);
        let stop = async move {
            let timer = async {
                match limit {
                    Some(d) => tokio::time::sleep(d).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = timer => {}
                _ = watcher.stop.notified() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        };
        axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
    }
}

impl State {
    /// Counts an answered request; the last one allowed stops the server.
    pub(crate) fn answered(&self) {
        let n = self.served.fetch_add(1, Ordering::SeqCst) + 1;
        if self.config.max_requests.is_some_and(|m| n >= m) {
            self.stop.notify_one();
        }
    }
}
