//! Negotiation strategies: the [`Strategy`] trait (`interface`), one file per
//! family of built-in strategies, and [`strategy`], which picks a built-in
//! one by name.

mod aspiration;
mod hardliner;
mod interface;
mod random;
mod time_dependent;
mod tit_for_tat;

pub use aspiration::Aspiration;
pub use hardliner::Hardliner;
pub use interface::Strategy;
pub use random::RandomStrategy;
pub use time_dependent::TimeDependent;
pub use tit_for_tat::TitForTat;

/// The strategy names accepted on the command line.
pub const STRATEGIES: &[&str] = &[
    "boulware",
    "linear",
    "conceder",
    "tit-for-tat",
    "hardliner",
    "aspiration",
    "random",
];

/// A built-in strategy by name: `boulware` (e = 4), `linear` (e = 1),
/// `conceder` (e = 0.25), `time(E)` (any e > 0), `tit-for-tat`,
/// `hardliner`, `aspiration` (γ = 0.9) or `aspiration(G)`, `random`.
pub fn strategy(name: &str) -> Option<Box<dyn Strategy>> {
    let n = name.trim();
    let arg = |prefix: &str| -> Option<f64> {
        n.strip_prefix(prefix)?
            .strip_prefix('(')?
            .strip_suffix(')')?
            .trim()
            .parse()
            .ok()
    };
    let td = |e: f64, label: &str| -> Box<dyn Strategy> {
        Box::new(TimeDependent {
            e,
            label: label.to_string(),
        })
    };
    Some(match n {
        "boulware" => td(4.0, "boulware"),
        "linear" => td(1.0, "linear"),
        "conceder" => td(0.25, "conceder"),
        "tit-for-tat" => Box::new(TitForTat::default()),
        "hardliner" => Box::new(Hardliner),
        "aspiration" => Box::new(Aspiration { gamma: 0.9 }),
        "random" => Box::new(RandomStrategy),
        _ => {
            if let Some(e) = arg("time").filter(|e| *e > 0.0 && e.is_finite()) {
                td(e, &format!("time({e})"))
            } else if let Some(g) = arg("aspiration").filter(|g| *g > 0.0 && *g < 1.0) {
                Box::new(Aspiration { gamma: g })
            } else {
                return None;
            }
        }
    })
}
