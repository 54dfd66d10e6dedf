//! Requests: the questions a front end can ask of a [`crate::session::Session`].
//!
//! A request is plain data (serde, tagged by `command`), with ids rather
//! than indices and every default documented, so that the binary, the web
//! server and the Python package ask the same question the same way:
//!
//! ```
//! let r: accord::Request = serde_json::from_str(r#"{"command": "evaluate", "deal": "split"}"#).unwrap();
//! assert_eq!(r, accord::Request::Evaluate { deal: "split".into(), change: None });
//! ```

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One question about one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Request {
    /// Validate and summarise the scenario.
    Check,
    /// Score a deal for every party.
    Evaluate {
        /// A deal id of the scenario, an inline package
        /// `issue=option,issue=option,…`, or (for a scenario loaded from a
        /// file) the path of a deal file.
        deal: String,
        /// Change some issues of the deal first: `issue=option[,issue=option…]`
        /// (default: none). The report shows what changed.
        #[serde(default)]
        change: Option<String>,
    },
    /// The exact analysis: outcome space, zone of possible agreement, Pareto
    /// frontier, bargaining solutions and the deals on file.
    Analyze {
        /// Party ids spanning the frontier (default `null`: every party).
        #[serde(default)]
        parties: Option<Vec<String>>,
        /// How many packages to list per frontier point when several share
        /// a utility vector (default 1).
        #[serde(default = "default_ties")]
        ties: usize,
        /// Ratification thresholds count as acceptance: every veto party's
        /// reservation value is raised to its ratification threshold where
        /// that is higher, for the zone, the frontier's restrictions, the
        /// solutions and the deals (default false).
        #[serde(default)]
        ratified: bool,
    },
    /// The Pareto frontier and the bargaining solutions, without the zone's
    /// details and the deals.
    Frontier {
        /// Party ids spanning the frontier (default `null`: every party).
        #[serde(default)]
        parties: Option<Vec<String>>,
        /// How many packages to list per frontier point when several share
        /// a utility vector (default 1).
        #[serde(default = "default_ties")]
        ties: usize,
        /// As for `analyze`: ratification thresholds count as acceptance
        /// for the zone's restrictions and the solutions (default false).
        #[serde(default)]
        ratified: bool,
    },
    /// Simulate talks under a protocol with a strategy per party: the
    /// trace, the outcome, its distance from the frontier and the Nash point.
    Simulate {
        /// `alternating`, `stacked`, `single-text` or `summit` (default
        /// `stacked`).
        #[serde(default = "default_simulate_protocol")]
        protocol: String,
        /// Party id → strategy: `boulware`, `linear`, `conceder`, `time(E)`,
        /// `tit-for-tat`, `hardliner`, `aspiration`, `aspiration(G)`,
        /// `random` (default: `linear` for each negotiating party).
        #[serde(default)]
        strategies: PartyMap<String>,
        /// The negotiating parties, in moving order (default: the veto
        /// parties).
        #[serde(default)]
        parties: Option<Vec<String>>,
        /// The deadline in rounds (default 100).
        #[serde(default = "default_simulate_rounds")]
        rounds: usize,
        /// Party id → change of its reservation value per round, in [−1, 1]
        /// (default: none).
        #[serde(default)]
        drift: PartyMap<f64>,
        /// Party id → discount factor per round, in [0, 1] (default: 1).
        #[serde(default)]
        discount: PartyMap<f64>,
        /// Choose offers with a frequency model of the others' offers
        /// (default false).
        #[serde(default)]
        opponent_model: bool,
        /// The random seed (default 1).
        #[serde(default = "default_simulate_seed")]
        seed: u64,
        /// A plan to hold the outcome against (id, inline package or deal
        /// file): the report shows where the outcome differs from it and
        /// what each party gets from each (default: none).
        #[serde(default)]
        deal: Option<String>,
        /// Change some issues of `deal` first (default: none).
        #[serde(default)]
        change: Option<String>,
    },
    /// What it would take: the least lowering of reservation values that
    /// opens a zone of possible agreement, each veto party's slack, and the
    /// mediator's cheapest mix of pressure and incentives.
    Leverage {
        /// The cheapest mix must also make every veto party ratify; pressure
        /// lowers a party's ratification threshold by its imposed share
        /// (default false).
        #[serde(default)]
        ratified: bool,
    },
    /// The acceptable deals nearest a proposal: fewest changed issues, then
    /// best for the mediator.
    Repair {
        /// The proposal: a deal id, an inline package or a deal file (as for
        /// `evaluate`).
        deal: String,
        /// Change some issues of the proposal first, as for `evaluate`
        /// (default: none).
        #[serde(default)]
        change: Option<String>,
        /// List at most this many deals (default 5; 0 counts as 1).
        #[serde(default = "default_limit")]
        limit: usize,
        /// Require ratification too: every veto party must reach its
        /// ratification threshold (default false).
        #[serde(default)]
        ratified: bool,
    },
    /// The deals the mediator can press parties into: acceptable to the
    /// satisfied parties, least pressure on the pressed ones, then best for
    /// the mediator; or, with `maximize`, best for one party first.
    Mediate {
        /// Party ids the mediator presses.
        press: Vec<String>,
        /// Party ids that must accept as they are (default: every other
        /// veto party).
        #[serde(default)]
        satisfy: Option<Vec<String>>,
        /// Rank deals by this party's utility first, then least pressure,
        /// then cost (default `null`: least pressure first, then the
        /// mediator's utility).
        #[serde(default)]
        maximize: Option<String>,
        /// Also report the coercion curve: the best deal for `maximize`
        /// (else the mediator) as the pressure allowed rises (default false).
        #[serde(default)]
        curve: bool,
        /// A plan to weigh the deals against (id, inline package or deal
        /// file, as for `evaluate`): the report gives the pressure and cost
        /// it needs, and each deal's difference from it (default: none).
        #[serde(default)]
        deal: Option<String>,
        /// Change some issues of `deal` first (default: none).
        #[serde(default)]
        change: Option<String>,
        /// List at most this many deals (default 5; 0 counts as 1).
        #[serde(default = "default_limit")]
        limit: usize,
        /// Require ratification too: the named parties must reach their
        /// ratification thresholds, which pressure lowers only by a party's
        /// imposed share of it (default false).
        #[serde(default)]
        ratified: bool,
    },
    /// Monte Carlo over the scenario's uncertain numbers: probability of a
    /// zone, of each deal's acceptance, the most robust deals, and what
    /// matters most.
    Robust {
        /// Number of samples (default 10000; at least 1).
        #[serde(default = "default_samples")]
        samples: u64,
        /// Random seed (default 1; the same seed gives the same answer on
        /// any number of threads).
        #[serde(default = "default_seed")]
        seed: u64,
        /// How many of the most frequent per-sample Nash deals to try as
        /// robust candidates (default 20).
        #[serde(default = "default_pool")]
        pool: usize,
        /// Acceptance includes ratification (default false).
        #[serde(default)]
        ratified: bool,
        /// A deal to follow (id, inline package or deal file): the
        /// sensitivity ranking explains its acceptance when the zone exists
        /// in every sample or in none (default: none).
        #[serde(default)]
        deal: Option<String>,
        /// Do not condition on the scenario's observations (default false:
        /// samples that disagree with what a party said are dropped).
        #[serde(default)]
        ignore_observations: bool,
    },
    /// The same questions over a grid of overrides: one row per grid point
    /// with the zone, the leverage and the Nash package (and with `command`
    /// `mediate`, the best deal of that query).
    Sweep {
        /// The ranges, each `PATH=LO:HI:STEP` (a `--set` path; LO to HI
        /// inclusive); several make a cartesian grid, the last varying
        /// fastest. At most 10,000 points in all.
        vary: Vec<String>,
        /// What each point answers (the CLI's `--command`): `analyze`,
        /// `leverage` or `mediate` (default `analyze`; every row has the
        /// analysis and the leverage, `mediate` adds the best deal).
        #[serde(default = "default_sweep_command")]
        question: String,
        /// For `mediate`: the parties to press.
        #[serde(default)]
        press: Vec<String>,
        /// For `mediate`: the parties that must accept as they are.
        #[serde(default)]
        satisfy: Option<Vec<String>>,
        /// For `mediate`: rank by this party's utility first.
        #[serde(default)]
        maximize: Option<String>,
        /// Acceptance includes ratification in the zone, the Nash package,
        /// the leverage and the mediated deal (default false).
        #[serde(default)]
        ratified: bool,
    },
    /// What the parties said: for each party with observations, the
    /// reservation values consistent with them, each observation checked
    /// against the scenario, contradictions, and (with distributions) the
    /// share of the prior each observation keeps.
    Calibrate {
        /// Monte Carlo samples for the prior shares (default 10000).
        #[serde(default = "default_samples")]
        samples: u64,
        /// Random seed (default 1; the same samples as `robust`).
        #[serde(default = "default_seed")]
        seed: u64,
    },
    /// The briefing (`accord report`): the analysis, each plan on file with
    /// its smallest repair, the leverage, what the mediator can press each
    /// veto party into, and (when the scenario has uncertain numbers) the
    /// Monte Carlo answers, in one report.
    Report {
        /// Monte Carlo samples (default 10000; at least 1).
        #[serde(default = "default_samples")]
        samples: u64,
        /// Random seed (default 1).
        #[serde(default = "default_seed")]
        seed: u64,
    },
}

fn default_sweep_command() -> String {
    "analyze".into()
}

/// `ties` of `analyze` and `frontier`: one package per frontier point.
fn default_ties() -> usize {
    1
}

fn default_limit() -> usize {
    5
}

fn default_samples() -> u64 {
    10_000
}

fn default_seed() -> u64 {
    1
}

fn default_pool() -> usize {
    20
}

impl Request {
    /// The command's name, as on the command line.
    pub fn command(&self) -> &'static str {
        match self {
            Request::Check => "check",
            Request::Evaluate { .. } => "evaluate",
            Request::Analyze { .. } => "analyze",
            Request::Frontier { .. } => "frontier",
            Request::Simulate { .. } => "simulate",
            Request::Leverage { .. } => "leverage",
            Request::Repair { .. } => "repair",
            Request::Mediate { .. } => "mediate",
            Request::Robust { .. } => "robust",
            Request::Sweep { .. } => "sweep",
            Request::Report { .. } => "report",
            Request::Calibrate { .. } => "calibrate",
        }
    }
}

fn default_simulate_protocol() -> String {
    "stacked".into()
}

fn default_simulate_rounds() -> usize {
    100
}

fn default_simulate_seed() -> u64 {
    1
}

/// Values by party id, in the order given, written as a JSON object
/// (`{"russia": "boulware"}`). A party named twice keeps its last value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PartyMap<T>(pub Vec<(String, T)>);

impl<T> PartyMap<T> {
    /// Entries in the order given.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> FromIterator<(String, T)> for PartyMap<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(iter: I) -> Self {
        PartyMap(iter.into_iter().collect())
    }
}

impl<T: Serialize> Serialize for PartyMap<T> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut m = ser.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

// Values go through `serde_json::Value`: a request is an internally tagged
// enum, so serde buffers its fields, and with serde_json's arbitrary
// precision a buffered float is no longer a float (serde-rs/json#505).
impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for PartyMap<T> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct Entries<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::de::DeserializeOwned> Visitor<'de> for Entries<T> {
            type Value = PartyMap<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of party ids")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
                    let v = serde_json::from_value(v).map_err(serde::de::Error::custom)?;
                    out.push((k, v));
                }
                Ok(PartyMap(out))
            }
        }
        de.deserialize_map(Entries(std::marker::PhantomData))
    }
}

/// The settings of a tournament.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TournamentRequest {
    /// The strategies to combine (default: `boulware`, `linear`,
    /// `conceder`, `tit-for-tat`, `hardliner`, `aspiration`, `random`).
    #[serde(default = "tournament_strategies")]
    pub strategies: Vec<String>,
    /// `alternating` or `stacked` (default `stacked`).
    #[serde(default = "tournament_protocol")]
    pub protocol: String,
    /// The deadline in rounds (default 100).
    #[serde(default = "tournament_rounds")]
    pub rounds: usize,
    /// Runs per combination, seeds 0..N (default 10).
    #[serde(default = "tournament_seeds")]
    pub seeds: u64,
    /// The base seed (default 1).
    #[serde(default = "tournament_seed")]
    pub seed: u64,
    /// Choose offers with a frequency model of the others' offers (default
    /// false).
    #[serde(default)]
    pub opponent_model: bool,
}

impl Default for TournamentRequest {
    fn default() -> Self {
        TournamentRequest {
            strategies: tournament_strategies(),
            protocol: tournament_protocol(),
            rounds: tournament_rounds(),
            seeds: tournament_seeds(),
            seed: tournament_seed(),
            opponent_model: false,
        }
    }
}

fn tournament_strategies() -> Vec<String> {
    accord_core::simulate::STRATEGIES
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn tournament_protocol() -> String {
    "stacked".into()
}

fn tournament_rounds() -> usize {
    100
}

fn tournament_seeds() -> u64 {
    10
}

fn tournament_seed() -> u64 {
    1
}

/// The settings of a comparison of scenarios. There are none yet: each
/// scenario is summarised from the answer `analyze` gives with its
/// defaults. Written as `{}`.
///
/// ```
/// let r: accord::CompareRequest = serde_json::from_str("{}").unwrap();
/// assert_eq!(r, accord::CompareRequest::default());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {}

/// The settings of a forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForecastRequest {
    /// `smp`, `eum` or `compromise` (default `smp`).
    #[serde(default = "forecast_model")]
    pub model: String,
    /// Stop after this many rounds (default: the model's own rule; SMP: on
    /// convergence, at most 100; EUM: 10, or when nothing moves).
    #[serde(default)]
    pub rounds: Option<usize>,
    /// Expected-utility model: `table2` or `paper` (default `table2`).
    #[serde(default = "forecast_reading")]
    pub reading: String,
    /// Expected-utility model: probability that the status quo persists
    /// without a challenge, in [0, 1] (default 1).
    #[serde(default = "forecast_q")]
    pub q: f64,
    /// SMP: the probabilistic Condorcet election, `conditional` or `markov`
    /// (default `conditional`).
    #[serde(default = "forecast_pce")]
    pub pce: String,
}

impl Default for ForecastRequest {
    fn default() -> Self {
        ForecastRequest {
            model: forecast_model(),
            rounds: None,
            reading: forecast_reading(),
            q: forecast_q(),
            pce: forecast_pce(),
        }
    }
}

/// The settings of a validation: the models to score and their settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidateRequest {
    /// The model scored beside the compromise baseline (default `smp`).
    #[serde(default = "forecast_model")]
    pub model: String,
    /// Score every model instead (default false).
    #[serde(default)]
    pub all: bool,
    /// As [`ForecastRequest::rounds`].
    #[serde(default)]
    pub rounds: Option<usize>,
    /// As [`ForecastRequest::reading`] (default `table2`).
    #[serde(default = "forecast_reading")]
    pub reading: String,
    /// As [`ForecastRequest::q`] (default 1).
    #[serde(default = "forecast_q")]
    pub q: f64,
    /// As [`ForecastRequest::pce`] (default `conditional`).
    #[serde(default = "forecast_pce")]
    pub pce: String,
}

impl Default for ValidateRequest {
    fn default() -> Self {
        ValidateRequest {
            model: forecast_model(),
            all: false,
            rounds: None,
            reading: forecast_reading(),
            q: forecast_q(),
            pce: forecast_pce(),
        }
    }
}

fn forecast_model() -> String {
    "smp".into()
}

fn forecast_reading() -> String {
    "table2".into()
}

fn forecast_q() -> f64 {
    1.0
}

fn forecast_pce() -> String {
    "conditional".into()
}
