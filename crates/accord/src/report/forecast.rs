//! `forecast`: where actors end up under a model, round by round.

use accord_core::forecast::{self, Actors, Model};
use serde::Serialize;

use crate::error::Error;
use crate::report::schema::SCHEMA_VERSION;
use crate::report::value::{Id, Keyed};
use crate::request::ForecastRequest;

/// A forecasting model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForecastModel {
    /// The Spatial Model of Politics.
    Smp,
    /// The expected-utility model.
    Eum,
    /// Capability × salience weighted mean.
    Compromise,
}

impl ForecastModel {
    /// Its name, as requests and the command line spell it.
    pub fn as_str(self) -> &'static str {
        self.core().name()
    }

    pub(crate) fn core(self) -> Model {
        match self {
            ForecastModel::Smp => Model::Smp,
            ForecastModel::Eum => Model::Eum,
            ForecastModel::Compromise => Model::Compromise,
        }
    }

    pub(crate) fn of(m: Model) -> ForecastModel {
        match m {
            Model::Smp => ForecastModel::Smp,
            Model::Eum => ForecastModel::Eum,
            Model::Compromise => ForecastModel::Compromise,
        }
    }

    /// Parses a model's name.
    pub(crate) fn parse(name: &str) -> Result<ForecastModel, Error> {
        Model::parse(name).map(ForecastModel::of).ok_or_else(|| {
            Error::usage(
                format!("unknown model `{name}`"),
                Some("the models are smp, eum and compromise".into()),
            )
        })
    }
}

/// Values by actor name, in the actors' order.
pub type ByActor<T = f64> = Keyed<T>;

/// The smallest and largest of some positions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Span {
    /// The smallest.
    pub low: f64,
    /// The largest.
    pub high: f64,
}

/// One round of a forecast.
#[derive(Debug, Clone, Serialize)]
pub struct ForecastRound {
    /// Each actor's position (one number per dimension).
    pub positions: ByActor<Vec<f64>>,
    /// SMP: each actor's probability of winning the Condorcet election.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probabilities: Option<ByActor>,
    /// Each actor's risk attitude (EUM: the exponent r; SMP: R).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<ByActor>,
}

/// The answer to `forecast`.
#[derive(Debug, Clone, Serialize)]
pub struct ForecastReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The model.
    pub model: ForecastModel,
    /// The case's name.
    pub case: String,
    /// The dimensions (issues).
    pub dimensions: Vec<String>,
    /// The actors.
    pub actors: Vec<String>,
    /// The forecast: one position per dimension.
    pub forecast: Vec<f64>,
    /// Every round, from the start (round 0).
    pub rounds: Vec<ForecastRound>,
    /// The rounds after the start.
    pub rounds_after_start: usize,
    /// Each actor's capability.
    pub capabilities: ByActor,
    /// Per dimension, the spread of the positions at the start.
    pub start_spans: Vec<Span>,
    /// Per dimension, the range of the position scale.
    pub ranges: Vec<Span>,
    /// For a scenario: per dimension, the option whose position is nearest
    /// the forecast (ties: the first in the file); null for actor files.
    pub nearest: Option<Vec<NearestOption>>,
    /// Whether every actor's capability defaulted to 1 (a scenario's
    /// parties without `capability` metadata): the forecast then weighs
    /// the actors by salience alone.
    pub capabilities_defaulted: bool,
}

/// The scenario option nearest a forecast position.
#[derive(Debug, Clone, Serialize)]
pub struct NearestOption {
    /// The dimension (issue id).
    pub dimension: String,
    /// The option's id.
    pub option: String,
    /// Its label.
    pub label: String,
    /// Its position.
    pub position: f64,
    /// |forecast − position|.
    pub distance: f64,
}

/// The model's settings from a request.
pub(crate) fn options(
    rounds: Option<usize>,
    reading: &str,
    q: f64,
    pce: &str,
) -> Result<forecast::Options, Error> {
    use accord_core::forecast::eum::Reading;
    use accord_core::forecast::smp::Pce;
    let reading = match reading {
        "table2" => Reading::Table2,
        "paper" => Reading::Paper,
        _ => {
            return Err(Error::usage(
                format!("unknown reading `{reading}`"),
                Some("the readings of the expected-utility model are table2 and paper".into()),
            ))
        }
    };
    let pce = match pce {
        "conditional" => Pce::Conditional,
        "markov" => Pce::Markov,
        _ => {
            return Err(Error::usage(
                format!("unknown election variant `{pce}`"),
                Some("the SMP's variants are conditional and markov".into()),
            ))
        }
    };
    if !(0.0..=1.0).contains(&q) {
        return Err(Error::usage(format!("--q {q} is outside [0, 1]"), None));
    }
    Ok(forecast::Options {
        rounds,
        eum: accord_core::forecast::eum::Config { reading, q },
        pce,
    })
}

fn by_actor<T: Clone>(a: &Actors, xs: &[T]) -> ByActor<T> {
    Keyed(
        a.names
            .iter()
            .zip(xs)
            .map(|(n, x)| (Id::from(n.as_str()), x.clone()))
            .collect(),
    )
}

fn span((low, high): (f64, f64)) -> Span {
    Span { low, high }
}

/// Answers `forecast`.
pub(crate) fn answer(a: &Actors, req: &ForecastRequest) -> Result<ForecastReport, Error> {
    let model = ForecastModel::parse(&req.model)?;
    let o = options(req.rounds, &req.reading, req.q, &req.pce)?;
    let f = forecast::run_with(model.core(), a, &o);
    let start = &f.rounds[0];
    Ok(ForecastReport {
        schema_version: SCHEMA_VERSION,
        model: ForecastModel::of(f.model),
        case: a.name.clone(),
        dimensions: a.dims.clone(),
        actors: a.names.clone(),
        forecast: f.outcome.clone(),
        rounds_after_start: f.rounds.len().saturating_sub(1),
        capabilities: by_actor(a, &a.capability),
        start_spans: (0..a.dims())
            .map(|d| span(forecast::span(start.positions.iter().map(|p| p[d]))))
            .collect(),
        ranges: a.range.iter().copied().map(span).collect(),
        nearest: (!a.options.is_empty()).then(|| {
            a.options
                .iter()
                .zip(&a.dims)
                .zip(&f.outcome)
                .filter_map(|((opts, dim), &x)| {
                    opts.iter()
                        .map(|(id, label, p)| (id, label, *p, (x - p).abs()))
                        .reduce(|best, o| if o.3 < best.3 { o } else { best })
                        .map(|(id, label, position, distance)| NearestOption {
                            dimension: dim.clone(),
                            option: id.clone(),
                            label: label.clone(),
                            position,
                            distance,
                        })
                })
                .collect()
        }),
        capabilities_defaulted: a.capability_defaulted,
        rounds: f
            .rounds
            .iter()
            .map(|r| ForecastRound {
                positions: by_actor(a, &r.positions),
                probabilities: r.probabilities.as_ref().map(|p| by_actor(a, p)),
                risk: r.risk.as_ref().map(|p| by_actor(a, p)),
            })
            .collect(),
    })
}
