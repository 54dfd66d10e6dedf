//! `accord._accord`: the Python binding of the answer layer.
//!
//! It holds a [`accord::Session`] per scenario and runs [`accord::Request`]s
//! given as JSON (the Python package builds them from keyword arguments);
//! every answer is an [`accord::Report`] that renders exactly as the CLI
//! does: `--json`, the text tables, the workbench's HTML, the charts' SVG.
//! Long questions run on a worker thread with the GIL released; Ctrl-C
//! cancels them through the engine's observer.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use accord::observe::Observer;
use accord::render::{Context, Layout};
use accord::{Error, ErrorKind, Report, Request};
use accord_core::model::Scenario;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyKeyboardInterrupt, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

create_exception!(
    _accord,
    AccordError,
    PyException,
    "Any failure of an accord question."
);
create_exception!(
    _accord,
    ScenarioError,
    AccordError,
    "A scenario (or a deal or actor file) is invalid: `file`, `line`, `column`, `hint` locate and explain the first problem, `problems` lists them all."
);
create_exception!(
    _accord,
    RequestError,
    AccordError,
    "A question that cannot apply: an unknown argument, party, deal or option, or a value out of range (`hint` says how to fix it)."
);

/// The Python exception for an answer-layer error, with the problems as
/// attributes.
fn error(py: Python<'_>, e: &Error) -> PyErr {
    let problems = e.problems();
    // A problem in an argument (`--set`, `--deal`, `--change`, `--vary`) is
    // the question's, not the scenario's.
    let in_argument = problems
        .iter()
        .any(|p| p.file.as_deref().is_some_and(|f| f.starts_with("--")));
    let err = match e.kind() {
        ErrorKind::Cancelled => return PyKeyboardInterrupt::new_err("cancelled"),
        ErrorKind::Input if !in_argument => ScenarioError::new_err(e.to_string()),
        _ => RequestError::new_err(e.to_string()),
    };
    let value = err.value(py);
    let first = problems.first();
    let set = |name: &str, v: Py<PyAny>| {
        let _ = value.setattr(name, v);
    };
    set(
        "message",
        first
            .map_or_else(|| e.to_string(), |p| p.message.clone())
            .into_pyobject(py)
            .map_or_else(|_| py.None(), |v| v.into_any().unbind()),
    );
    let opt_str = |s: Option<&String>| -> Py<PyAny> {
        s.and_then(|s| s.into_pyobject(py).ok())
            .map_or_else(|| py.None(), |v| v.into_any().unbind())
    };
    let opt_num = |n: Option<usize>| -> Py<PyAny> {
        n.and_then(|n| n.into_pyobject(py).ok())
            .map_or_else(|| py.None(), |v| v.into_any().unbind())
    };
    set("file", opt_str(first.and_then(|p| p.file.as_ref())));
    set("line", opt_num(first.and_then(|p| p.line)));
    set("column", opt_num(first.and_then(|p| p.column)));
    set("hint", opt_str(first.and_then(|p| p.hint.as_ref())));
    let list = PyList::empty(py);
    for p in &problems {
        let d = PyDict::new(py);
        let _ = d.set_item("file", opt_str(p.file.as_ref()));
        let _ = d.set_item("line", opt_num(p.line));
        let _ = d.set_item("column", opt_num(p.column));
        let _ = d.set_item("message", &p.message);
        let _ = d.set_item("label", opt_str(p.label.as_ref()));
        let _ = d.set_item("hint", opt_str(p.hint.as_ref()));
        let _ = list.append(d);
    }
    set("problems", list.into_any().unbind());
    err
}

/// A request from its JSON; a bad one is a `RequestError`.
fn request<T: serde::de::DeserializeOwned>(json: &str) -> PyResult<T> {
    serde_json::from_str(json).map_err(|e| RequestError::new_err(format!("bad arguments: {e}")))
}

/// Progress and cancellation between the worker and the Python thread.
#[derive(Default)]
struct Watch {
    done: AtomicU64,
    total: AtomicU64,
    stop: AtomicBool,
    finished: Mutex<bool>,
    wake: Condvar,
}

impl Observer for Watch {
    fn progress(&self, done: u64, total: u64) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    fn cancelled(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

impl Watch {
    fn finish(&self) {
        if let Ok(mut f) = self.finished.lock() {
            *f = true;
        }
        self.wake.notify_all();
    }

    /// Waits up to `dt` for the worker; whether it has finished.
    fn wait(&self, dt: Duration) -> bool {
        let Ok(f) = self.finished.lock() else {
            return true;
        };
        if *f {
            return true;
        }
        self.wake.wait_timeout(f, dt).map_or(true, |(f, _)| *f)
    }
}

/// Runs `f` on a worker thread with the GIL released. Every 100 ms the
/// Python thread checks for signals (Ctrl-C cancels the work) and calls
/// `progress(done, total)` if given.
fn work<T: Send>(
    py: Python<'_>,
    progress: Option<&Bound<'_, PyAny>>,
    f: impl FnOnce(&Watch) -> Result<T, Error> + Send,
) -> PyResult<T> {
    let watch = Watch::default();
    let watch = &watch;
    std::thread::scope(|scope| {
        let handle = scope.spawn(move || {
            let r = f(watch);
            watch.finish();
            r
        });
        let mut failure: Option<PyErr> = None;
        loop {
            if py.detach(|| watch.wait(Duration::from_millis(100))) {
                break;
            }
            let step = py.check_signals().and_then(|()| match progress {
                Some(cb) => cb
                    .call1((
                        watch.done.load(Ordering::Relaxed),
                        watch.total.load(Ordering::Relaxed),
                    ))
                    .map(|_| ()),
                None => Ok(()),
            });
            if let Err(e) = step {
                watch.stop.store(true, Ordering::Relaxed);
                failure = Some(e);
                py.detach(|| while !watch.wait(Duration::from_millis(50)) {});
                break;
            }
        }
        let joined = handle
            .join()
            .map_err(|_| PyRuntimeError::new_err("accord failed internally (a bug)"))?;
        if let Some(e) = failure {
            return Err(e);
        }
        joined.map_err(|e| error(py, &e))
    })
}

/// A scenario, loaded and compiled once; ask it questions with `run`.
#[pyclass(frozen, module = "accord._accord", name = "Session")]
struct PySession {
    inner: accord::Session,
    /// The name reports show for it (the path as given, or `scenario.toml`).
    source: String,
    /// For a scenario given as text: that text.
    text: Option<String>,
    /// The `--set` overrides it was loaded with.
    sets: Vec<String>,
}

#[pymethods]
impl PySession {
    /// Runs one question, given as the JSON of an `accord::Request`
    /// (`{"command": "analyze", ...}`), and returns its report.
    #[pyo3(signature = (request, progress=None))]
    fn run(
        &self,
        py: Python<'_>,
        request: &str,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyReport> {
        let req: Request = self::request(request)?;
        let report = work(py, progress, |w| self.inner.run(&req, w))?;
        Ok(self.report(report))
    }

    /// A forecast (`accord forecast`) of the scenario's actors, the request
    /// as the JSON of an `accord::ForecastRequest`.
    fn forecast(&self, py: Python<'_>, request: &str) -> PyResult<PyReport> {
        let req: accord::ForecastRequest = self::request(request)?;
        let report = work(py, None, |_| {
            let input = accord::ForecastInput::from_session(&self.inner)?;
            accord::forecast(&input, &req)
        })?;
        Ok(PyReport {
            report,
            scenario: None,
            source: self.source.clone(),
        })
    }

    /// The name reports show for the scenario.
    #[getter]
    fn source(&self) -> &str {
        &self.source
    }

    /// The `--set` overrides the scenario was loaded with.
    #[getter]
    fn sets(&self) -> Vec<String> {
        self.sets.clone()
    }

    /// The scenario standing alone as text (deal files written in), as
    /// `accord serve` holds it: give it to `parse` elsewhere (another
    /// process, another machine) for the same scenario.
    fn text(&self, py: Python<'_>) -> PyResult<String> {
        self.editable(py).map(|e| e.text)
    }

    /// The scenario as a Genius domain and one profile per party (`accord
    /// export genius`): `(files, warnings)`, files as `{name: contents}`
    /// (the domain first) and what the export could not keep.
    fn export_genius(&self, py: Python<'_>) -> PyResult<Exported> {
        let ex = work(py, None, |_| {
            accord::convert::export_genius(self.inner.scenario())
        })?;
        Ok((ex.files, ex.warnings))
    }

    /// The name the scenario's text is read under (`scenario.toml`, …).
    fn text_name(&self, py: Python<'_>) -> PyResult<String> {
        self.editable(py).map(|e| e.name)
    }

    fn __repr__(&self) -> String {
        format!(
            "<accord.Session {:?}: {} parties, {} issues>",
            self.inner.scenario().name,
            self.inner.scenario().parties.len(),
            self.inner.scenario().issues.len()
        )
    }
}

impl PySession {
    fn editable(&self, py: Python<'_>) -> PyResult<accord::Editable> {
        match (&self.text, self.inner.file()) {
            (Some(text), _) => Ok(accord::Editable::from_text(&self.source, text.clone())),
            (None, Some(path)) => accord::Editable::load(path).map_err(|e| error(py, &e)),
            (None, None) => Err(RequestError::new_err("the scenario has no text")),
        }
    }

    fn report(&self, report: Report) -> PyReport {
        PyReport {
            report,
            scenario: Some(self.inner.scenario().clone()),
            source: self.source.clone(),
        }
    }
}

/// An export's files (`(name, contents)`) and warnings.
type Exported = (Vec<(String, String)>, Vec<String>);

/// An answer: `to_json()` is exactly the CLI's `--json`, `text()` its
/// tables, `html()` the workbench's panel (the whole briefing for
/// `report`), `svg()` its chart.
#[pyclass(frozen, module = "accord._accord", name = "Report")]
struct PyReport {
    report: Report,
    /// The scenario it answers about (none for reports of several inputs).
    scenario: Option<Scenario>,
    source: String,
}

#[pymethods]
impl PyReport {
    /// The command that answered (`analyze`, `robust`, …).
    #[getter]
    fn command(&self) -> &'static str {
        self.report.command()
    }

    /// The report as the CLI's `--json` prints it.
    fn to_json(&self) -> PyResult<String> {
        accord::render::json_string(&self.report).map_err(|e| RequestError::new_err(e.to_string()))
    }

    /// The report as the CLI's `--json`, parsed: the same keys and values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?.call_method1("loads", (self.to_json()?,))
    }

    /// The rows of a frontier, sweep or tournament as a DataFrame (the
    /// columns of `csv()`): `library="pandas"` (the default) or `"polars"`,
    /// which must be installed.
    #[pyo3(signature = (library="pandas"))]
    fn to_frame<'py>(&self, py: Python<'py>, library: &str) -> PyResult<Bound<'py, PyAny>> {
        let csv = self.csv()?;
        match library {
            "pandas" => {
                let pandas = py.import("pandas").map_err(|_| {
                    pyo3::exceptions::PyImportError::new_err(
                        "to_frame needs pandas: pip install pandas",
                    )
                })?;
                let buffer = py.import("io")?.call_method1("StringIO", (csv,))?;
                pandas.call_method1("read_csv", (buffer,))
            }
            "polars" => {
                let polars = py.import("polars").map_err(|_| {
                    pyo3::exceptions::PyImportError::new_err(
                        "to_frame(library=\"polars\") needs polars: pip install polars",
                    )
                })?;
                let buffer = py
                    .import("io")?
                    .call_method1("BytesIO", (pyo3::types::PyBytes::new(py, csv.as_bytes()),))?;
                polars.call_method1("read_csv", (buffer,))
            }
            other => Err(RequestError::new_err(format!(
                "unknown frame library `{other}`: pandas or polars"
            ))),
        }
    }

    /// The report as the CLI's text tables, `width` columns wide.
    #[pyo3(signature = (width=100))]
    fn text(&self, width: u16) -> String {
        let layout = Layout::choose(None, Some(width.max(40)));
        match (&self.report, &self.scenario) {
            (Report::Tournament(r), _) => accord::render::text::tournament::render(r, layout),
            (Report::Compare(r), _) => accord::render::text::compare::render(r, layout),
            (Report::Forecast(r), _) => accord::render::text::forecast::render(r, layout),
            (Report::Validation(r), _) => accord::render::text::validation::render(r, layout),
            (report, Some(s)) => {
                accord::render::text(report, &Context::new(s, &self.source).with_layout(layout))
            }
            (_, None) => String::new(),
        }
    }

    /// The report as HTML: the workbench's panel, or for `report` the
    /// whole self-contained briefing.
    fn html(&self) -> PyResult<String> {
        match &self.scenario {
            Some(s) => accord::render::html::fragment(&self.report, &Context::new(s, &self.source))
                .map_err(|e| RequestError::new_err(e.to_string())),
            None => Ok(format!(
                "<pre>{}</pre>",
                accord::render::html::escape(&self.text(100))
            )),
        }
    }

    /// The report's chart as SVG (frontier: `x` and `y` name the axes'
    /// parties); a `RequestError` for a report without one.
    #[pyo3(signature = (x=None, y=None))]
    fn svg(&self, x: Option<&str>, y: Option<&str>) -> PyResult<String> {
        let drawn = match (&self.report, &self.scenario) {
            (Report::Forecast(r), _) => accord::render::svg::forecast::render(r),
            (report, Some(s)) => accord::render::svg(report, &Context::new(s, &self.source), x, y),
            (report, None) => {
                return Err(RequestError::new_err(format!(
                    "`{}` has no chart",
                    report.command()
                )))
            }
        };
        drawn.map_err(|e| RequestError::new_err(e.to_string()))
    }

    /// Comma-separated values, for the reports that have them (frontier,
    /// sweep, tournament); a `RequestError` for the others.
    fn csv(&self) -> PyResult<String> {
        match (&self.report, &self.scenario) {
            (Report::Frontier(r), Some(s)) => Ok(accord::render::csv::frontier::render(
                r,
                &Context::new(s, &self.source),
            )),
            (Report::Sweep(r), _) => Ok(accord::render::csv::sweep::render(r)),
            (Report::Tournament(r), _) => Ok(accord::render::csv::tournament::render(r)),
            _ => Err(RequestError::new_err(format!(
                "`{}` has no CSV form (frontier, sweep and tournament do)",
                self.report.command()
            ))),
        }
    }

    fn __str__(&self) -> String {
        self.text(100)
    }

    fn __repr__(&self) -> String {
        format!("<accord.Report {}>", self.report.command())
    }

    fn _repr_html_(&self) -> PyResult<String> {
        self.html()
    }
}

/// The `--set` overrides as the answer layer takes them.
fn sets(set: Option<Vec<String>>) -> Vec<String> {
    set.unwrap_or_default()
}

/// Loads a scenario file (TOML, YAML or JSON; its deal files are read from
/// its folder), with `--set` overrides.
#[pyfunction]
#[pyo3(signature = (path, set=None))]
fn load(py: Python<'_>, path: &str, set: Option<Vec<String>>) -> PyResult<PySession> {
    let sets = sets(set);
    let inner = work(py, None, |_| accord::Session::load(Path::new(path), &sets))?;
    Ok(PySession {
        inner,
        source: path.to_string(),
        text: None,
        sets,
    })
}

/// Reads a scenario from text (`format`: `toml`, `yaml` or `json`); it
/// reads no file, so it cannot list deal files. Errors name it
/// `scenario.FORMAT`.
#[pyfunction]
#[pyo3(signature = (text, format="toml", set=None))]
fn parse(
    py: Python<'_>,
    text: &str,
    format: &str,
    set: Option<Vec<String>>,
) -> PyResult<PySession> {
    if !matches!(format, "toml" | "yaml" | "json") {
        return Err(RequestError::new_err(format!(
            "unknown format `{format}`: toml, yaml or json"
        )));
    }
    let name = format!("scenario.{format}");
    let sets = sets(set);
    let inner = work(py, None, |_| accord::Session::from_text(text, &name, &sets))?;
    Ok(PySession {
        inner,
        source: name,
        text: Some(text.to_string()),
        sets,
    })
}

/// Loads several scenario files for a question over all of them.
fn sessions(paths: &[String], sets: &[String]) -> Result<Vec<(String, accord::Session)>, Error> {
    paths
        .iter()
        .map(|p| Ok((p.clone(), accord::Session::load(Path::new(p), sets)?)))
        .collect()
}

/// Every combination of strategies on the scenario files and seeds
/// (`accord tournament`), the request as the JSON of an
/// `accord::TournamentRequest`.
#[pyfunction]
#[pyo3(signature = (paths, request, set=None, progress=None))]
fn tournament(
    py: Python<'_>,
    paths: Vec<String>,
    request: &str,
    set: Option<Vec<String>>,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyReport> {
    let req: accord::TournamentRequest = self::request(request)?;
    let sets = sets(set);
    let report = work(py, progress, |w| {
        accord::tournament(&sessions(&paths, &sets)?, &req, w)
    })?;
    Ok(PyReport {
        report,
        scenario: None,
        source: String::new(),
    })
}

/// Variants of a scenario side by side (`accord compare`).
#[pyfunction]
#[pyo3(signature = (paths, set=None))]
fn compare(py: Python<'_>, paths: Vec<String>, set: Option<Vec<String>>) -> PyResult<PyReport> {
    let sets = sets(set);
    let report = work(py, None, |w| {
        accord::compare(
            &sessions(&paths, &sets)?,
            &accord::CompareRequest::default(),
            w,
        )
    })?;
    Ok(PyReport {
        report,
        scenario: None,
        source: String::new(),
    })
}

/// Forecast where actors end up (`accord forecast`) from an actor file
/// (KTAB's CSV) or a scenario file, the request as the JSON of an
/// `accord::ForecastRequest`.
#[pyfunction]
#[pyo3(signature = (path, request, set=None))]
fn forecast(
    py: Python<'_>,
    path: &str,
    request: &str,
    set: Option<Vec<String>>,
) -> PyResult<PyReport> {
    let req: accord::ForecastRequest = self::request(request)?;
    let sets = sets(set);
    let report = work(py, None, |_| {
        let input = accord::ForecastInput::load(Path::new(path), &sets)?;
        accord::forecast(&input, &req)
    })?;
    Ok(PyReport {
        report,
        scenario: None,
        source: path.to_string(),
    })
}

/// Scores forecasting models on a validation set (`accord forecast
/// --validate`), the request as the JSON of an `accord::ValidateRequest`.
#[pyfunction]
fn validate(py: Python<'_>, actors: &str, outcomes: &str, request: &str) -> PyResult<PyReport> {
    let req: accord::ValidateRequest = self::request(request)?;
    let report = work(py, None, |_| {
        accord::validate(Path::new(actors), Path::new(outcomes), &req)
    })?;
    Ok(PyReport {
        report,
        scenario: None,
        source: actors.to_string(),
    })
}

/// Computes shard `k` of `n` of a `robust` or `sweep` request on a
/// scenario given as text (`name` gives its format, `source` how reports
/// name it): the part file's JSON, for `merge` (the CLI's `--shard K/N`).
#[pyfunction]
#[pyo3(signature = (text, name, source, request, k, n, set=None))]
#[allow(clippy::too_many_arguments)]
fn shard(
    py: Python<'_>,
    text: &str,
    name: &str,
    source: &str,
    request: &str,
    k: u64,
    n: u64,
    set: Option<Vec<String>>,
) -> PyResult<String> {
    let req: Request = self::request(request)?;
    let sets = sets(set);
    let shard = accord::shard::Shard::parse(&format!("{k}/{n}")).map_err(|e| error(py, &e))?;
    let editable = accord::Editable::from_text(name, text.to_string());
    work(py, None, |w| match req.command() {
        "robust" => {
            accord::shard::robust_shard(&editable, source, &sets, &req, shard, w)?.to_json()
        }
        "sweep" => accord::shard::sweep_shard(&editable, source, &sets, &req, shard, w)?.to_json(),
        other => Err(Error::usage(
            format!("`{other}` has no shards: robust and sweep do"),
            None,
        )),
    })
}

/// Computes shard `k` of `n` of a tournament over scenarios given as
/// `(text, name, source)`: the part file's JSON, for `merge` (the CLI's
/// `tournament --shard K/N`).
#[pyfunction]
#[pyo3(signature = (scenarios, request, k, n, set=None))]
fn tournament_shard(
    py: Python<'_>,
    scenarios: Vec<(String, String, String)>,
    request: &str,
    k: u64,
    n: u64,
    set: Option<Vec<String>>,
) -> PyResult<String> {
    let req: accord::TournamentRequest = self::request(request)?;
    let sets = sets(set);
    let shard = accord::shard::Shard::parse(&format!("{k}/{n}")).map_err(|e| error(py, &e))?;
    let editables: Vec<(accord::Editable, String)> = scenarios
        .into_iter()
        .map(|(text, name, source)| (accord::Editable::from_text(&name, text), source))
        .collect();
    work(py, None, |w| {
        accord::shard::tournament_shard(&editables, &sets, &req, shard, w)?.to_json()
    })
}

/// Finishes a sharded `robust`, `sweep` or `tournament` from all its part
/// files' JSON (in any order): the same report as one run (the CLI's
/// `--merge`; a tournament's measurements are the parts' summed).
#[pyfunction]
fn merge(py: Python<'_>, parts: Vec<String>) -> PyResult<PyReport> {
    let command = parts
        .first()
        .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
        .and_then(|v| {
            v.get("command")
                .and_then(|c| c.as_str())
                .map(str::to_string)
        })
        .unwrap_or_default();
    let named = |i: usize| format!("part {}", i + 1);
    if command == "tournament" {
        let report = work(py, None, |_| {
            accord::shard::tournament_merge(
                parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| accord::shard::TournamentPart::from_json(p, &named(i)))
                    .collect::<Result<_, _>>()?,
            )
        })?;
        return Ok(PyReport {
            report,
            scenario: None,
            source: String::new(),
        });
    }
    let (session, source, report) = work(py, None, |w| match command.as_str() {
        "sweep" => accord::shard::sweep_merge(
            parts
                .iter()
                .enumerate()
                .map(|(i, p)| accord::shard::SweepPart::from_json(p, &named(i)))
                .collect::<Result<_, _>>()?,
        ),
        _ => accord::shard::robust_merge(
            parts
                .iter()
                .enumerate()
                .map(|(i, p)| accord::shard::RobustPart::from_json(p, &named(i)))
                .collect::<Result<_, _>>()?,
            w,
        ),
    })?;
    Ok(PyReport {
        report,
        scenario: Some(session.scenario().clone()),
        source,
    })
}

/// A Genius domain and one utility profile per party (the profile's file
/// stem is the party id) as a scenario's TOML text (`accord import
/// genius`); real-valued issues are cut into `real_steps` intervals.
#[pyfunction]
#[pyo3(signature = (domain, profiles, real_steps=10))]
fn import_genius(
    py: Python<'_>,
    domain: &str,
    profiles: Vec<String>,
    real_steps: usize,
) -> PyResult<String> {
    if !(1..=100_000).contains(&real_steps) {
        return Err(RequestError::new_err("real_steps must be from 1 to 100000"));
    }
    let imported = work(py, None, |_| {
        let domain = accord::convert::InputFile::read(Path::new(domain))?;
        let profiles = profiles
            .iter()
            .map(|p| accord::convert::InputFile::read(Path::new(p)))
            .collect::<Result<Vec<_>, _>>()?;
        accord::convert::import_genius(&domain, &profiles, real_steps)
    })?;
    warn_all(py, &imported.warnings)?;
    Ok(imported.toml)
}

/// What an import read differently from the files' apparent meaning, as
/// Python warnings (`warnings.catch_warnings` collects them).
fn warn_all(py: Python<'_>, warnings: &[String]) -> PyResult<()> {
    for w in warnings {
        let message = std::ffi::CString::new(w.replace('\0', " "))
            .map_err(|_| RequestError::new_err("a warning could not be shown"))?;
        PyErr::warn(
            py,
            &py.get_type::<pyo3::exceptions::PyUserWarning>(),
            &message,
            1,
        )?;
    }
    Ok(())
}

/// GeniusWeb profiles (LinearAdditiveUtilitySpace JSON, one per party) as a
/// scenario's TOML text (`accord import geniusweb`).
#[pyfunction]
#[pyo3(signature = (profiles, real_steps=10))]
fn import_geniusweb(py: Python<'_>, profiles: Vec<String>, real_steps: usize) -> PyResult<String> {
    if !(1..=100_000).contains(&real_steps) {
        return Err(RequestError::new_err("real_steps must be from 1 to 100000"));
    }
    let imported = work(py, None, |_| {
        let profiles = profiles
            .iter()
            .map(|p| accord::convert::InputFile::read(Path::new(p)))
            .collect::<Result<Vec<_>, _>>()?;
        accord::convert::import_geniusweb(&profiles, real_steps)
    })?;
    warn_all(py, &imported.warnings)?;
    Ok(imported.toml)
}

/// The module.
#[pymodule]
fn _accord(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("AccordError", py.get_type::<AccordError>())?;
    m.add("ScenarioError", py.get_type::<ScenarioError>())?;
    m.add("RequestError", py.get_type::<RequestError>())?;
    m.add_class::<PySession>()?;
    m.add_class::<PyReport>()?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(tournament, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(forecast, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(shard, m)?)?;
    m.add_function(wrap_pyfunction!(merge, m)?)?;
    m.add_function(wrap_pyfunction!(tournament_shard, m)?)?;
    m.add_function(wrap_pyfunction!(import_genius, m)?)?;
    m.add_function(wrap_pyfunction!(import_geniusweb, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
