//! One CSV field, quoted when it must be (RFC 4180).

/// Escapes one CSV field: quoted when it holds a comma, a quote or a line
/// break, with quotes doubled.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
