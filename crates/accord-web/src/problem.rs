//! Failures as HTTP: a status from the error's kind and a JSON body with
//! every problem (docs/http-api.md, "Errors").

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The body of every failed request.
#[derive(Debug, Serialize)]
pub(crate) struct Failure {
    /// The HTTP status, again.
    pub(crate) status: u16,
    /// `input` (400), `request` (422), `forbidden` (403), `too_large` (413),
    /// `busy` (503 past the time limit), `internal` (500).
    pub(crate) kind: &'static str,
    /// What went wrong, in one line.
    pub(crate) message: String,
    /// Each problem, located where it has a place.
    pub(crate) errors: Vec<accord::error::Problem>,
}

impl Failure {
    pub(crate) fn new(
        status: StatusCode,
        kind: &'static str,
        errors: Vec<accord::error::Problem>,
    ) -> Failure {
        let message = match errors.as_slice() {
            [] => status.canonical_reason().unwrap_or("error").to_string(),
            [e] => e.message.clone(),
            [e, rest @ ..] => format!("{} (and {} more)", e.message, rest.len()),
        };
        Failure {
            status: status.as_u16(),
            kind,
            message,
            errors,
        }
    }

    /// A failure with one unplaced problem.
    pub(crate) fn plain(
        status: StatusCode,
        kind: &'static str,
        message: &str,
        hint: &str,
    ) -> Failure {
        Failure::new(
            status,
            kind,
            vec![accord::error::Problem {
                file: None,
                line: None,
                column: None,
                message: message.to_string(),
                label: None,
                hint: Some(hint.to_string()),
            }],
        )
    }

    /// An answer-layer error: located input problems in the scenario text
    /// are 400; everything else the request asked (an override, a party, a
    /// value) is 422; past the time limit, 503.
    pub(crate) fn of(e: &accord::Error, scenario_name: &str) -> Failure {
        let problems = e.problems();
        if e.is_cancelled() {
            return Failure::plain(
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                "the request took longer than the server allows",
                "ask a smaller question (fewer samples, fewer parties on the frontier) or start the server with a longer --max-seconds",
            );
        }
        let in_scenario = e.is_input()
            && problems
                .iter()
                .all(|p| p.file.as_deref().is_none_or(|f| f == scenario_name));
        if in_scenario {
            Failure::new(StatusCode::BAD_REQUEST, "input", problems)
        } else if e.is_output() {
            Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", problems)
        } else {
            Failure::new(StatusCode::UNPROCESSABLE_ENTITY, "request", problems)
        }
    }

    /// The failure as JSON text.
    pub(crate) fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into()) + "\n"
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            self.json(),
        )
            .into_response()
    }
}

/// A refusal before any work (403, 404, 413).
pub(crate) fn refusal(status: StatusCode, message: &str, hint: &str) -> Response {
    let kind = match status {
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::NOT_FOUND => "not_found",
        _ => "request",
    };
    Failure::plain(status, kind, message, hint).into_response()
}
