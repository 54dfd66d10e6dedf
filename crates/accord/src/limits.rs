//! The largest sizes a user can ask for (documented in `docs/cli.md`,
//! "Limits"). Past them a request is refused with a usage error (exit 2)
//! rather than run for hours or exhaust memory.

use crate::error::Error;

/// Rounds of a simulated negotiation (`simulate`, `tournament --rounds`).
pub const MAX_ROUNDS: usize = 100_000;
/// Monte Carlo samples (`robust --samples`).
pub const MAX_SAMPLES: u64 = 1_000_000;
/// Seeds per assignment of strategies (`tournament --seeds`).
pub const MAX_SEEDS: u64 = 10_000;
/// Negotiations of one tournament (scenarios × assignments × seeds).
pub const MAX_NEGOTIATIONS: u64 = 1_000_000;
/// Actors of a forecast (SMP and EUM take time cubic in them); the actor
/// readers check it as they read.
pub const MAX_ACTORS: usize = accord_io::actors::MAX_ACTORS;
/// Rounds of a forecasting model (`forecast --rounds`).
pub const MAX_FORECAST_ROUNDS: usize = 10_000;

/// Refuses `value` past `max`, naming the flag.
pub(crate) fn at_most<T: PartialOrd + std::fmt::Display>(
    flag: &str,
    value: T,
    max: T,
) -> Result<(), Error> {
    if value > max {
        return Err(Error::usage(
            format!("{flag} {value} is more than accord allows ({max})"),
            Some(format!(
                "use at most {max} (docs/cli.md, \"Limits\"); for more, split the work"
            )),
        ));
    }
    Ok(())
}
