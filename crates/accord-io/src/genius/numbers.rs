//! Numbers as Genius files write them, and as accord writes grid values.

pub(super) fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Parses an integer bound, accepting integral decimals such as `10.0`;
/// at most 2^53 in size, so that every integer near it is a distinct f64.
pub(super) fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Ok(v) = t.parse::<i64>() {
        return (v.unsigned_abs() < 1 << 53).then_some(v);
    }
    let x = parse_f64(t)?;
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Some(x as i64)
    } else {
        None
    }
}

/// `x` rounded to 12 significant digits (and -0 turned into 0).
pub(super) fn round12(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x + 0.0;
    }
    format!("{x:.11e}").parse::<f64>().unwrap_or(x) + 0.0
}

/// Compact decimal form of a grid value (as accord's reader names it).
pub(super) fn fmt_num(x: f64) -> String {
    crate::scenario::number::format_number(x + 0.0)
}

/// Whether grid points are finite, increasing and distinct as accord names
/// them (so that the scenario written reads back with one option each).
pub(super) fn distinct_grid(xs: &[f64]) -> bool {
    xs.iter().all(|x| x.is_finite())
        && xs
            .windows(2)
            .all(|w| w[0] < w[1] && fmt_num(w[0]) != fmt_num(w[1]))
}

pub(super) fn clamp01(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.clamp(0.0, 1.0)
    }
}
