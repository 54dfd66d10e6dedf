//! The routes: the page, its assets, and the versioned API
//! (docs/http-api.md).

use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::problem::{refusal, Failure};
use crate::work::{self, RunBody, ScenarioText, Watch};

type Shared = Arc<crate::State>;

/// Every route, behind the Host/Origin guard and the body limit.
pub(crate) fn router(state: Shared) -> Router {
    let limit = state.config.limits.body_bytes;
    Router::new()
        .route("/", get(crate::assets::page))
        .route("/assets/{name}", get(crate::assets::asset))
        .route("/api/v1/health", get(health))
        .route("/api/v1/scenario", get(scenario))
        .route("/api/v1/run", post(run))
        .route("/api/v1/controls", post(controls))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            crate::guard::host_and_origin,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
                 script-src 'self'; connect-src 'self' blob:; frame-ancestors 'none'; form-action 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state)
}

/// The body of `GET /api/v1/health`.
#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
}

async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// The data of a `progress` event.
#[derive(serde::Serialize)]
struct Progress {
    done: u64,
    total: u64,
}

async fn not_found() -> Response {
    refusal(
        StatusCode::NOT_FOUND,
        "no such page or API route",
        "the API's routes are listed in docs/http-api.md; the workbench is at /",
    )
}

/// The scenario the page opens with.
async fn scenario(State(state): State<Shared>) -> Response {
    Json(&state.config.scenario).into_response()
}

/// A JSON body, or the failure: 413 past the limit, 400 when it is not
/// JSON, 422 when it is JSON of the wrong shape.
fn parse<T: for<'de> Deserialize<'de>>(body: Result<Bytes, BytesRejection>) -> Result<T, Failure> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Failure::plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "the request body is larger than the server accepts",
                &format!(
                    "send at most {} MiB (docs/http-api.md, \"Limits\")",
                    crate::MAX_BODY_BYTES / (1024 * 1024)
                ),
            )
        } else {
            Failure::plain(
                StatusCode::BAD_REQUEST,
                "input",
                &e.body_text(),
                "send a JSON body",
            )
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        let located = accord::error::Problem {
            file: Some("request body".into()),
            line: Some(e.line()),
            column: Some(e.column()),
            message: e.to_string(),
            label: None,
            hint: Some("the body is {\"scenario\": {\"format\": \"toml\", \"text\": \"...\"}, \"set\": [...], \"request\": {\"command\": ...}} (docs/http-api.md)".into()),
        };
        let status = if e.is_data() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::BAD_REQUEST
        };
        let kind = if e.is_data() { "request" } else { "input" };
        Failure::new(status, kind, vec![located])
    })
}

/// Sets the flag when dropped: the client went away, or the work is done.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn wants_events(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/event-stream"))
}

fn too_slow() -> Failure {
    Failure::plain(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        "the server is busy: the request waited longer than it allows",
        "try again in a moment",
    )
}

/// `POST /api/v1/run`: one request on one posted scenario.
async fn run(
    State(state): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body: RunBody = match parse(body) {
        Ok(b) => b,
        Err(f) => return f.into_response(),
    };
    let deadline = Instant::now() + Duration::from_secs(state.config.limits.seconds);
    let permit =
        match tokio::time::timeout_at(deadline.into(), Arc::clone(&state.workers).acquire_owned())
            .await
        {
            Ok(Ok(p)) => p,
            _ => return too_slow().into_response(),
        };
    let cancel = Arc::new(AtomicBool::new(false));
    let guard = CancelOnDrop(Arc::clone(&cancel));
    let (tx, rx) = tokio::sync::watch::channel((0u64, 0u64));
    let watch = Watch {
        deadline,
        cancel,
        progress: tx,
    };
    let handle = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work::answer(&body, &watch)
    });
    if !wants_events(&headers) {
        let done = handle.await;
        drop(guard);
        return match done {
            Ok(Ok(r)) => ([(header::CONTENT_TYPE, r.content_type)], r.body).into_response(),
            Ok(Err(f)) => f.into_response(),
            Err(_) => internal().into_response(),
        };
    }
    events(handle, rx, guard).into_response()
}

fn internal() -> Failure {
    Failure::plain(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "the request failed inside the server",
        "this is a bug in accord: please report the request",
    )
}

type Job = tokio::task::JoinHandle<Result<work::Rendered, Failure>>;

/// The answer as server-sent events: `progress` (`{"done", "total"}`) as
/// the work goes, then one `result` (the rendered answer) or `error` (the
/// failure's JSON). Dropping the stream (the client went away) cancels the
/// work.
fn events(
    handle: Job,
    rx: tokio::sync::watch::Receiver<(u64, u64)>,
    guard: CancelOnDrop,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let stream = futures_util::stream::unfold(
        (Some(handle), rx, guard),
        |(handle, mut rx, guard)| async move {
            let mut handle = handle?;
            tokio::select! {
                done = &mut handle => {
                    let event = match done {
                        Ok(Ok(r)) => Event::default().event("result").data(r.body),
                        Ok(Err(f)) => Event::default().event("error").data(f.json()),
                        Err(_) => Event::default().event("error").data(internal().json()),
                    };
                    Some((Ok(event), (None, rx, guard)))
                }
                changed = rx.changed() => {
                    let event = match changed {
                        Ok(()) => {
                            let (done, total) = *rx.borrow_and_update();
                            let data = serde_json::to_string(&Progress { done, total }).unwrap_or_default();
                            Event::default().event("progress").data(data)
                        }
                        Err(_) => Event::default().comment("working"),
                    };
                    // At most ten progress events a second.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    Some((Ok(event), (Some(handle), rx, guard)))
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ControlsBody {
    scenario: ScenarioText,
}

/// `POST /api/v1/controls`: what the sliders and switches can move.
async fn controls(body: Result<Bytes, BytesRejection>) -> Response {
    let body: ControlsBody = match parse(body) {
        Ok(b) => b,
        Err(f) => return f.into_response(),
    };
    let done = tokio::task::spawn_blocking(move || {
        body.scenario
            .session(&[])
            .map(|s| accord::controls::Controls::of(s.scenario()))
    })
    .await;
    match done {
        Ok(Ok(c)) => Json(c).into_response(),
        Ok(Err(f)) => f.into_response(),
        Err(_) => internal().into_response(),
    }
}
