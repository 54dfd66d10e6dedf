//! accord ids made from Genius names.

use std::collections::HashSet;

/// `s` with every character outside `[A-Za-z0-9_.-]` replaced by `_`.
pub(super) fn sanitize(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        "_".to_string()
    } else {
        out
    }
}

/// The set of issue ids in use before any issue is named: the one id no
/// issue may take (an issue named `interactions` becomes `interactions_2`).
pub(super) fn issue_ids() -> HashSet<String> {
    HashSet::from([accord_core::model::RESERVED_ISSUE_ID.to_string()])
}

/// `id`, or `id_2`, `id_3`, ... : the first not yet in `used` (which it joins).
pub(super) fn unique(id: String, used: &mut HashSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    let mut n = 2usize;
    loop {
        let candidate = format!("{id}_{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_and_unique() {
        assert_eq!(sanitize("60 Gb"), "60_Gb");
        assert_eq!(sanitize("a.b-c_d"), "a.b-c_d");
        assert_eq!(sanitize(""), "_");
        assert_eq!(sanitize("é"), "_");
        let mut used = HashSet::new();
        assert_eq!(unique("x".into(), &mut used), "x");
        assert_eq!(unique("x".into(), &mut used), "x_2");
        assert_eq!(unique("x".into(), &mut used), "x_3");
        // No issue may be called `interactions`.
        let mut used = issue_ids();
        assert_eq!(unique("interactions".into(), &mut used), "interactions_2");
    }
}
