//! Arguments and command dispatch.

use std::io::Write;
use std::path::{Path, PathBuf};

use accord_core::analysis::{analyze, AnalyzeOptions, Progress, ProgressFn};
use accord_core::evaluate::evaluate;
use accord_core::model::Scenario;
use accord_io::diagnostic::LoadError;
use accord_io::scenario::load_scenario;
use clap::{Args, Parser, Subcommand};

use crate::output;

/// accord: exact analysis of multi-party negotiations.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about, long_about = None)]
pub struct Cli {
    /// No progress display on stderr (it is shown only on a terminal anyway).
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Override one number of the scenario for this run, e.g. `--set ukraine.reservation=0.4` (repeatable; paths in docs/cli.md).
    #[arg(long = "set", global = true, value_name = "PATH=VALUE")]
    set: Vec<String>,
    #[command(subcommand)]
    command: Command,
}

/// A progress bar with an ETA over the samples, on stderr when it is a terminal.
fn sample_bar(quiet: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:30} {percent}% [{elapsed} elapsed, ETA {eta}]",
    ) {
        pb.set_style(style);
    }
    Some(pb)
}

/// A spinner on stderr that follows the analysis phases; `None` when stderr
/// is not a terminal or `--quiet` is given.
fn progress(quiet: bool) -> (Option<indicatif::ProgressBar>, Option<ProgressFn>) {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return (None, None);
    }
    let pb = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]") {
        pb.set_style(style);
    }
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    let handle = pb.clone();
    let bar_style = indicatif::ProgressStyle::with_template(
        "{spinner} {msg} [{elapsed}] {bar:30} {pos}/{len} merge steps",
    )
    .ok();
    let spinner_style = indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").ok();
    let f: ProgressFn = std::sync::Arc::new(move |p| match p {
        Progress::Phase(name) => {
            if let Some(st) = &spinner_style {
                handle.set_style(st.clone());
            }
            handle.set_message(name);
        }
        Progress::Merge(done, total) => {
            if done == 1 {
                if let Some(st) = &bar_style {
                    handle.set_style(st.clone());
                }
                handle.set_length(total as u64);
            }
            handle.set_position(done as u64);
        }
    });
    (Some(pb), Some(f))
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a scenario and summarise it (parties, roles, issues, outcome-space size).
    Check {
        /// Scenario file (.toml, .yaml/.yml, .json).
        file: PathBuf,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Zone of possible agreement, Pareto frontier and bargaining solutions, exactly.
    Analyze {
        /// Scenario file.
        file: PathBuf,
        #[command(flatten)]
        common: Common,
        /// Print JSON (schema: docs/output-schema.md).
        #[arg(long)]
        json: bool,
        /// Show at most this many frontier points in the table (JSON always has all).
        #[arg(long, default_value_t = 15)]
        show: usize,
        /// Also report time per phase, the partial frontier size after each
        /// merge step, and peak memory (in JSON: `stats`).
        #[arg(long)]
        stats: bool,
    },
    /// The Pareto frontier as data (table, CSV or JSON) and as an SVG chart.
    Frontier {
        /// Scenario file.
        file: PathBuf,
        #[command(flatten)]
        common: Common,
        /// Print CSV.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Write a chart of the frontier to this SVG file.
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
        /// Party on the chart's x axis (default: the first veto party).
        #[arg(long, requires = "svg")]
        x: Option<String>,
        /// Party on the chart's y axis (default: the second veto party).
        #[arg(long, requires = "svg")]
        y: Option<String>,
        /// Show at most this many points in the table (CSV and JSON always have all).
        #[arg(long)]
        show: Option<usize>,
    },
    /// What a proposal does to each party: utility, margin, accept or reject, and why.
    Evaluate {
        /// Scenario file.
        file: PathBuf,
        /// A deal id from the scenario, a deal file, or an inline package `issue=option,...`.
        #[arg(long)]
        deal: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Exit with code 1 when some veto party rejects the deal.
        #[arg(long)]
        check: bool,
    },
    /// What it would take: the least lowering of reservation values that opens a zone of possible agreement, and the mediator's cheapest mix of pressure and incentives.
    Leverage {
        /// Scenario file.
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The acceptable deals nearest a proposal: fewest changed issues, then best for the mediator.
    Repair {
        /// Scenario file.
        file: PathBuf,
        /// A deal id from the scenario, a deal file, or an inline package `issue=option,...`.
        #[arg(long)]
        deal: String,
        /// List at most this many deals.
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// Require ratification too: every veto party must reach its ratification threshold.
        #[arg(long)]
        ratified: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The deals the mediator can press a party into: acceptable to the satisfied parties, least pressure on the pressed ones, then best for the mediator.
    Mediate {
        /// Scenario file.
        file: PathBuf,
        /// Parties the mediator presses (comma-separated ids).
        #[arg(long, value_delimiter = ',', required = true)]
        press: Vec<String>,
        /// Parties that must accept as they are (comma-separated ids; default: every other veto party).
        #[arg(long, value_delimiter = ',')]
        satisfy: Option<Vec<String>>,
        /// List at most this many deals.
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// Require ratification too: named parties must reach their ratification thresholds, which pressure does not lower.
        #[arg(long)]
        ratified: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Monte Carlo over the scenario's uncertain numbers: probability of a zone, of each deal's acceptance, the most robust deals, and what matters most.
    Robust {
        /// Scenario file.
        file: PathBuf,
        /// Number of samples.
        #[arg(long, default_value_t = 10_000)]
        samples: u64,
        /// Random seed (the same seed gives the same output on any number of threads).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many of the most frequent per-sample Nash deals to try as robust candidates.
        #[arg(long, default_value_t = 20)]
        pool: usize,
        /// Acceptance includes ratification: every veto party must also reach its ratification threshold.
        #[arg(long)]
        ratified: bool,
        /// A deal to follow (id, file or inline package): the sensitivity ranking explains its acceptance when the zone exists in every sample or in none.
        #[arg(long)]
        deal: Option<String>,
        /// Write a tornado chart of the sensitivity ranking to this SVG file.
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Simulate talks under a protocol with a strategy per party: the trace, the outcome, its distance from the frontier and from the Nash point.
    Simulate {
        /// Scenario file.
        file: PathBuf,
        /// alternating, stacked, single-text or summit.
        #[arg(long, default_value = "stacked")]
        protocol: String,
        /// PARTY=STRATEGY (repeatable): boulware, linear, conceder, time(E), tit-for-tat, hardliner, aspiration, aspiration(G), random. Default: linear. (Single-text and summit talks use no strategies: the mediator drafts, parties answer.)
        #[arg(long = "strategy", value_name = "PARTY=STRATEGY")]
        strategies: Vec<String>,
        /// The negotiating parties, in moving order (default: the veto parties).
        #[arg(long, value_delimiter = ',')]
        parties: Option<Vec<String>>,
        /// Deadline in rounds.
        #[arg(long, default_value_t = 100)]
        rounds: usize,
        /// PARTY=X (repeatable): the party's reservation value changes by X per round (time pressure).
        #[arg(long, value_name = "PARTY=X", allow_hyphen_values = true)]
        drift: Vec<String>,
        /// PARTY=D (repeatable): the party discounts utility by D per round.
        #[arg(long, value_name = "PARTY=D")]
        discount: Vec<String>,
        /// Choose offers with a frequency model of the others' offers.
        #[arg(long)]
        opponent_model: bool,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Show at most this many trace steps in the table (0: all; JSON has all).
        #[arg(long, default_value_t = 40)]
        show: usize,
        /// Write a chart of the offers over the frontier to this SVG file.
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Every combination of strategies on one or more scenarios and seeds: agreement rate, utilities, rounds, distances.
    Tournament {
        /// Scenario files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Strategies to combine (comma-separated).
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "boulware,linear,conceder,tit-for-tat,hardliner,aspiration,random"
        )]
        strategies: Vec<String>,
        /// alternating or stacked.
        #[arg(long, default_value = "stacked")]
        protocol: String,
        /// Deadline in rounds.
        #[arg(long, default_value_t = 100)]
        rounds: usize,
        /// Runs per combination (seeds 0..N).
        #[arg(long, default_value_t = 10)]
        seeds: u64,
        /// Base seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Choose offers with a frequency model of the others' offers.
        #[arg(long)]
        opponent_model: bool,
        /// Print JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV.
        #[arg(long)]
        csv: bool,
    },
    /// Forecast where actors end up (SMP, expected-utility or compromise model), or score the models on a validation set.
    Forecast {
        /// Actors: a CSV in KTAB's SMP layout or `actor,capability,position,salience`, or a scenario whose options carry positions.
        #[arg(required_unless_present = "validate")]
        file: Option<PathBuf>,
        /// smp, eum or compromise.
        #[arg(long, default_value = "smp")]
        model: String,
        /// Stop after this many rounds (SMP default: on convergence, at most 100; EUM default: 10, or when nothing moves).
        #[arg(long)]
        rounds: Option<usize>,
        /// Expected-utility model: `table2` (the reading that reproduces Scholz et al.'s Table 2) or `paper` (the printed equations).
        #[arg(long, default_value = "table2")]
        reading: String,
        /// Expected-utility model: probability that the status quo persists without a challenge.
        #[arg(long, default_value_t = 1.0)]
        q: f64,
        /// SMP: the probabilistic Condorcet election, `conditional` (KTAB's default) or `markov`.
        #[arg(long, default_value = "conditional")]
        pce: String,
        /// Validation: ACTORS.csv with `issue,actor,capability,position,salience`.
        #[arg(
            long,
            value_name = "ACTORS.csv",
            requires = "outcomes",
            conflicts_with = "file"
        )]
        validate: Option<PathBuf>,
        /// Validation: OUTCOMES.csv with `issue,outcome`.
        #[arg(long, value_name = "OUTCOMES.csv", requires = "validate")]
        outcomes: Option<PathBuf>,
        /// Validation: score every model (default: --model and the compromise baseline).
        #[arg(long, requires = "validate")]
        all: bool,
        /// Write a chart of the positions over the rounds to this SVG file.
        #[arg(long, value_name = "OUT.svg", conflicts_with = "validate")]
        svg: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Convert other formats into a scenario.
    #[command(subcommand)]
    Import(Import),
    /// Write a scenario in another format.
    #[command(subcommand)]
    Export(Export),
}

#[derive(Debug, Args)]
struct Common {
    /// Parties spanning the frontier, comma-separated ids (default: all parties).
    #[arg(long, value_delimiter = ',')]
    parties: Option<Vec<String>>,
    /// List up to this many packages per frontier point when several share a utility vector.
    #[arg(long, default_value_t = 1)]
    ties: usize,
}

#[derive(Debug, Subcommand)]
enum Import {
    /// A Genius domain and its utility profiles (XML) into a scenario file.
    Genius {
        /// The domain file.
        domain: PathBuf,
        /// One utility profile per party (the party id is the file stem).
        #[arg(required = true)]
        profiles: Vec<PathBuf>,
        #[command(flatten)]
        out: ImportOut,
    },
    /// GeniusWeb JSON profiles (LinearAdditiveUtilitySpace) into a scenario file.
    Geniusweb {
        /// One profile per party (the party id is the file stem).
        #[arg(required = true)]
        profiles: Vec<PathBuf>,
        #[command(flatten)]
        out: ImportOut,
    },
}

/// Where and how an import writes its scenario.
#[derive(Debug, Args)]
struct ImportOut {
    /// Output scenario file (.toml).
    #[arg(short, long)]
    output: PathBuf,
    /// Number of equal intervals a real-valued (numeric) issue is cut into.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    real_steps: u32,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Subcommand)]
enum Export {
    /// A scenario as a Genius domain and one utility profile per party.
    Genius {
        /// Scenario file.
        file: PathBuf,
        /// Output directory (created if missing).
        #[arg(short, long)]
        output: PathBuf,
        /// Overwrite existing files.
        #[arg(long)]
        force: bool,
    },
}

/// A failure, with its exit code.
pub enum Failure {
    /// Bad input: exit 2.
    Load(LoadError),
    /// Bad usage: exit 2.
    Usage(String, Option<String>),
    /// Could not write output: exit 3.
    Write(String),
    /// Writing to stdout failed.
    Stdout(std::io::Error),
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure::Load(e)
    }
}

impl From<accord::Error> for Failure {
    fn from(e: accord::Error) -> Self {
        match e {
            accord::Error::Load(e) => Failure::Load(e),
            accord::Error::Usage { message, hint } => Failure::Usage(message, hint),
            accord::Error::Output { message } => Failure::Write(message),
            accord::Error::Cancelled => Failure::Usage("cancelled".into(), None),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Stdout(e)
    }
}

impl Failure {
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Failure::Stdout(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Load(_) | Failure::Usage(..) => 2,
            Failure::Write(_) | Failure::Stdout(_) => 3,
        }
    }

    pub fn report(&self) {
        match self {
            Failure::Load(LoadError::Input(errs)) => {
                for e in errs.iter().take(20) {
                    eprintln!("{:?}", miette::Report::new(e.clone()));
                }
                if errs.len() > 20 {
                    eprintln!("... and {} more errors", errs.len() - 20);
                }
                let n = errs.len();
                eprintln!(
                    "error: {} problem{} found; nothing was written",
                    n,
                    if n == 1 { "" } else { "s" }
                );
            }
            Failure::Load(LoadError::Other { message, help }) => {
                eprintln!("error: {message}");
                if let Some(h) = help {
                    eprintln!("  hint: {h}");
                }
            }
            Failure::Load(e) => eprintln!("error: {e}"),
            Failure::Usage(m, h) => {
                eprintln!("error: {m}");
                if let Some(h) = h {
                    eprintln!("  hint: {h}");
                }
            }
            Failure::Write(m) => eprintln!("error: {m}"),
            Failure::Stdout(e) => eprintln!("error: cannot write output: {e}"),
        }
    }
}

fn party_indices(s: &Scenario, ids: &Option<Vec<String>>) -> Result<Option<Vec<usize>>, Failure> {
    let Some(ids) = ids else { return Ok(None) };
    let mut out = Vec::new();
    for id in ids {
        match s.party_index(id) {
            Some(p) if !out.contains(&p) => out.push(p),
            Some(_) => {}
            None => return Err(unknown_party(s, id)),
        }
    }
    if out.is_empty() {
        return Err(Failure::Usage("--parties names no party".into(), None));
    }
    Ok(Some(out))
}

/// An unknown party id on the command line, with the known ones as a hint.
/// Loads a scenario and applies the `--set` overrides.
fn load(file: &Path, sets: &[String]) -> Result<Scenario, Failure> {
    let mut s = load_scenario(file)?;
    accord_io::overrides::apply_overrides(&mut s, sets)?;
    Ok(s)
}

pub fn unknown_party(s: &Scenario, id: &str) -> Failure {
    Failure::Usage(
        format!("unknown party `{id}`"),
        Some(format!(
            "the parties are: {}",
            s.parties
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    )
}

pub(crate) fn model_failure(e: accord_core::ModelError) -> Failure {
    Failure::Load(LoadError::Other {
        message: e.to_string(),
        help: None,
    })
}

/// Writes a file atomically: a temporary file next to it, then a rename.
pub fn write_atomic(path: &Path, contents: &[u8], force: bool) -> Result<(), Failure> {
    if path.exists() && !force {
        return Err(Failure::Usage(
            format!("{} exists", path.display()),
            Some("pass --force to overwrite it".into()),
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.accord-tmp"));
    let result = std::fs::write(&tmp, contents).and_then(|_| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Failure::Write(format!(
            "cannot write {}: {e}",
            path.display()
        )));
    }
    Ok(())
}

fn stdout_write(s: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes a serializable report to stdout as pretty JSON, streaming.
fn json_stream(v: &impl serde::Serialize) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, v).map_err(|e| match e.io_error_kind() {
        Some(kind) => Failure::Stdout(std::io::Error::from(kind)),
        None => Failure::Write(format!("cannot write JSON: {e}")),
    })?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

fn json_text(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into());
    s.push('\n');
    s
}

/// Writes a report to stdout: JSON, or text for the terminal.
fn emit(
    session: &accord::Session,
    file: &Path,
    report: &accord::Report,
    json: bool,
) -> Result<(), Failure> {
    if json {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        accord::render::json_io(&mut out, report)?;
        out.flush()?;
        Ok(())
    } else {
        let source = file.display().to_string();
        let cx = accord::render::Context::new(session.scenario(), &source);
        stdout_write(&accord::render::text(report, &cx))
    }
}

/// Runs a parsed command; returns the exit code.
pub fn run(cli: Cli) -> Result<u8, Failure> {
    let quiet = cli.quiet;
    let sets = cli.set;
    match cli.command {
        Command::Check { file, json } => {
            let session = accord::Session::load(&file, &sets)?;
            let report = session.run(&accord::Request::Check, &accord::observe::Silent)?;
            emit(&session, &file, &report, json)?;
            Ok(0)
        }
        Command::Analyze {
            file,
            common,
            json,
            show,
            stats,
        } => {
            let s = load(&file, &sets)?;
            let opts = AnalyzeOptions {
                frontier_parties: party_indices(&s, &common.parties)?,
                max_listed_per_point: common.ties,
                zopa_limits: None,
                progress: None,
            };
            let (bar, callback) = progress(quiet);
            let opts = AnalyzeOptions {
                progress: callback,
                ..opts
            };
            let a = analyze(&s, &opts);
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            let a = a.map_err(model_failure)?;
            let deals: Vec<_> = s
                .deals
                .iter()
                .map(|d| (d.id.clone(), d.name.clone(), evaluate(&s, &d.package)))
                .collect();
            let peak = output::peak_memory_bytes();
            if json {
                json_stream(&accord_io::report::AnalysisReport {
                    scenario: &s,
                    analysis: &a,
                    deals: &deals,
                    peak_memory_bytes: peak,
                    only: None,
                })?;
            } else {
                stdout_write(&output::analysis_text(&s, &a, &deals, show))?;
                if stats {
                    stdout_write(&output::stats_text(&a, peak))?;
                }
            }
            Ok(0)
        }
        Command::Frontier {
            file,
            common,
            csv,
            json,
            svg,
            x,
            y,
            show,
        } => {
            let s = load(&file, &sets)?;
            let opts = AnalyzeOptions {
                frontier_parties: party_indices(&s, &common.parties)?,
                max_listed_per_point: common.ties,
                zopa_limits: None,
                progress: None,
            };
            // Resolve chart parties before the (possibly long) analysis.
            let axes = match &svg {
                Some(_) => Some(output::chart_axes(&s, x.as_deref(), y.as_deref())?),
                None => None,
            };
            let (bar, callback) = progress(quiet);
            let opts = AnalyzeOptions {
                progress: callback,
                ..opts
            };
            let a = analyze(&s, &opts);
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            let a = a.map_err(model_failure)?;
            if let (Some(path), Some((px, py))) = (&svg, axes) {
                let chart = output::frontier_chart(&s, &a, px, py);
                let text = accord_io::chart::frontier_svg(&chart)
                    .map_err(|e| Failure::Write(e.to_string()))?;
                write_atomic(path, text.as_bytes(), true)?;
            }
            if csv {
                stdout_write(&accord_io::report::frontier_csv(&s, &a))?;
            } else if json {
                json_stream(&accord_io::report::AnalysisReport {
                    scenario: &s,
                    analysis: &a,
                    deals: &[],
                    peak_memory_bytes: None,
                    only: Some(&["schema_version", "scenario", "pareto", "solutions"]),
                })?;
            } else {
                stdout_write(&output::frontier_text(&s, &a, show.unwrap_or(usize::MAX)))?;
                if let Some(p) = &svg {
                    stdout_write(&format!("chart written to {}\n", p.display()))?;
                }
            }
            Ok(0)
        }
        Command::Evaluate {
            file,
            deal,
            json,
            check,
        } => {
            let session = accord::Session::load(&file, &sets)?;
            let report = session.run(
                &accord::Request::Evaluate { deal },
                &accord::observe::Silent,
            )?;
            emit(&session, &file, &report, json)?;
            let in_zopa = matches!(&report, accord::Report::Evaluate(r) if r.evaluation.in_zopa);
            Ok(if check && !in_zopa { 1 } else { 0 })
        }
        Command::Leverage { file, json } => {
            let session = accord::Session::load(&file, &sets)?;
            let report = session.run(&accord::Request::Leverage, &accord::observe::Silent)?;
            emit(&session, &file, &report, json)?;
            Ok(0)
        }
        Command::Mediate {
            file,
            press,
            satisfy,
            limit,
            ratified,
            json,
        } => {
            let session = accord::Session::load(&file, &sets)?;
            let request = accord::Request::Mediate {
                press,
                satisfy,
                limit,
                ratified,
            };
            let report = session.run(&request, &accord::observe::Silent)?;
            emit(&session, &file, &report, json)?;
            Ok(0)
        }
        Command::Robust {
            file,
            samples,
            seed,
            pool,
            ratified,
            deal,
            svg,
            json,
        } => {
            let session = accord::Session::load(&file, &sets)?;
            let request = accord::Request::Robust {
                samples,
                seed,
                pool,
                ratified,
                deal,
            };
            let bar = crate::progress::Bar::new(sample_bar(quiet));
            let report = session.run(&request, &bar);
            bar.finish();
            let report = report?;
            if let (Some(path), accord::Report::Robust(r)) = (&svg, &report) {
                let source = file.display().to_string();
                let cx = accord::render::Context::new(session.scenario(), &source);
                let text = accord::render::tornado::svg(r, &cx)?;
                write_atomic(path, text.as_bytes(), true)?;
            }
            emit(&session, &file, &report, json)?;
            if let (Some(p), false) = (&svg, json) {
                stdout_write(&format!("chart written to {}\n", p.display()))?;
            }
            Ok(0)
        }
        Command::Simulate {
            file,
            protocol,
            strategies,
            parties,
            rounds,
            drift,
            discount,
            opponent_model,
            seed,
            show,
            svg,
            json,
        } => {
            let s = load(&file, &sets)?;
            let args = crate::sim::SimArgs {
                protocol: &protocol,
                strategies: &strategies,
                parties: parties.as_deref(),
                rounds,
                drift: &drift,
                discount: &discount,
                opponent_model,
                seed,
            };
            let (arena, setup, names, out) = crate::sim::simulate(&s, &args)?;
            if let Some(path) = &svg {
                let chart = crate::sim::trace_chart(&s, &arena, &setup, &names, &out);
                let text = accord_io::chart::trace_svg(&chart)
                    .map_err(|e| Failure::Write(e.to_string()))?;
                write_atomic(path, text.as_bytes(), true)?;
            }
            if json {
                stdout_write(&json_text(&crate::sim::simulate_json(
                    &s, &arena, &setup, &names, &out,
                )))?;
            } else {
                stdout_write(&crate::sim::simulate_text(
                    &s, &arena, &setup, &names, &out, show,
                ))?;
                if let Some(p) = &svg {
                    stdout_write(&format!("chart written to {}\n", p.display()))?;
                }
            }
            Ok(0)
        }
        Command::Tournament {
            files,
            strategies,
            protocol,
            rounds,
            seeds,
            seed,
            opponent_model,
            json,
            csv,
        } => {
            let mut scenarios = Vec::new();
            for f in &files {
                scenarios.push((f.display().to_string(), load(f, &sets)?));
            }
            let args = crate::sim::TourArgs {
                protocol: &protocol,
                strategies: &strategies,
                rounds,
                seeds,
                seed,
                opponent_model,
            };
            let bar = sample_bar(quiet);
            let tick = bar.clone().map(|b| {
                move |done: u64, total: u64| {
                    b.set_length(total);
                    b.set_position(done);
                }
            });
            let (matches, elapsed, total) = crate::sim::tournament(
                &scenarios,
                &args,
                tick.as_ref().map(|f| f as &(dyn Fn(u64, u64) + Sync)),
            )?;
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            if json {
                stdout_write(&json_text(&crate::sim::tournament_json(
                    &matches, &args, elapsed, total,
                )))?;
            } else if csv {
                stdout_write(&crate::sim::tournament_csv(&matches))?;
            } else {
                stdout_write(&crate::sim::tournament_text(
                    &matches, &args, elapsed, total,
                ))?;
            }
            Ok(0)
        }
        Command::Forecast {
            file,
            model,
            rounds,
            reading,
            q,
            pce,
            validate,
            outcomes,
            all,
            svg,
            json,
        } => {
            let m = crate::fc::model(&model)?;
            let opts = crate::fc::options(rounds, &reading, q, &pce)?;
            if let (Some(a), Some(o)) = (&validate, &outcomes) {
                let cases = accord_io::actors::load_validation(a, o)?;
                let models: Vec<accord_core::forecast::Model> = if all {
                    accord_core::forecast::Model::ALL.to_vec()
                } else if m == accord_core::forecast::Model::Compromise {
                    vec![m]
                } else {
                    vec![m, accord_core::forecast::Model::Compromise]
                };
                let (names, cs, scores) = crate::fc::validate(&cases, &models, &opts);
                if json {
                    stdout_write(&json_text(&crate::fc::validation_json(
                        &names, &cs, &scores,
                    )))?;
                } else {
                    stdout_write(&crate::fc::validation_text(&names, &scores))?;
                }
                return Ok(0);
            }
            let path = file.expect("clap requires FILE without --validate");
            let actors = accord_io::actors::load_actors(&path)?;
            let f = accord_core::forecast::run_with(m, &actors, &opts);
            if let Some(p) = &svg {
                let text =
                    crate::fc::chart(&actors, &f).map_err(|e| Failure::Write(e.to_string()))?;
                write_atomic(p, text.as_bytes(), true)?;
            }
            if json {
                stdout_write(&json_text(&crate::fc::forecast_json(&actors, &f)))?;
            } else {
                stdout_write(&crate::fc::forecast_text(&actors, &f))?;
                if let Some(p) = &svg {
                    stdout_write(&format!("chart written to {}\n", p.display()))?;
                }
            }
            Ok(0)
        }
        Command::Repair {
            file,
            deal,
            limit,
            ratified,
            json,
        } => {
            let session = accord::Session::load(&file, &sets)?;
            let request = accord::Request::Repair {
                deal,
                limit,
                ratified,
            };
            let report = session.run(&request, &accord::observe::Silent)?;
            emit(&session, &file, &report, json)?;
            Ok(0)
        }
        Command::Import(Import::Genius {
            domain,
            profiles,
            out,
        }) => crate::output::import_genius(
            &domain,
            &profiles,
            &out.output,
            out.real_steps as usize,
            out.force,
            false,
        ),
        Command::Import(Import::Geniusweb { profiles, out }) => crate::output::import_genius(
            Path::new(""),
            &profiles,
            &out.output,
            out.real_steps as usize,
            out.force,
            true,
        ),
        Command::Export(Export::Genius {
            file,
            output,
            force,
        }) => {
            let s = load(&file, &sets)?;
            crate::output::export_genius(&s, &output, force)
        }
    }
}
