//! Who may talk to the server: the `Host` must name the bound address
//! (a page on another site that rebinds its own name to 127.0.0.1 sends its
//! own name, and is refused), and an `Origin`, when the browser sends one,
//! must be the server's own.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::problem::refusal;

/// The `Host` values accepted for a server bound to `addr`: the address
/// itself, `localhost` when it is a loopback address, and the names given,
/// each with the port.
pub(crate) fn allowed_hosts(addr: SocketAddr, extra: &[String]) -> Vec<String> {
    let port = addr.port();
    let mut hosts = vec![match addr {
        SocketAddr::V4(a) => format!("{}:{port}", a.ip()),
        SocketAddr::V6(a) => format!("[{}]:{port}", a.ip()),
    }];
    if addr.ip().is_loopback() {
        hosts.push(format!("localhost:{port}"));
        hosts.push(format!("127.0.0.1:{port}"));
        hosts.push(format!("[::1]:{port}"));
    }
    for name in extra {
        hosts.push(format!("{}:{port}", name.to_ascii_lowercase()));
    }
    hosts.sort();
    hosts.dedup();
    hosts
}

/// Whether the request's `Host` and `Origin` are the server's own.
fn check(hosts: &[String], headers: &HeaderMap) -> Result<(), Box<Response>> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    let Some(host) = host.filter(|h| hosts.iter().any(|a| a == h)) else {
        return Err(Box::new(refusal(
            StatusCode::FORBIDDEN,
            "the request's Host is not this server's address",
            &format!(
                "open the workbench at http://{}/ (this server answers only to its own address, against DNS rebinding)",
                hosts.first().map_or("127.0.0.1", String::as_str)
            ),
        )));
    };
    if let Some(origin) = headers.get(header::ORIGIN) {
        let own = format!("http://{host}");
        if origin.to_str().ok().map(str::to_ascii_lowercase) != Some(own) {
            return Err(Box::new(refusal(
                StatusCode::FORBIDDEN,
                "cross-origin requests are refused",
                "call the API from the workbench's own page, or from a program that sends no Origin",
            )));
        }
    }
    Ok(())
}

/// The middleware: refuses with 403 what [`check`] refuses.
pub(crate) async fn host_and_origin(
    State(state): State<Arc<crate::State>>,
    request: Request,
    next: Next,
) -> Response {
    if let Err(r) = check(&state.hosts, request.headers()) {
        state.answered();
        return *r;
    }
    let response = next.run(request).await.into_response();
    state.answered();
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_the_servers_own_host_and_origin_pass() {
        let hosts = allowed_hosts("127.0.0.1:8080".parse().unwrap(), &[]);
        let ok = |p: &[(header::HeaderName, &str)]| check(&hosts, &headers(p)).is_ok();
        assert!(ok(&[(header::HOST, "127.0.0.1:8080")]));
        assert!(ok(&[(header::HOST, "LOCALHOST:8080")]));
        assert!(ok(&[
            (header::HOST, "localhost:8080"),
            (header::ORIGIN, "http://localhost:8080")
        ]));
        assert!(!ok(&[]));
        assert!(!ok(&[(header::HOST, "evil.example:8080")]));
        assert!(!ok(&[(header::HOST, "localhost:8081")]));
        assert!(!ok(&[(header::HOST, "localhost")]));
        assert!(!ok(&[
            (header::HOST, "127.0.0.1:8080"),
            (header::ORIGIN, "http://evil.example")
        ]));
        assert!(!ok(&[
            (header::HOST, "127.0.0.1:8080"),
            (header::ORIGIN, "null")
        ]));
        assert!(!ok(&[
            (header::HOST, "127.0.0.1:8080"),
            (header::ORIGIN, "https://127.0.0.1:8080")
        ]));
        let lan = allowed_hosts("192.168.1.5:80".parse().unwrap(), &["box.lan".into()]);
        assert!(check(&lan, &headers(&[(header::HOST, "box.lan:80")])).is_ok());
        assert!(check(&lan, &headers(&[(header::HOST, "localhost:80")])).is_err());
    }
}
