//! The command line: every command and its arguments (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// accord: exact analysis of multi-party negotiations.
#[derive(Debug, Parser)]
// Help in the source's own line breaks, whatever clap's features (another
// crate of the workspace may turn on `wrap_help`): examples stay one line,
// to copy whole.
#[command(name = "accord", version, about, long_about = None, term_width = 0)]
#[command(
    after_help = "Example (the bundled scenario; `accord COMMAND --help` shows one per command):\n  accord analyze examples/ukraine-2025/scenario.toml"
)]
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
    #[command(after_help = "Example:\n  accord check examples/ukraine-2025/scenario.toml")]
    Check {
        /// Scenario file (.toml, .yaml/.yml, .json).
        file: PathBuf,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Zone of possible agreement, Pareto frontier and bargaining solutions, exactly.
    #[command(after_help = "Example:\n  accord analyze examples/ukraine-2025/scenario.toml")]
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
    #[command(
        after_help = "Example (the frontier of the two principals):\n  accord frontier examples/ukraine-2025/scenario.toml --parties russia,ukraine"
    )]
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
    /// Variants of a scenario side by side: what differs in their inputs (reservation values, vetoes, weights, values, issues and options) and in their analysis (the zone, settled and open issues, the solutions, the verdicts on the deals).
    #[command(
        after_help = "To see what a change moves, copy the scenario beside it (its deal files are read from its folder), change a number in the copy and compare the two files.\n\nExample (a file against itself: no differences):\n  accord compare examples/ukraine-2025/scenario.toml examples/ukraine-2025/scenario.toml"
    )]
    Compare {
        /// Scenario files, at least two (`--set` applies to each).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print JSON (schema: docs/output-schema.md).
        #[arg(long)]
        json: bool,
    },
    /// What a proposal does to each party: utility, margin, accept or reject, and why.
    #[command(
        after_help = "Example (a deal on file):\n  accord evaluate examples/ukraine-2025/scenario.toml --deal us_28_point"
    )]
    Evaluate {
        /// Scenario file.
        file: PathBuf,
        /// A deal id from the scenario, a deal file, or an inline package `issue=option,...`.
        #[arg(long)]
        deal: String,
        /// Change some issues of the deal first: issue=option[,issue=option…] (e.g. "the 28-point plan with a 15-year guarantee": --deal us_28_point --change guarantees=article5_like_15y).
        #[arg(long, value_name = "ISSUE=OPTION,...")]
        change: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Exit with code 1 when some veto party rejects the deal.
        #[arg(long)]
        check: bool,
    },
    /// What it would take: the least lowering of reservation values that opens a zone of possible agreement, and the mediator's cheapest mix of pressure and incentives.
    #[command(after_help = "Example:\n  accord leverage examples/ukraine-2025/scenario.toml")]
    Leverage {
        /// Scenario file.
        file: PathBuf,
        /// Acceptance includes ratification: the cheapest mix must make every veto party ratify too (pressure lowers a threshold by the party's imposed share).
        #[arg(long)]
        ratified: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The acceptable deals nearest a proposal: fewest changed issues, then best for the mediator.
    #[command(
        after_help = "Example:\n  accord repair examples/ukraine-2025/scenario.toml --deal us_28_point"
    )]
    Repair {
        /// Scenario file.
        file: PathBuf,
        /// A deal id from the scenario, a deal file, or an inline package `issue=option,...`.
        #[arg(long)]
        deal: String,
        /// Change some issues of the deal first: issue=option[,issue=option…] (e.g. "the 28-point plan with a 15-year guarantee": --deal us_28_point --change guarantees=article5_like_15y).
        #[arg(long, value_name = "ISSUE=OPTION,...")]
        change: Option<String>,
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
    #[command(
        after_help = "Example (the most Moscow can get that Washington can still force on Kyiv, and how it grows with the pressure):\n  accord mediate examples/ukraine-2025/scenario.toml --press ukraine --maximize russia --curve --limit 3"
    )]
    Mediate {
        /// Scenario file.
        file: PathBuf,
        /// Parties the mediator presses (comma-separated ids).
        #[arg(long, value_delimiter = ',', required = true)]
        press: Vec<String>,
        /// Parties that must accept as they are (comma-separated ids; default: every other veto party).
        #[arg(long, value_delimiter = ',')]
        satisfy: Option<Vec<String>>,
        /// Rank deals by this party's utility first (then least pressure, then cost): e.g. --maximize russia is "the most Moscow can get that the mediator can still force on the pressed".
        #[arg(long, value_name = "PARTY")]
        maximize: Option<String>,
        /// Also show the coercion curve: the best deal for --maximize (default: the mediator) as the pressure allowed rises from 0 to its maximum.
        #[arg(long)]
        curve: bool,
        /// A plan to weigh the deals against (id, file or inline package): what it needs to be pressed through, and each deal's difference from it.
        #[arg(long)]
        deal: Option<String>,
        /// Change some issues of --deal first: issue=option[,issue=option…].
        #[arg(long, value_name = "ISSUE=OPTION,...", requires = "deal")]
        change: Option<String>,
        /// List at most this many deals.
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// Require ratification too: named parties must reach their ratification thresholds, which pressure lowers only by a party's imposed share of it (the pressure needed is then the least that makes a pressed party accept and ratify).
        #[arg(long)]
        ratified: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Monte Carlo over the scenario's uncertain numbers: probability of a zone, of each deal's acceptance, the most robust deals, and what matters most.
    #[command(
        after_help = "Example:\n  accord robust examples/ukraine-2025/scenario.toml --samples 1000 --seed 7"
    )]
    Robust {
        /// Scenario file (not with --merge: the parts carry it).
        #[arg(required_unless_present = "merge")]
        file: Option<PathBuf>,
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
        /// Do not condition on the scenario's [[observations]] (by default samples that disagree with what a party said are dropped).
        #[arg(long)]
        ignore_observations: bool,
        /// Compute only shard K of N (samples ⌊(K−1)·S/N⌋ to ⌊K·S/N⌋−1) and print it as a part file (JSON) for --merge; run the N shards anywhere (SLURM array, GNU parallel).
        #[arg(long, value_name = "K/N", conflicts_with_all = ["merge", "svg", "json"])]
        shard: Option<String>,
        /// Write the part file here instead of standard output (with --shard).
        #[arg(
            short = 'o',
            long = "output",
            value_name = "PART.json",
            requires = "shard"
        )]
        output: Option<PathBuf>,
        /// Finish a run from all its part files (any order): the same output, byte for byte, as one run. The scenario, --set values and the question (--samples, --seed, …) come from the parts.
        #[arg(long, value_name = "PART.json", num_args = 1.., conflicts_with = "file")]
        merge: Vec<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// What the parties said: the reservation values consistent with each party's observed accept/reject responses ([[observations]]), contradictions, and the share of the prior each observation keeps.
    #[command(
        after_help = "Example (what Moscow, Kyiv, Washington and the E3 said of the four plans, in the bundled scenario):\n  accord calibrate examples/ukraine-2025/scenario.toml"
    )]
    Calibrate {
        /// Scenario file.
        file: PathBuf,
        /// Monte Carlo samples for the prior shares (with distributions; the samples of `robust`).
        #[arg(long, default_value_t = 10_000)]
        samples: u64,
        /// Random seed (the same as `robust --seed`).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    #[command(
        after_help = "Example (how the zone and the mediator's costs move with Kyiv's reservation value):\n  accord sweep examples/ukraine-2025/scenario.toml --vary ukraine.reservation=0.4:0.6:0.1"
    )]
    /// The same questions over a grid of --set values: the zone, the leverage and the Nash package per grid point (and with --command mediate, the best mediated deal), in parallel.
    Sweep {
        /// Scenario file (not with --merge: the parts carry it).
        #[arg(required_unless_present = "merge")]
        file: Option<PathBuf>,
        /// PATH=LO:HI:STEP (repeatable; a --set path, LO to HI inclusive): several make a cartesian grid, at most 10,000 points.
        #[arg(
            long,
            value_name = "PATH=LO:HI:STEP",
            required_unless_present = "merge"
        )]
        vary: Vec<String>,
        /// What each grid point answers: analyze, leverage or mediate (every row has the zone, the leverage and the Nash package; mediate adds the best mediated deal).
        #[arg(long, default_value = "analyze")]
        command: String,
        /// With --command mediate: the parties the mediator presses (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        press: Vec<String>,
        /// With --command mediate: the parties that must accept as they are (default: every other veto party).
        #[arg(long, value_delimiter = ',')]
        satisfy: Option<Vec<String>>,
        /// With --command mediate: rank deals by this party's utility first.
        #[arg(long, value_name = "PARTY")]
        maximize: Option<String>,
        /// Acceptance includes ratification (leverage and mediate).
        #[arg(long)]
        ratified: bool,
        /// Print JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (one row per grid point).
        #[arg(long)]
        csv: bool,
        /// Write a chart of the key numbers against the first varied value to this SVG file.
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
        /// Compute only shard K of N (grid points ⌊(K−1)·P/N⌋ to ⌊K·P/N⌋−1) and print it as a part file (JSON) for --merge; run the N shards anywhere (SLURM array, GNU parallel).
        #[arg(long, value_name = "K/N", conflicts_with_all = ["merge", "svg", "json", "csv"])]
        shard: Option<String>,
        /// Write the part file here instead of standard output (with --shard).
        #[arg(
            short = 'o',
            long = "output",
            value_name = "PART.json",
            requires = "shard"
        )]
        output: Option<PathBuf>,
        /// Finish a sweep from all its part files (any order): the same output, byte for byte, as one run. The scenario, --set values and the question (--vary, --command, …) come from the parts.
        #[arg(long, value_name = "PART.json", num_args = 1.., conflicts_with_all = ["file", "vary"])]
        merge: Vec<PathBuf>,
    },
    /// Simulate talks under a protocol with a strategy per party: the trace, the outcome, its distance from the frontier and from the Nash point.
    #[command(
        after_help = "Example (the mediator drafts one text and revises it):\n  accord simulate examples/ukraine-2025/scenario.toml --protocol single-text"
    )]
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
        /// A plan to hold the outcome against (id, file or inline package): where the agreement differs from it, and what each party gains or loses.
        #[arg(long)]
        deal: Option<String>,
        /// Change some issues of --deal first: issue=option[,issue=option…].
        #[arg(long, value_name = "ISSUE=OPTION,...", requires = "deal")]
        change: Option<String>,
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
    #[command(
        after_help = "Example:\n  accord tournament examples/ukraine-2025/scenario.toml --strategies boulware,linear,hardliner --seeds 2"
    )]
    Tournament {
        /// Scenario files (not with --merge: the parts carry them).
        #[arg(required_unless_present = "merge")]
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
        /// Compute only shard K of N (matches ⌊(K−1)·M/N⌋ to ⌊K·M/N⌋−1, each an assignment of strategies on one scenario over every seed) and print it as a part file (JSON) for --merge.
        #[arg(long, value_name = "K/N", conflicts_with_all = ["merge", "json", "csv"])]
        shard: Option<String>,
        /// Write the part file here instead of standard output (with --shard).
        #[arg(
            short = 'o',
            long = "output",
            value_name = "PART.json",
            requires = "shard"
        )]
        output: Option<PathBuf>,
        /// Finish a tournament from all its part files (any order): the one run's output, its measurements (seconds, negotiations per second) aside. The scenarios, --set values and settings come from the parts.
        #[arg(long, value_name = "PART.json", num_args = 1.., conflicts_with = "files")]
        merge: Vec<PathBuf>,
    },
    /// Forecast where actors end up (SMP, expected-utility or compromise model), or score the models on a validation set.
    #[command(
        after_help = "Example (the options' positions, Kyiv 0 to Moscow 100, as actors' positions):\n  accord forecast examples/ukraine-2025/scenario.toml"
    )]
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
    /// A self-contained briefing: the answer first (is there a zone, what each plan does and its smallest repair, what the mediator must spend or press, how sure we are), then the details; one HTML file that opens offline, or Markdown.
    #[command(
        after_help = "Examples:\n  accord report examples/ukraine-2025/scenario.toml -o brief.html\n  accord report examples/ukraine-2025/scenario.toml --format md"
    )]
    Report {
        /// Scenario file.
        file: PathBuf,
        /// Write the briefing to this file (replaced if it exists; never the scenario itself). Default: standard output.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// html or md (default: md when OUT ends in .md, else html).
        #[arg(long, value_parser = ["html", "md"])]
        format: Option<String>,
        /// Monte Carlo samples for "how sure are we" (used when the scenario has distributions).
        #[arg(long, default_value_t = 10_000)]
        samples: u64,
        /// Random seed (the same seed gives the same briefing, byte for byte).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print the briefing's answers as JSON instead (every report it is made of).
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// The web workbench: open the printed address in a browser (binds 127.0.0.1; HTTP API in docs/http-api.md).
    #[command(
        after_help = "Example (then open http://127.0.0.1:8750/ in a browser):\n  accord serve examples/ukraine-2025/scenario.toml"
    )]
    Serve {
        /// Scenario the page opens with (default: the bundled Ukraine example). Its deal files are read once, now, and written into the text the page edits.
        file: Option<PathBuf>,
        /// Address to bind. Anything but a loopback address lets other machines use the server: accord warns.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Port (0: any free port; the address is printed).
        #[arg(long, default_value_t = 8750)]
        port: u16,
        /// Another name a request's Host header may give (repeatable), e.g. the machine's name when --host is not a loopback address.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_host: Vec<String>,
        /// Longest one request may compute, in seconds (1 to 3600).
        #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
        /// Stop after answering this many requests (scripts and tests).
        #[arg(long, value_name = "N")]
        max_requests: Option<u64>,
        /// Stop after this many seconds (scripts and tests).
        #[arg(long, value_name = "SECONDS")]
        max_seconds: Option<u64>,
    },
    /// Convert other formats into a scenario.
    #[command(
        subcommand,
        after_help = "Example (the bundled scenario exported to Genius, then read back):\n  accord export genius examples/ukraine-2025/scenario.toml -o ukraine-genius\n  accord import genius ukraine-genius/Ukraine_peace_talks__December_2025_domain.xml ukraine-genius/russia.xml ukraine-genius/ukraine.xml ukraine-genius/us.xml ukraine-genius/europe.xml -o ukraine.toml"
    )]
    Import(Import),
    /// Write a scenario in another format.
    #[command(
        subcommand,
        after_help = "Example (the bundled scenario as a Genius domain and profiles):\n  accord export genius examples/ukraine-2025/scenario.toml -o ukraine-genius"
    )]
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
    #[command(
        after_help = "Example (the bundled scenario exported to Genius, then read back):\n  accord export genius examples/ukraine-2025/scenario.toml -o ukraine-genius\n  accord import genius ukraine-genius/Ukraine_peace_talks__December_2025_domain.xml ukraine-genius/russia.xml ukraine-genius/ukraine.xml ukraine-genius/us.xml ukraine-genius/europe.xml -o ukraine.toml"
    )]
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
    #[command(
        after_help = "Example (the GeniusWeb test domain in this repository; accord writes no GeniusWeb, so there is none of the bundled scenario):\n  accord import geniusweb crates/accord-io/tests/data/genius/FlightBooking-geniusweb/flightbooking1.json crates/accord-io/tests/data/genius/FlightBooking-geniusweb/flightbooking2.json -o flightbooking.toml"
    )]
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
    #[command(
        after_help = "Example (the bundled scenario):\n  accord export genius examples/ukraine-2025/scenario.toml -o ukraine-genius"
    )]
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
