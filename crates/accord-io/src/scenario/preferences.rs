//! `[preferences.<party>]`: weights, values, red lines, interactions and their conditions.

use accord_core::model::distribution::Target;
use accord_core::model::{Condition, Interaction, Preferences, RedLine, Scenario};

use super::reader::{get, Index, Reader};
use super::values::TableKind;
use crate::tree::{Node, Value};

impl Reader {
    pub(super) fn preferences(
        &mut self,
        n: &Node,
        pid: &str,
        p: usize,
        s: &Scenario,
        index: &Index,
    ) -> Option<Preferences> {
        let m = self.map(n, &format!("[preferences.{pid}]"))?;
        let what = format!("[preferences.{pid}]");
        self.keys(
            m,
            &["weights", "values", "red_lines", "interactions", "capped"],
            &what,
        );
        let n_issues = s.issues.len();
        let mut raw = vec![0.0; n_issues];
        let mut ok = true;
        let wn = self.req(m, "weights", &n.span, &what)?;
        let wm = self.map(wn, &format!("the weights of `{pid}`"))?;
        for (k, v) in wm {
            let Some(i) = self.issue_key(k, s, index, "weight for unknown issue ") else {
                ok = false;
                continue;
            };
            match self.uncertain(
                v,
                &format!("the weight of `{}`", k.name),
                (f64::NEG_INFINITY, f64::INFINITY),
                Target::Weight(p, i),
                format!("{pid}.raw_weights.{}", k.name),
            ) {
                Some(w) if w >= 0.0 => raw[i] = w,
                Some(w) => {
                    self.err(
                        v.span.clone(),
                        format!("the weight of `{}` is negative ({w})", k.name),
                        "negative weight",
                        "weights are non-negative; they are divided by their sum",
                    );
                    ok = false;
                }
                None => ok = false,
            }
        }
        let sum: f64 = raw.iter().sum();
        if ok && sum <= 0.0 {
            self.err(
                wn.span.clone(),
                format!("the weights of `{pid}` cannot be normalised: they sum to 0"),
                "all zero",
                "give at least one issue a positive weight; weights are divided by their sum",
            );
            ok = false;
        }
        let weights: Vec<f64> = raw
            .iter()
            .map(|w| if sum > 0.0 { w / sum } else { 0.0 })
            .collect();
        if self
            .inputs
            .iter()
            .any(|x| matches!(x.target, Target::Weight(q, _) if q == p))
        {
            self.raw_weights.push((p, raw.clone()));
        }
        let mut values: Vec<Option<Vec<f64>>> = vec![None; n_issues];
        let vn = self.req(m, "values", &n.span, &what);
        let vm = match vn {
            Some(v) => self.map(v, &format!("the values of `{pid}`")),
            None => None,
        };
        if let Some(vm) = vm {
            for (k, v) in vm {
                let Some(i) = self.issue_key(k, s, index, "values for unknown issue ") else {
                    ok = false;
                    continue;
                };
                if !wm.iter().any(|(w, _)| w.name == k.name) {
                    // Values without a weight: most likely a weight deleted
                    // by mistake; they would be silently ignored.
                    self.err(
                        k.span.clone(),
                        format!(
                            "`{pid}` gives values for issue `{}` but no weight for it",
                            s.issues[i].id
                        ),
                        "values without a weight",
                        format!(
                            "add `{} = ...` to `{pid}`'s weights (weight 0 leaves the issue out on purpose), or delete these values",
                            s.issues[i].id
                        ),
                    );
                    ok = false;
                    continue;
                }
                let what = format!("`{pid}`'s value of issue `{}`", s.issues[i].id);
                match self.value_function(v, &s.issues[i], &what, TableKind::Value(p, i, pid)) {
                    Some(vals) => values[i] = Some(vals),
                    None => ok = false,
                }
            }
        }
        for i in 0..n_issues {
            if values[i].is_none() && raw[i] > 0.0 && vm.is_some() {
                let span = wm
                    .iter()
                    .find(|(k, _)| k.name == s.issues[i].id)
                    .map_or(wn.span.clone(), |(k, _)| k.span.clone());
                self.err(span, format!("`{pid}` weighs issue `{}` but gives no values for its options", s.issues[i].id), "no values for this issue", format!("add `{} = {{ ... }}` under [preferences.{pid}.values], or give the issue weight 0", s.issues[i].id));
                ok = false;
            }
        }
        let mut red_lines = Vec::new();
        if let Some(rn) = get(m, "red_lines") {
            if let Some(items) = self.seq(rn, "red_lines") {
                for item in items {
                    let Some(im) = self.map(item, "a red line") else {
                        ok = false;
                        continue;
                    };
                    self.keys(im, &["when", "reason"], "a red line");
                    let reason = self.opt_string(im, "reason", "a red line");
                    match self
                        .req(im, "when", &item.span, "a red line")
                        .and_then(|w| self.condition(w, s, index))
                    {
                        Some(condition) => red_lines.push(RedLine { condition, reason }),
                        None => ok = false,
                    }
                }
            }
        }
        let mut interactions = Vec::new();
        if let Some(rn) = get(m, "interactions") {
            if let Some(items) = self.seq(rn, "interactions") {
                for item in items {
                    let Some(im) = self.map(item, "an interaction") else {
                        ok = false;
                        continue;
                    };
                    self.keys(im, &["when", "bonus", "reason"], "an interaction");
                    let reason = self.opt_string(im, "reason", "an interaction");
                    let k = interactions.len();
                    let bonus = self
                        .req(im, "bonus", &item.span, "an interaction")
                        .and_then(|b| {
                            self.uncertain(
                                b,
                                "`bonus`",
                                (-1.0, 1.0),
                                Target::Bonus(p, k),
                                format!("{pid}.interactions.{k}.bonus"),
                            )
                        });
                    let cond = self
                        .req(im, "when", &item.span, "an interaction")
                        .and_then(|w| self.condition(w, s, index));
                    match (cond, bonus) {
                        (Some(condition), Some(bonus)) => interactions.push(Interaction {
                            condition,
                            bonus,
                            reason,
                        }),
                        _ => ok = false,
                    }
                }
            }
        }
        let capped = match get(m, "capped") {
            Some(c) => match self.bool(c, "`capped`") {
                Some(b) => b,
                None => {
                    ok = false;
                    false
                }
            },
            None => false,
        };
        if !ok {
            return None;
        }
        let values = values
            .into_iter()
            .enumerate()
            .map(|(i, v)| v.unwrap_or_else(|| vec![0.0; s.issues[i].options.len()]))
            .collect();
        Some(Preferences {
            weights,
            values,
            red_lines,
            interactions,
            capped,
        })
    }

    fn condition(&mut self, n: &Node, s: &Scenario, index: &Index) -> Option<Condition> {
        let m = self.map(n, "a condition (`when`)")?;
        if m.is_empty() {
            self.err(
                n.span.clone(),
                "the condition names no issue",
                "empty condition",
                "write e.g. when = { nato = \"membership\" }",
            );
            return None;
        }
        let mut clauses = Vec::new();
        let mut ok = true;
        for (k, v) in m {
            let Some(i) = self.issue_key(k, s, index, "condition on unknown issue ") else {
                ok = false;
                continue;
            };
            let issue = &s.issues[i];
            let mut opts = Vec::new();
            let mut one = |reader: &mut Reader, node: &Node| match reader.option_ref(node, issue) {
                Some(o) => opts.push(o),
                None => ok = false,
            };
            match &v.value {
                Value::Seq(items) => {
                    for it in items {
                        one(self, it);
                    }
                }
                Value::Map(r) if issue.kind.is_numeric() => {
                    self.keys(r, &["min", "max"], "a range");
                    let lo = get(r, "min")
                        .and_then(|x| self.number(x, "`min`"))
                        .unwrap_or(f64::NEG_INFINITY);
                    let hi = get(r, "max")
                        .and_then(|x| self.number(x, "`max`"))
                        .unwrap_or(f64::INFINITY);
                    for (o, od) in issue.options.iter().enumerate() {
                        let x = od.value.unwrap_or(0.0);
                        if x >= lo - 1e-9 && x <= hi + 1e-9 {
                            opts.push(o);
                        }
                    }
                    if opts.is_empty() {
                        self.err(
                            v.span.clone(),
                            format!("the range selects no value of issue `{}`", issue.id),
                            "empty range",
                            "widen the range",
                        );
                        ok = false;
                    }
                }
                _ => one(self, v),
            }
            opts.sort_unstable();
            opts.dedup();
            if !opts.is_empty() {
                clauses.push((i, opts));
            }
        }
        (ok && !clauses.is_empty()).then_some(Condition { clauses })
    }
}
