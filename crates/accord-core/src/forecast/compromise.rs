//! The compromise model.

use super::actors::Actors;
use super::prediction::{Forecast, Model, Round};

/// The compromise model: per dimension, Σ c·s·x / Σ c·s (the plain mean of
/// the positions when every weight is 0).
pub fn compromise(a: &Actors) -> Forecast {
    let outcome = (0..a.dims())
        .map(|d| {
            let (mut num, mut den) = (0.0, 0.0);
            for k in 0..a.n() {
                let w = a.capability[k] * a.salience[k][d];
                num += w * a.position[k][d];
                den += w;
            }
            if den > 0.0 {
                num / den
            } else {
                a.position.iter().map(|p| p[d]).sum::<f64>() / a.n().max(1) as f64
            }
        })
        .collect();
    Forecast {
        model: Model::Compromise,
        outcome,
        rounds: vec![Round {
            positions: a.position.clone(),
            probabilities: None,
            risk: None,
        }],
    }
}
