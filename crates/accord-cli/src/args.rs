//! The command line: every command and its arguments (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// accord: exact analysis of multi-party negotiations.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about, long_about = None)]
pub struct Cli {
    /// No progress display on stderr (it is shown only on a terminal anyway).
    #[arg(long, short, global = true)]
    pub(crate) quiet: bool,
    /// Override one number of the scenario for this run, e.g. `--set ukraine.reservation=0.4`, or switch off a red line or an option, e.g. `--set ukraine.red_lines.1=off` (repeatable; paths in docs/cli.md).
    #[arg(long = "set", global = true, value_name = "PATH=VALUE")]
    pub(crate) set: Vec<String>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
pub(crate) struct Common {
    /// Parties spanning the frontier, comma-separated ids (default: all parties).
    #[arg(long, value_delimiter = ',')]
    pub(crate) parties: Option<Vec<String>>,
    /// List up to this many packages per frontier point when several share a utility vector.
    #[arg(long, default_value_t = 1)]
    pub(crate) ties: usize,
    /// Ratification thresholds count as acceptance: each veto party's reservation value is raised to its ratification threshold where that is higher.
    #[arg(long)]
    pub(crate) ratified: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Import {
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
pub(crate) struct ImportOut {
    /// Output scenario file (.toml).
    #[arg(short, long)]
    pub(crate) output: PathBuf,
    /// Number of equal intervals a real-valued (numeric) issue is cut into.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub(crate) real_steps: u32,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Export {
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
