//! Numbers as accord writes them.

/// A number as accord writes option ids: integers below 10^15 without a
/// fraction, numbers from 10^-4 up to that with up to 12 decimals, and
/// others in scientific notation with up to 12 significant digits (`1e300`,
/// `2.5e-7`, never a 300-digit integer or a tiny number shown as `0`).
pub fn format_number(x: f64) -> String {
    let a = x.abs();
    if x.fract() == 0.0 && a < 1e15 {
        format!("{}", x as i64)
    } else if a >= 1e15 || (a < 1e-4 && x != 0.0) {
        scientific(x, 12)
    } else {
        let s = format!("{:.12}", x);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    }
}

/// `x` in scientific notation with up to `significant` digits, trailing
/// zeros dropped (`1e308`, `2.5e-7`).
pub fn scientific(x: f64, significant: usize) -> String {
    let s = format!("{:.*e}", significant.saturating_sub(1), x);
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    format!("{mantissa}e{exp}")
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn numbers_stay_short_and_distinct() {
        assert_eq!(format_number(600000.0), "600000");
        assert_eq!(format_number(0.25), "0.25");
        assert_eq!(format_number(-3.0), "-3");
        assert_eq!(format_number(1e300), "1e300");
        assert_eq!(format_number(1.5e15), "1.5e15");
        assert_eq!(format_number(2.5e-7), "2.5e-7");
        assert_ne!(format_number(1e-20), format_number(2e-20));
        assert_eq!(format_number(0.0), "0");
        for x in [1e300, 2.5e-7, 0.125, 1.5e15, 123.456] {
            assert_eq!(format_number(x).parse::<f64>().unwrap(), x);
        }
    }
}
