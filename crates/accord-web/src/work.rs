//! One request's work, on a blocking thread: parse the posted scenario (no
//! file access), apply the overrides, answer, render.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use axum::http::StatusCode;
use serde::Deserialize;

use crate::problem::Failure;

/// A scenario given as text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScenarioText {
    /// `toml`, `yaml` or `json`.
    pub(crate) format: Format,
    /// The scenario.
    pub(crate) text: String,
}

/// The formats a posted scenario may be in.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Format {
    Toml,
    Yaml,
    Json,
}

impl ScenarioText {
    /// The name the scenario's errors are given under.
    pub(crate) fn name(&self) -> &'static str {
        match self.format {
            Format::Toml => "scenario.toml",
            Format::Yaml => "scenario.yaml",
            Format::Json => "scenario.json",
        }
    }

    /// The session over this text with `set` applied.
    pub(crate) fn session(&self, set: &[String]) -> Result<accord::Session, Failure> {
        accord::Session::from_text(&self.text, self.name(), set)
            .map_err(|e| Failure::of(&e, self.name()))
    }
}

/// What `POST /api/v1/run` takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RunBody {
    pub(crate) scenario: ScenarioText,
    #[serde(default)]
    pub(crate) set: Vec<String>,
    /// An [`accord::Request`], kept as JSON until the scenario is read so
    /// that a bad scenario is reported first.
    pub(crate) request: serde_json::Value,
    /// How to render the answer (default `json`).
    #[serde(default)]
    pub(crate) render: Render,
    /// The chart's parties (`render: svg` of a frontier).
    #[serde(default)]
    pub(crate) x: Option<String>,
    #[serde(default)]
    pub(crate) y: Option<String>,
}

/// The renderings of an answer.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Render {
    /// Exactly the CLI's `--json`.
    #[default]
    Json,
    /// The CLI's tables (100 columns).
    Text,
    /// The report as an HTML fragment (the workbench's panels).
    Html,
    /// The report's chart.
    Svg,
}

/// A rendered answer.
pub(crate) struct Rendered {
    pub(crate) content_type: &'static str,
    pub(crate) body: String,
}

/// Progress and cancellation for one request: stops at the deadline or
/// when the client has gone.
pub(crate) struct Watch {
    pub(crate) deadline: Instant,
    pub(crate) cancel: Arc<AtomicBool>,
    pub(crate) progress: tokio::sync::watch::Sender<(u64, u64)>,
}

impl accord::observe::Observer for Watch {
    fn progress(&self, done: u64, total: u64) {
        self.progress.send_replace((done, total));
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed) || Instant::now() >= self.deadline
    }
}

/// The request of a body, or 422.
pub(crate) fn request(value: &serde_json::Value) -> Result<accord::Request, Failure> {
    serde_json::from_value(value.clone()).map_err(|e| {
        Failure::plain(
            StatusCode::UNPROCESSABLE_ENTITY,
            "request",
            &format!("the request is not one accord can answer: {e}"),
            "give {\"command\": \"analyze\"} or another command with its arguments (docs/http-api.md)",
        )
    })
}

/// Answers a run body.
pub(crate) fn answer(body: &RunBody, watch: &Watch) -> Result<Rendered, Failure> {
    let session = body.scenario.session(&body.set)?;
    let request = request(&body.request)?;
    let name = body.scenario.name();
    let report = session
        .run(&request, watch)
        .map_err(|e| Failure::of(&e, name))?;
    let cx = accord::render::Context::new(session.scenario(), name)
        .with_layout(accord::render::Layout::new(100));
    let failed = |e: accord::Error| Failure::of(&e, name);
    Ok(match body.render {
        Render::Json => Rendered {
            content_type: "application/json",
            body: accord::render::json_string(&report).map_err(failed)?,
        },
        Render::Text => Rendered {
            content_type: "text/plain; charset=utf-8",
            body: accord::render::text(&report, &cx),
        },
        Render::Html => Rendered {
            content_type: "text/html; charset=utf-8",
            body: accord::render::html::fragment(&report, &cx).map_err(failed)?,
        },
        Render::Svg => Rendered {
            content_type: "image/svg+xml",
            body: accord::render::svg(&report, &cx, body.x.as_deref(), body.y.as_deref())
                .map_err(failed)?,
        },
    })
}
