//! Hints for unknown names: the closest known one, or the list.

/// A hint naming the closest known id, or listing them.
pub fn did_you_mean<'a>(got: &str, known: impl Iterator<Item = &'a str>, what: &str) -> String {
    let known: Vec<&str> = known.collect();
    let best = known
        .iter()
        .map(|k| (strsim(got, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d);
    match best {
        Some((_, k)) => format!("did you mean `{k}`?"),
        None if known.len() <= 12 => format!("known {what}: {}", known.join(", ")),
        None => format!("see the scenario's {what}"),
    }
}

/// Levenshtein distance.
fn strsim(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
