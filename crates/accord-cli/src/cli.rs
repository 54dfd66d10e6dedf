//! Arguments and command dispatch.

use std::io::Write;
use std::path::{Path, PathBuf};

use accord_core::model::Scenario;
use accord_io::scenario::{load_scenario, resolve_deal};
use accord_io::Error;
use clap::{Args, Parser, Subcommand};

use crate::progress::Progress;

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
    Load(Error),
    /// Bad usage: exit 2.
    Usage(String, Option<String>),
    /// Could not write output: exit 3.
    Write(String),
    /// Writing to stdout failed.
    Stdout(std::io::Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
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
            Failure::Load(Error::Input(errs)) => {
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
            Failure::Load(Error::Invalid { message, help }) => {
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
    Failure::Load(e.into())
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

/// An import's output must not exist yet, unless `--force`.
fn refuse_existing(output: &Path, force: bool) -> Result<(), Failure> {
    if output.exists() && !force {
        return Err(Failure::Usage(
            format!("{} exists", output.display()),
            Some("pass --force to overwrite it".into()),
        ));
    }
    Ok(())
}

fn read_inputs(paths: &[PathBuf]) -> Result<Vec<accord::convert::InputFile>, Failure> {
    paths
        .iter()
        .map(|p| Ok(accord::convert::InputFile::read(p)?))
        .collect()
}

/// Writes an imported scenario and says what it holds.
fn write_import(out: &ImportOut, imported: &accord::convert::Imported) -> Result<u8, Failure> {
    write_atomic(&out.output, imported.toml.as_bytes(), out.force)?;
    eprintln!(
        "wrote {}: {} parties, {} issues, {} packages",
        out.output.display(),
        imported.parties,
        imported.issues,
        imported.outcomes
    );
    Ok(0)
}

fn stdout_write(s: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
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

/// Writes a report to stdout: JSON, or the text `text` renders.
fn emit_with(
    report: &accord::Report,
    json: bool,
    text: impl FnOnce() -> String,
) -> Result<(), Failure> {
    if json {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        accord::render::json_io(&mut out, report)?;
        out.flush()?;
        Ok(())
    } else {
        stdout_write(&text())
    }
}

/// `PARTY=VALUE` arguments (`--strategy`, `--drift`, …) as a request's map,
/// each value parsed by `parse` (given the party and the value).
fn party_values<T>(
    args: &[String],
    what: &str,
    parse: impl Fn(&str, &str) -> Result<T, Failure>,
) -> Result<accord::request::PartyMap<T>, Failure> {
    args.iter()
        .map(|a| {
            let (p, v) = a.split_once('=').ok_or_else(|| {
                Failure::Usage(
                    format!("`{a}` is not of the form PARTY=VALUE"),
                    Some(format!("write e.g. --{what} ukraine=...")),
                )
            })?;
            let (p, v) = (p.trim(), v.trim());
            Ok((p.to_string(), parse(p, v)?))
        })
        .collect()
}

/// `PARTY=X` arguments with numbers (the range is checked by the request;
/// it is named here for the message).
fn party_numbers(
    args: &[String],
    what: &str,
    lo: f64,
    hi: f64,
) -> Result<accord::request::PartyMap<f64>, Failure> {
    party_values(args, what, |p, v| {
        v.parse::<f64>().map_err(|_| {
            Failure::Usage(
                format!("--{what} {p}={v}: expected a number in [{lo}, {hi}]"),
                Some("e.g. --drift ukraine=-0.002 (per round), --discount russia=0.99".into()),
            )
        })
    })
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
            let session = accord::Session::load(&file, &sets)?;
            let request = accord::Request::Analyze {
                parties: common.parties,
                ties: common.ties,
            };
            let bar = Progress::steps(quiet, "analysing", "merge steps");
            let report = session.run(&request, &bar)?;
            bar.finish();
            match &report {
                accord::Report::Analyze(r) if !json => {
                    let source = file.display().to_string();
                    let cx = accord::render::Context::new(session.scenario(), &source);
                    let opts = accord::render::text::analyze::Options { show, stats };
                    stdout_write(&accord::render::text::analyze::render_with(r, &cx, &opts))?;
                }
                _ => emit(&session, &file, &report, json)?,
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
            let session = accord::Session::load(&file, &sets)?;
            // Resolve the chart's parties before the (possibly long) analysis.
            let axes = match &svg {
                Some(_) => Some(accord::render::svg::frontier::Axes::choose(
                    session.scenario(),
                    x.as_deref(),
                    y.as_deref(),
                )?),
                None => None,
            };
            let request = accord::Request::Frontier {
                parties: common.parties,
                ties: common.ties,
            };
            let bar = Progress::steps(quiet, "merging the Pareto frontier", "merge steps");
            let report = session.run(&request, &bar)?;
            bar.finish();
            let accord::Report::Frontier(r) = &report else {
                unreachable!("a frontier request answers with a frontier report")
            };
            if let (Some(path), Some(axes)) = (&svg, &axes) {
                let text = accord::render::svg::frontier::render(r, axes)?;
                write_atomic(path, text.as_bytes(), true)?;
            }
            let source = file.display().to_string();
            let cx = accord::render::Context::new(session.scenario(), &source);
            if csv {
                stdout_write(&accord::render::csv::frontier::render(r, &cx))?;
            } else if json {
                emit(&session, &file, &report, true)?;
            } else {
                stdout_write(&accord::render::text::frontier::render_with(r, &cx, show))?;
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
            let bar = crate::progress::Progress::bar(quiet);
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
            let session = accord::Session::load(&file, &sets)?;
            let request = accord::Request::Simulate {
                protocol,
                strategies: party_values(&strategies, "strategy", |_, v| Ok(v.to_string()))?,
                parties,
                rounds,
                drift: party_numbers(&drift, "drift", -1.0, 1.0)?,
                discount: party_numbers(&discount, "discount", 0.0, 1.0)?,
                opponent_model,
                seed,
            };
            let report = session.run(&request, &accord::observe::Silent)?;
            let accord::Report::Simulate(r) = &report else {
                unreachable!("simulate answers with a simulation")
            };
            let source = file.display().to_string();
            let cx = accord::render::Context::new(session.scenario(), &source);
            if let Some(path) = &svg {
                let text = accord::render::svg::simulate::render(r, &cx)?;
                write_atomic(path, text.as_bytes(), true)?;
            }
            emit_with(&report, json, || {
                let mut text = accord::render::text::simulate::render_with(r, &cx, show);
                if let Some(p) = &svg {
                    text.push_str(&format!("chart written to {}\n", p.display()));
                }
                text
            })?;
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
                scenarios.push((f.display().to_string(), accord::Session::load(f, &sets)?));
            }
            let request = accord::TournamentRequest {
                strategies,
                protocol,
                rounds,
                seeds,
                seed,
                opponent_model,
            };
            let bar = crate::progress::Progress::bar(quiet);
            let report = accord::tournament(&scenarios, &request, &bar);
            bar.finish();
            let report = report?;
            let accord::Report::Tournament(r) = &report else {
                unreachable!("a tournament answers with a tournament report")
            };
            if csv {
                stdout_write(&accord::render::csv::tournament::render(r))?;
            } else {
                emit_with(&report, json, || {
                    accord::render::text::tournament::render(r)
                })?;
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
            if let (Some(a), Some(o)) = (&validate, &outcomes) {
                if !sets.is_empty() {
                    return Err(Failure::Usage(
                        "--set applies to scenario files only; --validate reads actor files".into(),
                        None,
                    ));
                }
                let request = accord::ValidateRequest {
                    model,
                    all,
                    rounds,
                    reading,
                    q,
                    pce,
                };
                let report = accord::validate(a, o, &request)?;
                let accord::Report::Validation(r) = &report else {
                    unreachable!("a validation answers with a validation report")
                };
                emit_with(&report, json, || {
                    accord::render::text::validation::render(r)
                })?;
                return Ok(0);
            }
            let path = file.expect("clap requires FILE without --validate");
            let input = accord::ForecastInput::load(&path, &sets)?;
            let request = accord::ForecastRequest {
                model,
                rounds,
                reading,
                q,
                pce,
            };
            let report = accord::forecast(&input, &request)?;
            let accord::Report::Forecast(r) = &report else {
                unreachable!("a forecast answers with a forecast report")
            };
            if let Some(p) = &svg {
                let text = accord::render::svg::forecast::render(r)?;
                write_atomic(p, text.as_bytes(), true)?;
            }
            emit_with(&report, json, || {
                let mut text = accord::render::text::forecast::render(r);
                if let Some(p) = &svg {
                    text.push_str(&format!("chart written to {}\n", p.display()));
                }
                text
            })?;
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
        Command::Import(_) if !sets.is_empty() => Err(Failure::Usage(
            "--set applies to commands that read a scenario; import writes one".into(),
            Some("import first, then pass --set to the command that reads the scenario".into()),
        )),
        Command::Import(Import::Genius {
            domain,
            profiles,
            out,
        }) => {
            refuse_existing(&out.output, out.force)?;
            let profiles = read_inputs(&profiles)?;
            let domain = accord::convert::InputFile::read(&domain)?;
            let imported =
                accord::convert::import_genius(&domain, &profiles, out.real_steps as usize)?;
            write_import(&out, &imported)
        }
        Command::Import(Import::Geniusweb { profiles, out }) => {
            refuse_existing(&out.output, out.force)?;
            let profiles = read_inputs(&profiles)?;
            let imported = accord::convert::import_geniusweb(&profiles, out.real_steps as usize)?;
            write_import(&out, &imported)
        }
        Command::Export(Export::Genius {
            file,
            output,
            force,
        }) => {
            let session = accord::Session::load(&file, &sets)?;
            let ex = accord::convert::export_genius(session.scenario())?;
            let files: Vec<(PathBuf, &str)> = ex
                .files
                .iter()
                .map(|(name, text)| (output.join(name), text.as_str()))
                .collect();
            if !force {
                if let Some((p, _)) = files.iter().find(|(p, _)| p.exists()) {
                    return Err(Failure::Usage(
                        format!("{} exists", p.display()),
                        Some("pass --force to overwrite".into()),
                    ));
                }
            }
            std::fs::create_dir_all(&output)
                .map_err(|e| Failure::Write(format!("cannot create {}: {e}", output.display())))?;
            for (p, text) in &files {
                write_atomic(p, text.as_bytes(), true)?;
            }
            for w in &ex.warnings {
                eprintln!("warning: {w}");
            }
            eprintln!("wrote {} files to {}", files.len(), output.display());
            Ok(0)
        }
    }
}
