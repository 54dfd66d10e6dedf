//! Human-readable output (tables) and the import/export commands.

use std::fmt::Write as _;
use std::path::Path;

use accord_core::analysis::{outcome_count, Analysis, ParetoPoint, SolutionReport};
use accord_core::evaluate::Evaluation;
use accord_core::mediation::{LeastCost, Mix, NoDeal, Query};
use accord_core::model::{Deal, IssueKind, Scenario};
use accord_io::chart::{FrontierChart, Marker};
use accord_io::Error;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};
use num_bigint::BigUint;
use serde_json::json;

use crate::cli::{unknown_party, write_atomic, Failure};

/// A table in the house style.
pub(crate) fn table() -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t
}

/// A right-aligned cell (numbers).
pub(crate) fn right(s: impl ToString) -> Cell {
    Cell::new(s.to_string()).set_alignment(CellAlignment::Right)
}

/// Groups digits: 1234567 → 1 234 567 (thin, readable, unambiguous).
fn grouped(n: &BigUint) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, ch) in s.chars().enumerate() {
        if k > 0 && (s.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn sci(n: &BigUint) -> String {
    let s = n.to_string();
    if s.len() <= 7 {
        grouped(n)
    } else {
        format!("{} (≈{}.{}e{})", grouped(n), &s[..1], &s[1..3], s.len() - 1)
    }
}

fn option_label(s: &Scenario, i: usize, o: usize) -> String {
    let issue = &s.issues[i];
    let opt = &issue.options[o];
    match &issue.kind {
        IssueKind::Integer { unit: Some(u), .. } | IssueKind::Real { unit: Some(u), .. } => {
            format!("{} {u}", opt.id)
        }
        _ => opt.id.clone(),
    }
}

pub fn check_text(s: &Scenario, file: &Path) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: valid scenario \"{}\"", file.display(), s.name);
    let mut t = table();
    t.set_header(vec![
        "party",
        "name",
        "role",
        "veto",
        "reservation",
        "red lines",
        "interactions",
    ]);
    for (p, party) in s.parties.iter().enumerate() {
        t.add_row(vec![
            Cell::new(&party.id),
            Cell::new(&party.name),
            Cell::new(party.role.as_str()),
            Cell::new(if party.veto { "yes" } else { "no" }),
            right(format!("{:.3}", party.reservation)),
            right(s.preferences[p].red_lines.len()),
            right(s.preferences[p].interactions.len()),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let mut t = table();
    t.set_header(vec!["issue", "type", "options"]);
    for (i, issue) in s.issues.iter().enumerate() {
        let opts: Vec<String> = (0..issue.options.len())
            .map(|o| option_label(s, i, o))
            .collect();
        let shown = if opts.len() > 8 {
            format!(
                "{} … {} ({} values)",
                opts[..3].join(", "),
                opts[opts.len() - 1],
                opts.len()
            )
        } else {
            opts.join(", ")
        };
        t.add_row(vec![
            Cell::new(&issue.id),
            Cell::new(issue.kind.as_str()),
            Cell::new(shown),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "outcome space: {} packages ({} issues); {} deal{} on file",
        sci(&outcome_count(s)),
        s.issues.len(),
        s.deals.len(),
        if s.deals.len() == 1 { "" } else { "s" }
    );
    if !s.uncertainty.is_empty() {
        let (sources, _) = s.uncertainty.sources();
        let labels: Vec<String> = s
            .uncertainty
            .inputs
            .iter()
            .map(|x| match &x.factor {
                Some(f) => format!("{} @{f}", x.label),
                None => x.label.clone(),
            })
            .collect();
        let _ = writeln!(
            out,
            "uncertain numbers: {} in {} independent source{} (the base case uses their means; `accord robust` samples them): {}",
            labels.len(),
            sources.len(),
            if sources.len() == 1 { "" } else { "s" },
            labels.join(", ")
        );
    }
    out
}

pub fn check_json(s: &Scenario) -> serde_json::Value {
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "valid": true,
        "scenario": accord_io::report::scenario_summary(s),
        "outcomes": accord_io::report::big(&outcome_count(s)),
        "deals": s.deals.iter().map(|d| d.id.clone()).collect::<Vec<_>>(),
        "uncertain": s.uncertainty.inputs.iter().map(|x| json!({
            "input": x.label,
            "factor": x.factor,
            "mean": accord_io::report::num(x.dist.mean()),
        })).collect::<Vec<_>>(),
    })
}

fn solution_columns(a: &Analysis) -> Vec<(String, Option<&SolutionReport>)> {
    let mut cols: Vec<(String, Option<&SolutionReport>)> = a
        .solutions
        .iter()
        .map(|(k, r)| (k.title().to_string(), r.as_ref()))
        .collect();
    if let Some((_, r)) = &a.mediator {
        cols.push(("Mediator's pick".to_string(), r.as_ref()));
    }
    cols
}

pub fn analysis_text(
    s: &Scenario,
    a: &Analysis,
    deals: &[(String, String, Evaluation)],
    show: usize,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", s.name);
    let _ = writeln!(out, "{}", "=".repeat(s.name.chars().count().min(100)));
    let veto: Vec<&str> = s
        .veto_parties()
        .iter()
        .map(|&p| s.parties[p].id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "Outcome space: {} packages over {} issues. Veto parties: {}.",
        sci(&a.outcomes),
        s.issues.len(),
        if veto.is_empty() {
            "none".to_string()
        } else {
            veto.join(", ")
        }
    );
    if !a.compound.is_empty() {
        let groups: Vec<String> = a
            .compound
            .iter()
            .map(|g| {
                g.iter()
                    .map(|&i| s.issues[i].id.as_str())
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .collect();
        let _ = writeln!(
            out,
            "Compound issues (tied by red lines or interactions): {}.",
            groups.join(", ")
        );
    }
    // ZOPA
    let _ = writeln!(out, "\nZone of possible agreement");
    if a.zopa_empty {
        let _ = writeln!(
            out,
            "  EMPTY: no package is acceptable to every veto party (red lines respected, utility ≥ reservation value)."
        );
    } else {
        let share = a.zopa_count.to_string().parse::<f64>().unwrap_or(0.0)
            / a.outcomes.to_string().parse::<f64>().unwrap_or(1.0);
        match &a.zopa_method {
            accord_core::zopa::Method::Sampled {
                samples, low, high, ..
            } => {
                let _ = writeln!(
                    out,
                    "  about {} packages ({:.4}% of the outcome space; ESTIMATE from {} random packages, 95% interval {} to {}); {} points on its Pareto frontier.",
                    sci(&a.zopa_count),
                    share * 100.0,
                    grouped(&BigUint::from(*samples)),
                    sci(low),
                    sci(high),
                    a.zopa_frontier_points
                );
                let _ = writeln!(
                    out,
                    "  (too large to count exactly; which options occur inside is exact, the per-option counts are estimates)"
                );
            }
            _ => {
                let _ = writeln!(
                    out,
                    "  {} packages ({:.4}% of the outcome space); {} points on its Pareto frontier.",
                    sci(&a.zopa_count),
                    share * 100.0,
                    a.zopa_frontier_points
                );
            }
        }
        let mut t = table();
        t.set_header(vec![
            "issue",
            "status",
            "options inside the ZOPA (packages)",
        ]);
        for iz in &a.zopa_issues {
            let open = iz.open_options();
            let status = if open.len() == 1 { "settled" } else { "open" };
            let shown: Vec<String> = open
                .iter()
                .map(|&o| {
                    format!(
                        "{} ({})",
                        option_label(s, iz.issue, o),
                        grouped(&iz.option_counts[o])
                    )
                })
                .collect();
            let excluded: Vec<String> = (0..s.issues[iz.issue].options.len())
                .filter(|o| !open.contains(o))
                .map(|o| option_label(s, iz.issue, o))
                .collect();
            let mut text = shown.join(", ");
            if !excluded.is_empty() {
                let _ = write!(text, "; never inside: {}", excluded.join(", "));
            }
            t.add_row(vec![
                Cell::new(&s.issues[iz.issue].id),
                Cell::new(status),
                Cell::new(text),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    // Solutions
    let _ = writeln!(
        out,
        "\nBargaining solutions (over the ZOPA; disagreement point = reservation values)"
    );
    let cols = solution_columns(a);
    if cols.iter().all(|(_, r)| r.is_none()) {
        let _ = writeln!(out, "  none: the ZOPA is empty.");
    } else {
        let mut t = table();
        let mut head = vec![Cell::new("")];
        head.extend(cols.iter().map(|(n, _)| Cell::new(n)));
        t.set_header(head);
        for (i, issue) in s.issues.iter().enumerate() {
            let mut row = vec![Cell::new(&issue.id)];
            row.extend(cols.iter().map(|(_, r)| {
                Cell::new(r.map_or("-".to_string(), |r| option_label(s, i, r.package[i])))
            }));
            t.add_row(row);
        }
        for (p, party) in s.parties.iter().enumerate() {
            let mut row = vec![Cell::new(format!("u({}) [margin]", party.id))];
            row.extend(cols.iter().map(|(_, r)| {
                right(r.map_or("-".to_string(), |r| {
                    format!("{:.3} [{:+.3}]", r.utilities[p], r.margins[p])
                }))
            }));
            t.add_row(row);
        }
        let _ = writeln!(out, "{t}");
    }
    // Frontier: the points inside the ZOPA first, best total first.
    let mut pts: Vec<&ParetoPoint> = a.pareto.iter().collect();
    pts.sort_by(|x, y| {
        let inside = |p: &ParetoPoint| {
            p.zopa_count
                .as_ref()
                .is_some_and(|z| *z != BigUint::default())
        };
        inside(y).cmp(&inside(x)).then_with(|| {
            let sx: f64 = x.utilities.iter().sum();
            let sy: f64 = y.utilities.iter().sum();
            sy.total_cmp(&sx)
        })
    });
    out.push('\n');
    out.push_str(&frontier_section(
        s,
        a,
        &pts,
        show,
        false,
        "`accord frontier FILE --csv` lists every point with its package",
    ));
    if !deals.is_empty() {
        let _ = writeln!(out, "\nDeals on file");
        let _ = write!(out, "{}", deals_table(s, deals));
    }
    out
}

fn deals_table(s: &Scenario, deals: &[(String, String, Evaluation)]) -> String {
    let mut t = table();
    let mut head = vec![Cell::new("deal")];
    head.extend(
        s.parties
            .iter()
            .map(|p| Cell::new(format!("{} u [margin]", p.id))),
    );
    head.push(Cell::new("verdict"));
    t.set_header(head);
    for (id, _, e) in deals {
        let mut row = vec![Cell::new(id)];
        for v in &e.parties {
            let mark = if !v.red_lines.is_empty() {
                " red line"
            } else if !v.accepts {
                " rejects"
            } else {
                ""
            };
            row.push(right(format!(
                "{:.3} [{:+.3}]{}",
                v.utility, v.margin, mark
            )));
        }
        row.push(Cell::new(if e.in_zopa {
            "acceptable to all veto parties".to_string()
        } else {
            format!(
                "blocked by {}",
                e.blocking
                    .iter()
                    .map(|&p| s.parties[p].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }));
        t.add_row(row);
    }
    format!("{t}\n")
}

pub fn frontier_text(s: &Scenario, a: &Analysis, show: usize) -> String {
    let pts: Vec<&ParetoPoint> = a.pareto.iter().collect();
    frontier_section(s, a, &pts, show, true, "--csv or --json list every point")
}

/// The frontier's summary line and a table of its first `show` points.
fn frontier_section(
    s: &Scenario,
    a: &Analysis,
    pts: &[&ParetoPoint],
    show: usize,
    with_package: bool,
    more: &str,
) -> String {
    let mut out = String::new();
    let parties: Vec<&str> = a
        .frontier_parties
        .iter()
        .map(|&p| s.parties[p].id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "Pareto frontier over {}: {} distinct utility vectors, {} packages.",
        parties.join(", "),
        a.pareto.len(),
        grouped(&a.pareto_count)
    );
    let digits = if with_package { 4 } else { 3 };
    let mut t = table();
    let mut head = vec![Cell::new("#")];
    head.extend(s.parties.iter().map(|p| Cell::new(format!("u({})", p.id))));
    head.push(Cell::new("packages"));
    head.push(Cell::new("in ZOPA"));
    if with_package {
        head.push(Cell::new("package"));
    }
    t.set_header(head);
    for (k, p) in pts.iter().take(show).enumerate() {
        let mut row = vec![right(k + 1)];
        row.extend(p.utilities.iter().map(|u| right(format!("{u:.digits$}"))));
        row.push(right(grouped(&p.count)));
        row.push(right(
            p.zopa_count.as_ref().map_or("?".to_string(), grouped),
        ));
        if with_package {
            row.push(Cell::new(s.package_label(&p.package).replace(',', ", ")));
        }
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if pts.len() > show {
        let _ = writeln!(out, "  ({} more; {more})", pts.len() - show);
    }
    out
}

pub fn evaluation_text(s: &Scenario, d: &Deal, e: &Evaluation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Deal: {} ({})", d.name, d.id);
    if let Some(desc) = &d.description {
        let _ = writeln!(out, "{desc}");
    }
    let mut t = table();
    t.set_header(vec!["issue", "option"]);
    for (i, &o) in d.package.iter().enumerate() {
        let opt = &s.issues[i].options[o];
        let text = if opt.label != opt.id {
            format!("{} — {}", option_label(s, i, o), opt.label)
        } else {
            option_label(s, i, o)
        };
        t.add_row(vec![Cell::new(&s.issues[i].id), Cell::new(text)]);
    }
    let _ = writeln!(out, "{t}");
    let ratifying = s.parties.iter().any(|p| p.ratification.is_some());
    let mut t = table();
    let mut head = vec!["party", "veto", "utility", "reservation", "margin"];
    if ratifying {
        head.push("ratification");
    }
    head.push("verdict");
    t.set_header(head);
    for v in &e.parties {
        let party = &s.parties[v.party];
        let verdict = if !v.red_lines.is_empty() {
            "REJECTS (red line)"
        } else if !v.accepts {
            "REJECTS (below reservation)"
        } else if v.ratifies == Some(false) {
            "accepts, NOT RATIFIED"
        } else if v.ratifies == Some(true) {
            "accepts and ratifies"
        } else {
            "accepts"
        };
        let mut row = vec![
            Cell::new(&party.id),
            Cell::new(if party.veto { "yes" } else { "no" }),
            right(format!("{:.4}", v.utility)),
            right(format!("{:.4}", party.reservation)),
            right(format!("{:+.4}", v.margin)),
        ];
        if ratifying {
            row.push(right(
                party
                    .ratification
                    .map_or("–".to_string(), |t| format!("{t:.4}")),
            ));
        }
        row.push(Cell::new(verdict));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if s.has_incentives() {
        let _ = writeln!(
            out,
            "Incentives in this deal cost the mediator {}{}.",
            accord_io::scenario::format_number(s.incentive_cost(&d.package)),
            s.cost_unit
                .as_ref()
                .map_or(String::new(), |u| format!(" ({u})"))
        );
    }
    if e.in_zopa && !e.unratified.is_empty() {
        let ids: Vec<&str> = e
            .unratified
            .iter()
            .map(|&p| s.parties[p].id.as_str())
            .collect();
        let _ = writeln!(
            out,
            "Verdict: acceptable to every veto party, but {} would not ratify it: it could be signed, not approved at home.",
            ids.join(", ")
        );
    } else if e.in_zopa {
        let _ = writeln!(
            out,
            "Verdict: acceptable to every veto party (inside the ZOPA)."
        );
    } else {
        let ids: Vec<&str> = e
            .blocking
            .iter()
            .map(|&p| s.parties[p].id.as_str())
            .collect();
        let _ = writeln!(out, "Verdict: blocked by {}.", ids.join(", "));
    }
    for v in e
        .parties
        .iter()
        .filter(|v| v.accepts && v.ratifies == Some(false))
    {
        let party = &s.parties[v.party];
        let t = party.ratification.unwrap_or(0.0);
        let _ = writeln!(
            out,
            "\n{} accepts but falls short of its ratification threshold {:.4} by {:.4}.",
            party.id,
            t,
            t - v.utility
        );
    }
    for v in e.parties.iter().filter(|v| !v.accepts) {
        let party = &s.parties[v.party];
        let prefs = &s.preferences[v.party];
        let _ = writeln!(out, "\nWhy {} rejects:", party.id);
        for &k in &v.red_lines {
            let _ = writeln!(
                out,
                "  red line crossed: {}",
                prefs.red_lines[k]
                    .reason
                    .clone()
                    .unwrap_or_else(|| format!("#{}", k + 1))
            );
        }
        if v.margin < 0.0 {
            let _ = writeln!(
                out,
                "  short of its reservation value by {:.4}; the points that cost it most:",
                -v.margin
            );
        } else {
            let _ = writeln!(out, "  the points that cost it most:");
        }
        for &(i, c) in v.costs.iter().take(5) {
            let _ = writeln!(
                out,
                "    {:<24} {:<28} −{:.4}",
                s.issues[i].id,
                option_label(s, i, d.package[i]),
                c
            );
        }
        for &(k, b) in &v.interactions {
            let _ = writeln!(
                out,
                "  interaction {:+.4}: {}",
                b,
                prefs.interactions[k].reason.clone().unwrap_or_default()
            );
        }
    }
    out
}

pub fn chart_axes(
    s: &Scenario,
    x: Option<&str>,
    y: Option<&str>,
) -> Result<(usize, usize), Failure> {
    let find = |id: &str| s.party_index(id).ok_or_else(|| unknown_party(s, id));
    let mut defaults: Vec<usize> = s.veto_parties();
    defaults.extend((0..s.parties.len()).filter(|p| !s.parties[*p].veto));
    let px = match x {
        Some(id) => find(id)?,
        None => defaults[0],
    };
    let py = match y {
        Some(id) => find(id)?,
        None => match defaults.iter().find(|&&p| p != px) {
            Some(&p) => p,
            None => {
                return Err(Failure::Usage(
                    "a frontier chart needs two parties".into(),
                    Some("the scenario has only one party".into()),
                ))
            }
        },
    };
    if px == py {
        return Err(Failure::Usage(
            "--x and --y name the same party".into(),
            None,
        ));
    }
    Ok((px, py))
}

pub fn frontier_chart(s: &Scenario, a: &Analysis, px: usize, py: usize) -> FrontierChart {
    let mut sols: Vec<Marker> = a
        .solutions
        .iter()
        .filter_map(|(k, r)| {
            r.as_ref().map(|r| Marker {
                label: k.title().to_string(),
                x: r.utilities[px],
                y: r.utilities[py],
            })
        })
        .collect();
    if let Some((_, Some(r))) = &a.mediator {
        sols.push(Marker {
            label: "Mediator".into(),
            x: r.utilities[px],
            y: r.utilities[py],
        });
    }
    let deals = s
        .deals
        .iter()
        .map(|d| Marker {
            label: d.id.clone(),
            x: s.utility(px, &d.package),
            y: s.utility(py, &d.package),
        })
        .collect();
    let n = a.frontier_parties.len();
    let note = if n > 2 {
        format!(
            "Frontier over {} parties, projected on {} × {}; {} points, {} inside the ZOPA",
            n,
            s.parties[px].id,
            s.parties[py].id,
            a.pareto.len(),
            a.pareto
                .iter()
                .filter(|p| p
                    .zopa_count
                    .as_ref()
                    .is_some_and(|z| *z != BigUint::default()))
                .count()
        )
    } else {
        format!("{} frontier points", a.pareto.len())
    };
    FrontierChart {
        title: format!("{} — Pareto frontier", s.name),
        x_label: s.parties[px].name.clone(),
        y_label: s.parties[py].name.clone(),
        points: a
            .pareto
            .iter()
            .map(|p| {
                (
                    p.utilities[px],
                    p.utilities[py],
                    p.zopa_count
                        .as_ref()
                        .is_some_and(|z| *z != BigUint::default()),
                )
            })
            .collect(),
        x_reservation: Some(s.parties[px].reservation),
        y_reservation: Some(s.parties[py].reservation),
        solutions: sols,
        deals,
        note,
    }
}

fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|source| {
        Failure::Load(Error::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}

pub fn import_genius(
    domain: &Path,
    profiles: &[std::path::PathBuf],
    output: &Path,
    real_steps: usize,
    force: bool,
    web: bool,
) -> Result<u8, Failure> {
    use accord_io::genius::{ImportOptions, SourceFile};
    if output.exists() && !force {
        return Err(Failure::Usage(
            format!("{} exists", output.display()),
            Some("pass --force to overwrite it".into()),
        ));
    }
    let texts: Vec<(String, String, String)> = profiles
        .iter()
        .map(|p| {
            Ok((
                p.display().to_string(),
                p.file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default(),
                read_text(p)?,
            ))
        })
        .collect::<Result<_, Failure>>()?;
    let files: Vec<SourceFile<'_>> = texts
        .iter()
        .map(|(name, stem, text)| SourceFile { name, stem, text })
        .collect();
    let opts = ImportOptions { real_steps };
    let scenario = if web {
        accord_io::genius::import_geniusweb(&files, &opts)
    } else {
        let dtext = read_text(domain)?;
        let dname = domain.display().to_string();
        let dstem = domain
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let d = SourceFile {
            name: &dname,
            stem: &dstem,
            text: &dtext,
        };
        accord_io::genius::import_genius(&d, &files, &opts)
    }
    .map_err(|e| {
        // Printed as before: `file:line:col: message` and the hint.
        Failure::Load(Error::Invalid {
            message: e.plain(),
            help: None,
        })
    })?;
    let mut sources: Vec<String> = Vec::new();
    if !web {
        sources.push(domain.display().to_string());
    }
    sources.extend(profiles.iter().map(|p| p.display().to_string()));
    let header = format!(
        "Imported by accord {} from {}.\nGenius semantics: discrete evaluations divided by the issue's largest; weights normalised; real issues cut into {} intervals.",
        env!("CARGO_PKG_VERSION"),
        sources.join(", "),
        real_steps
    );
    let text = accord_io::write::scenario_toml(&scenario, &header);
    write_atomic(output, text.as_bytes(), force)?;
    eprintln!(
        "wrote {}: {} parties, {} issues, {} packages",
        output.display(),
        scenario.parties.len(),
        scenario.issues.len(),
        outcome_count(&scenario)
    );
    Ok(0)
}

pub fn export_genius(s: &Scenario, dir: &Path, force: bool) -> Result<u8, Failure> {
    let ex = accord_io::genius::export_genius(s).map_err(|e| {
        // Printed as before: `file:line:col: message` and the hint.
        Failure::Load(Error::Invalid {
            message: e.plain(),
            help: None,
        })
    })?;
    let stem: String = s
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = if stem.is_empty() {
        "scenario".to_string()
    } else {
        stem
    };
    let mut files = vec![(dir.join(format!("{stem}_domain.xml")), ex.domain.clone())];
    for (pid, xml) in &ex.profiles {
        files.push((dir.join(format!("{pid}.xml")), xml.clone()));
    }
    if !force {
        if let Some((p, _)) = files.iter().find(|(p, _)| p.exists()) {
            return Err(Failure::Usage(
                format!("{} exists", p.display()),
                Some("pass --force to overwrite".into()),
            ));
        }
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::Write(format!("cannot create {}: {e}", dir.display())))?;
    for (p, text) in &files {
        write_atomic(p, text.as_bytes(), true)?;
    }
    for w in &ex.warnings {
        eprintln!("warning: {w}");
    }
    eprintln!("wrote {} files to {}", files.len(), dir.display());
    Ok(0)
}

/// Peak resident memory of this process (Linux: `VmHWM`), if known.
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// `analyze --stats`: where the time went and how large the merge grew.
pub fn stats_text(a: &Analysis, peak: Option<u64>) -> String {
    let mut out = String::from("\nStatistics\n");
    let t = &a.timings;
    let mut tb = table();
    tb.set_header(vec!["phase", "seconds"]);
    for (name, secs) in [
        ("compile", t.compile),
        ("ZOPA (count, frontier, options inside)", t.zopa),
        ("Pareto frontier", t.frontier),
        ("solutions", t.solutions),
    ] {
        tb.add_row(vec![Cell::new(name), right(format!("{secs:.4}"))]);
    }
    let _ = writeln!(out, "{tb}");
    let _ = writeln!(
        out,
        "ZOPA counted by {}{}.",
        a.zopa_method.name(),
        if a.zopa_method.exact() {
            " (exact)"
        } else {
            " (estimate)"
        }
    );
    let sizes: Vec<String> = a.merge_sizes.iter().map(|n| n.to_string()).collect();
    let _ = writeln!(
        out,
        "Partial frontier size after each of the {} merge steps: {}.",
        a.merge_sizes.len(),
        sizes.join(", ")
    );
    match peak {
        Some(b) => {
            let _ = writeln!(out, "Peak memory: {:.1} MB.", b as f64 / 1048576.0);
        }
        None => {
            let _ = writeln!(out, "Peak memory: not available on this system.");
        }
    }
    out
}

/// Whether no package is acceptable to every veto party: the least total
/// shift is positive (or nothing avoids the veto red lines).
fn zone_empty(s: &Scenario, shift: &Option<accord_core::leverage::Shift>) -> bool {
    shift.as_ref().is_none_or(|sh| sh.total > s.tolerance)
}

pub fn leverage_json(
    s: &Scenario,
    shift: &Option<accord_core::leverage::Shift>,
    slack: &[(usize, f64)],
    cheapest: &LeastCost,
) -> serde_json::Value {
    use accord_io::report::{num, package};
    let mut per = serde_json::Map::new();
    if let Some(sh) = shift {
        for &(p, x) in &sh.per_party {
            per.insert(s.parties[p].id.clone(), num(x));
        }
    }
    let mut sl = serde_json::Map::new();
    for &(p, x) in slack {
        sl.insert(s.parties[p].id.clone(), num(x));
    }
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "zopa_empty": zone_empty(s, shift),
        "min_total_shift": shift.as_ref().map_or(serde_json::Value::Null, |sh| num(sh.total)),
        "shift": per,
        "package": shift.as_ref().map_or(serde_json::Value::Null, |sh| package(s, &sh.package)),
        "utilities": shift.as_ref().map_or(serde_json::Value::Null, |sh| {
            accord_io::report::by_party(s, &(0..s.parties.len()).map(|p| s.utility(p, &sh.package)).collect::<Vec<_>>())
        }),
        "slack": sl,
        "least_cost": least_cost_json(s, cheapest),
    })
}

fn least_cost_json(s: &Scenario, lc: &LeastCost) -> serde_json::Value {
    use accord_io::report::{num, package};
    let budget = s.budget.map(num);
    match lc {
        LeastCost::Mix { mix, within_budget } => {
            let mut j = mix_json(s, mix);
            if let serde_json::Value::Object(m) = &mut j {
                m.insert("status".into(), json!("mix"));
                m.insert("within_budget".into(), json!(within_budget));
                m.insert("budget".into(), json!(budget));
                m.insert(
                    "over_budget_by".into(),
                    json!(s.budget.map(|b| num((mix.total_cost - b).max(0.0)))),
                );
            }
            j
        }
        LeastCost::Beyond(sh) => {
            let mut per = serde_json::Map::new();
            for &(p, x) in &sh.per_party {
                per.insert(s.parties[p].id.clone(), num(x));
            }
            json!({
                "status": "beyond_pressure",
                "beyond_shift": num(sh.total),
                "shift": per,
                "package": package(s, &sh.package),
                "budget": budget,
            })
        }
        LeastCost::Blocked => json!({"status": "blocked", "budget": budget}),
    }
}

/// A deal with the pressure and incentives it needs, as JSON.
fn mix_json(s: &Scenario, mix: &Mix) -> serde_json::Value {
    use accord_io::report::{by_party, num, package};
    let mut pressure = serde_json::Map::new();
    let mut pcost = serde_json::Map::new();
    for a in &mix.pressure {
        pressure.insert(s.parties[a.party].id.clone(), num(a.amount));
        pcost.insert(s.parties[a.party].id.clone(), num(a.cost));
    }
    let u: Vec<f64> = (0..s.parties.len())
        .map(|p| s.utility(p, &mix.package))
        .collect();
    let margins: Vec<f64> = u
        .iter()
        .zip(&s.parties)
        .map(|(x, p)| x - p.reservation)
        .collect();
    let mut ratifies = serde_json::Map::new();
    for p in 0..s.parties.len() {
        ratifies.insert(s.parties[p].id.clone(), json!(s.ratifies(p, &mix.package)));
    }
    json!({
        "package": package(s, &mix.package),
        "pressure": pressure,
        "pressure_cost": pcost,
        "incentive_cost": num(mix.incentive_cost),
        "total_cost": num(mix.total_cost),
        "utilities": by_party(s, &u),
        "margins": by_party(s, &margins),
        "ratifies": ratifies,
    })
}

/// A cost, to three decimals without trailing zeros.
fn cost_num(x: f64) -> String {
    let t = format!("{:.3}", x + 0.0);
    let t = t.trim_end_matches('0').trim_end_matches('.');
    if t == "-0" {
        "0".to_string()
    } else {
        t.to_string()
    }
}

/// A cost with the scenario's unit.
fn cost_text(s: &Scenario, x: f64) -> String {
    match &s.cost_unit {
        Some(u) => format!("{} {u}", cost_num(x)),
        None => cost_num(x),
    }
}

fn budget_text(s: &Scenario) -> String {
    match s.budget {
        Some(b) => format!("budget {}", cost_text(s, b)),
        None => "no budget limit".to_string(),
    }
}

fn levers_text(s: &Scenario, lc: &LeastCost, zone_open: bool) -> String {
    let mut out = String::new();
    let pressed: Vec<usize> = s
        .veto_parties()
        .into_iter()
        .filter(|&p| s.parties[p].pressure.is_some_and(|x| x.max > 0.0))
        .collect();
    let _ = writeln!(out, "\nThe mediator's levers ({}):", budget_text(s));
    let sticks: Vec<String> = s
        .veto_parties()
        .iter()
        .map(|&p| match s.parties[p].pressure {
            Some(x) if x.max > 0.0 => format!(
                "{} can be pressed by up to {:.3} for {}",
                s.parties[p].id,
                x.max,
                cost_num(x.cost)
            ),
            _ => format!("no stick against {}", s.parties[p].id),
        })
        .collect();
    let _ = writeln!(out, "  pressure: {}", sticks.join("; "));
    let inc: Vec<&str> = s
        .issues
        .iter()
        .filter(|i| i.cost.is_some())
        .map(|i| i.id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "  incentives: {}",
        if inc.is_empty() {
            "none".to_string()
        } else {
            inc.join(", ")
        }
    );
    match lc {
        LeastCost::Blocked => {}
        LeastCost::Beyond(sh) => {
            let _ = writeln!(
                out,
                "The mediator LACKS THE LEVERAGE: even full pressure{} leaves no package acceptable to every veto party. Beyond that pressure, reservation values would still have to fall by {:.4} in total:",
                if pressed.is_empty() { " (it has none)" } else { "" },
                sh.total
            );
            let mut t = table();
            t.set_header(vec![
                "veto party",
                "reservation",
                "max pressure",
                "utility there",
                "still short by",
            ]);
            for &(p, x) in &sh.per_party {
                t.add_row(vec![
                    Cell::new(&s.parties[p].id),
                    right(format!("{:.4}", s.parties[p].reservation)),
                    right(format!(
                        "{:.4}",
                        s.parties[p].pressure.map_or(0.0, |x| x.max)
                    )),
                    right(format!("{:.4}", s.utility(p, &sh.package))),
                    right(format!("{x:.4}")),
                ]);
            }
            let _ = writeln!(out, "{t}");
            let _ = writeln!(out, "The package that comes closest:");
            let _ = writeln!(out, "  {}", s.package_label(&sh.package).replace(',', ", "));
        }
        LeastCost::Mix { mix, within_budget } => {
            if zone_open && mix.total_cost <= s.tolerance && mix.total_pressure() <= s.tolerance {
                let _ = writeln!(
                    out,
                    "Some deal in the zone needs neither pressure nor incentives (cost 0)."
                );
                return out;
            }
            let verdict = if *within_budget {
                "within its budget".to_string()
            } else {
                format!(
                    "OVER its budget by {}: the mediator LACKS THE LEVERAGE",
                    cost_text(s, mix.total_cost - s.budget.unwrap_or(0.0))
                )
            };
            let _ = writeln!(
                out,
                "{} costs {} (incentives {}, pressure {}), {verdict}:",
                if zone_open {
                    "The mediator's cheapest route to a deal (pressure may stand in for costly incentives)"
                } else {
                    "The cheapest mix of pressure and incentives that opens a zone"
                },
                cost_text(s, mix.total_cost),
                cost_num(mix.incentive_cost),
                cost_num(mix.pressure_cost())
            );
            let mut t = table();
            t.set_header(vec![
                "veto party",
                "reservation",
                "utility there",
                "pressure",
                "pressure cost",
            ]);
            for a in &mix.pressure {
                t.add_row(vec![
                    Cell::new(&s.parties[a.party].id),
                    right(format!("{:.4}", s.parties[a.party].reservation)),
                    right(format!("{:.4}", s.utility(a.party, &mix.package))),
                    right(format!("{:.4}", a.amount)),
                    right(cost_num(a.cost)),
                ]);
            }
            let _ = writeln!(out, "{t}");
            let _ = writeln!(out, "The package:");
            let _ = writeln!(
                out,
                "  {}",
                s.package_label(&mix.package).replace(',', ", ")
            );
        }
    }
    out
}

/// The `mediate` query from the command line, checked.
pub fn mediate_query(
    s: &Scenario,
    press: &[String],
    satisfy: Option<&[String]>,
    limit: usize,
    ratified: bool,
) -> Result<Query, Failure> {
    let find = |id: &String| s.party_index(id.trim()).ok_or_else(|| unknown_party(s, id));
    let press: Vec<usize> = press.iter().map(find).collect::<Result<_, _>>()?;
    let satisfy: Vec<usize> = match satisfy {
        Some(ids) => ids.iter().map(find).collect::<Result<_, _>>()?,
        None => s
            .veto_parties()
            .into_iter()
            .filter(|p| !press.contains(p))
            .collect(),
    };
    let mut seen = vec![false; s.parties.len()];
    for &p in press.iter().chain(&satisfy) {
        if seen[p] {
            return Err(Failure::Usage(
                format!("party `{}` is named twice", s.parties[p].id),
                Some("a party is either pressed or satisfied, once".into()),
            ));
        }
        seen[p] = true;
    }
    Ok(Query {
        satisfy,
        press,
        mediator: s.mediator(),
        limit,
        ratified,
    })
}

pub fn mediate_json(s: &Scenario, q: &Query, r: &Result<Vec<Mix>, NoDeal>) -> serde_json::Value {
    use accord_io::report::num;
    let ids = |v: &[usize]| {
        v.iter()
            .map(|&p| s.parties[p].id.clone())
            .collect::<Vec<_>>()
    };
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "satisfy": ids(&q.satisfy),
        "press": ids(&q.press),
        "mediator": q.mediator.map(|m| s.parties[m].id.clone()),
        "ratified": q.ratified,
        "budget": s.budget.map(num),
        "deals": match r {
            Ok(d) => d.iter().map(|m| mix_json(s, m)).collect::<Vec<_>>(),
            Err(_) => Vec::new(),
        },
        "no_deal": match r {
            Ok(_) => serde_json::Value::Null,
            Err(NoDeal::OutOfReach) => json!({"reason": "out_of_reach"}),
            Err(NoDeal::OverBudget(c)) => json!({"reason": "over_budget", "min_cost": num(*c)}),
        },
    })
}

pub fn mediate_text(s: &Scenario, q: &Query, r: &Result<Vec<Mix>, NoDeal>) -> String {
    let mut out = String::new();
    let ids = |v: &[usize]| {
        v.iter()
            .map(|&p| s.parties[p].id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "Pressing {}; {} must accept as {}{}; {}.",
        ids(&q.press),
        if q.satisfy.is_empty() {
            "nobody".to_string()
        } else {
            ids(&q.satisfy)
        },
        if q.satisfy.len() == 1 {
            "it is"
        } else {
            "they are"
        },
        if q.ratified {
            " (and every named party must ratify)"
        } else {
            ""
        },
        budget_text(s)
    );
    let deals = match r {
        Err(NoDeal::OutOfReach) => {
            let _ = writeln!(
                out,
                "NO DEAL within reach: no package is acceptable{} to {} and within the pressure the mediator can bring on {}.",
                if q.ratified { " (and ratifiable)" } else { "" },
                if q.satisfy.is_empty() { "anyone".to_string() } else { ids(&q.satisfy) },
                ids(&q.press)
            );
            return out;
        }
        Err(NoDeal::OverBudget(c)) => {
            let _ = writeln!(
                out,
                "NO DEAL within the budget: the cheapest deal within reach costs {}, {} over.",
                cost_text(s, *c),
                cost_text(s, c - s.budget.unwrap_or(0.0))
            );
            return out;
        }
        Ok(d) => d,
    };
    for &p in &q.press {
        if s.parties[p].pressure.is_none_or(|x| x.max <= 0.0) {
            let _ = writeln!(
                out,
                "(The mediator has no stick against {}: it must accept as it is.)",
                s.parties[p].id
            );
        }
    }
    match q.mediator {
        Some(m) => {
            let _ = writeln!(
                out,
                "Deals needing the least pressure, then best for {}, then cheapest; best first:",
                s.parties[m].id
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Deals needing the least pressure, then cheapest (no mediator party); best first:"
            );
        }
    }
    for (k, m) in deals.iter().enumerate() {
        let pressure: Vec<String> = m
            .pressure
            .iter()
            .map(|a| format!("{} {:.4}", s.parties[a.party].id, a.amount))
            .collect();
        let _ = writeln!(
            out,
            "\nDeal {}: pressure {}; cost {} (pressure {}, incentives {}).",
            k + 1,
            pressure.join(", "),
            cost_text(s, m.total_cost),
            cost_num(m.pressure_cost()),
            cost_num(m.incentive_cost)
        );
        let mut t = table();
        t.set_header(vec![
            "party",
            "",
            "utility",
            "reservation",
            "margin",
            "ratifies",
        ]);
        for (p, party) in s.parties.iter().enumerate() {
            let tag = if q.press.contains(&p) {
                "pressed"
            } else if q.satisfy.contains(&p) {
                "satisfied"
            } else if q.mediator == Some(p) {
                "mediator"
            } else {
                ""
            };
            let u = s.utility(p, &m.package);
            t.add_row(vec![
                Cell::new(&party.id),
                Cell::new(tag),
                right(format!("{u:.4}")),
                right(format!("{:.4}", party.reservation)),
                right(format!("{:+.4}", u - party.reservation)),
                Cell::new(match s.ratifies(p, &m.package) {
                    Some(true) => "yes",
                    Some(false) => "NO",
                    None => "–",
                }),
            ]);
        }
        let _ = writeln!(out, "{t}");
        let _ = writeln!(out, "  {}", s.package_label(&m.package).replace(',', ", "));
    }
    out
}

pub fn leverage_text(
    s: &Scenario,
    shift: &Option<accord_core::leverage::Shift>,
    slack: &[(usize, f64)],
    cheapest: &LeastCost,
) -> String {
    let mut out = String::new();
    match shift {
        None => {
            let _ = writeln!(
                out,
                "Every package crosses some veto party's red line: no lowering of reservation values opens a zone."
            );
        }
        Some(sh) if zone_empty(s, shift) => {
            let _ = writeln!(
                out,
                "The zone of possible agreement is EMPTY. The least total lowering of reservation values that opens it: {:.4}.",
                sh.total
            );
            let mut t = table();
            t.set_header(vec![
                "veto party",
                "reservation",
                "utility there",
                "lower by",
            ]);
            for &(p, x) in &sh.per_party {
                t.add_row(vec![
                    Cell::new(&s.parties[p].id),
                    right(format!("{:.4}", s.parties[p].reservation)),
                    right(format!("{:.4}", s.utility(p, &sh.package))),
                    right(format!("{x:.4}")),
                ]);
            }
            let _ = writeln!(out, "{t}");
            let _ = writeln!(out, "A package that needs no more than that:");
            let _ = writeln!(out, "  {}", s.package_label(&sh.package).replace(',', ", "));
        }
        Some(_) if slack.is_empty() => {
            let _ = writeln!(
                out,
                "No party has a veto, so every package is in the zone of possible agreement: no pressure is needed."
            );
        }
        Some(_) => {
            let _ = writeln!(
                out,
                "The zone of possible agreement is not empty: no pressure is needed. Each veto party's slack (how far its reservation value could rise with a zone left):"
            );
            let mut t = table();
            t.set_header(vec!["veto party", "reservation", "slack"]);
            for &(p, x) in slack {
                t.add_row(vec![
                    Cell::new(&s.parties[p].id),
                    right(format!("{:.4}", s.parties[p].reservation)),
                    right(format!("{x:+.4}")),
                ]);
            }
            let _ = writeln!(out, "{t}");
        }
    }
    if shift.is_some() {
        out.push_str(&levers_text(s, cheapest, !zone_empty(s, shift)));
    }
    out
}

pub fn repair_json(
    s: &Scenario,
    d: &Deal,
    r: &accord_core::leverage::Repair,
    ratified: bool,
) -> serde_json::Value {
    use accord_io::report::{by_party, package};
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "ratified": ratified,
        "deal": {"id": d.id, "name": d.name, "package": package(s, &d.package)},
        "changes": r.changes,
        "deals": r.deals.iter().map(|x| json!({
            "package": package(s, &x.package),
            "changed": x.changed.iter().map(|&i| s.issues[i].id.clone()).collect::<Vec<_>>(),
            "utilities": by_party(s, &(0..s.parties.len()).map(|p| s.utility(p, &x.package)).collect::<Vec<_>>()),
        })).collect::<Vec<_>>(),
    })
}

pub fn repair_text(
    s: &Scenario,
    d: &Deal,
    r: &accord_core::leverage::Repair,
    ratified: bool,
) -> String {
    let mut out = String::new();
    let every = if ratified {
        "every veto party, ratification included"
    } else {
        "every veto party"
    };
    let Some(n) = r.changes else {
        let _ = writeln!(
            out,
            "No package is acceptable to {every}, so no change to {} makes it acceptable (see `accord leverage`).",
            d.id
        );
        return out;
    };
    if n == 0 {
        let _ = writeln!(out, "{} is already acceptable to {every}.", d.id);
        return out;
    }
    let judge = s
        .mediator()
        .map_or("the veto parties together".to_string(), |m| {
            s.parties[m].id.clone()
        });
    let _ = writeln!(
        out,
        "{}: the fewest changes that make it acceptable to {every}: {n}. Best first for {judge}:",
        d.id
    );
    for (k, x) in r.deals.iter().enumerate() {
        let _ = writeln!(out, "\nOption {}:", k + 1);
        let mut t = table();
        t.set_header(vec!["issue", "from", "to"]);
        for &i in &x.changed {
            t.add_row(vec![
                Cell::new(&s.issues[i].id),
                Cell::new(option_label(s, i, d.package[i])),
                Cell::new(option_label(s, i, x.package[i])),
            ]);
        }
        let _ = writeln!(out, "{t}");
        let mut t = table();
        t.set_header(vec!["party", "margin before", "margin after"]);
        for (p, party) in s.parties.iter().enumerate() {
            t.add_row(vec![
                Cell::new(&party.id),
                right(format!(
                    "{:+.4}",
                    s.utility(p, &d.package) - party.reservation
                )),
                right(format!(
                    "{:+.4}",
                    s.utility(p, &x.package) - party.reservation
                )),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    out
}

/// The deals every sample evaluates: the base case's solutions and the
/// mediator's deal, then the deals on file. (name, kind, package).
pub fn robust_candidates(
    s: &Scenario,
    c: &accord_core::compile::Compiled,
) -> Vec<(String, &'static str, Vec<usize>)> {
    let mut out: Vec<(String, &'static str, Vec<usize>)> = Vec::new();
    let f = accord_core::solutions::zopa_frontier(c);
    for (k, sol) in accord_core::solutions::solve(c, &f) {
        if let Some(sol) = sol {
            out.push((format!("{} (base case)", k.key()), "solution", sol.package));
        }
    }
    if let Some(m) = s.mediator() {
        if let Some(sol) = accord_core::solutions::mediator_deal(c, m) {
            out.push((
                "mediator's deal (base case)".into(),
                "solution",
                sol.package,
            ));
        }
    }
    for d in &s.deals {
        out.push((d.id.clone(), "deal", d.package.clone()));
    }
    out
}

/// Names of the robust run's deals, in `r.deals` order, and the index of the most robust.
fn robust_names(
    named: &[(String, &'static str, Vec<usize>)],
    r: &accord_core::uncertainty::Robust,
) -> (Vec<(String, &'static str)>, Option<usize>) {
    let mut names: Vec<(String, &'static str)> =
        named.iter().map(|(n, k, _)| (n.clone(), *k)).collect();
    let mut k = 0;
    while names.len() < r.deals.len() {
        k += 1;
        names.push((format!("sampled Nash #{k}"), "search"));
    }
    // Ties: the earliest candidate (the named ones come first).
    let best =
        (0..r.deals.len()).max_by(|&a, &b| r.p_accept[a].total_cmp(&r.p_accept[b]).then(b.cmp(&a)));
    (names, best)
}

/// What the sensitivity ranking explains: `p_zopa` or `p_accept:<deal name>`.
fn sensitivity_of(
    names: &[(String, &'static str)],
    r: &accord_core::uncertainty::Robust,
) -> String {
    match r
        .sensitivity_of
        .strip_prefix("p_accept:")
        .and_then(|d| d.parse::<usize>().ok())
    {
        Some(d) => format!("p_accept:{}", names[d].0),
        None => r.sensitivity_of.clone(),
    }
}

pub fn robust_json(
    s: &Scenario,
    named: &[(String, &'static str, Vec<usize>)],
    r: &accord_core::uncertainty::Robust,
    seed: u64,
) -> serde_json::Value {
    use accord_io::report::{by_party, num, package};
    let (names, best) = robust_names(named, r);
    let valid = (r.samples - r.invalid) as f64;
    let (lo, hi) = accord_core::zopa::wilson95(r.p_zopa, valid.max(1.0));
    json!({
        "schema_version": accord_io::report::SCHEMA_VERSION,
        "samples": r.samples,
        "seed": seed,
        "invalid_samples": r.invalid,
        "inputs": s.uncertainty.inputs.iter().map(|x| json!({
            "input": x.label,
            "factor": x.factor,
            "mean": num(x.dist.mean()),
            "min": num(x.dist.support().0),
            "max": num(x.dist.support().1),
        })).collect::<Vec<_>>(),
        "p_zopa": num(r.p_zopa),
        "p_zopa_interval": [num(lo), num(hi)],
        "deals": (0..r.deals.len()).map(|d| json!({
            "name": names[d].0,
            "kind": names[d].1,
            "package": package(s, &r.deals[d]),
            "p_accept": num(r.p_accept[d]),
            "p_party": by_party(s, &r.p_party[d]),
            "nash_share": num(r.nash_share[d]),
        })).collect::<Vec<_>>(),
        "most_robust": best.filter(|_| valid > 0.0).map(|b| json!({
            "name": names[b].0,
            "package": package(s, &r.deals[b]),
            "p_accept": num(r.p_accept[b]),
        })),
        "ratified": r.ratified,
        "sensitivity_of": sensitivity_of(&names, r),
        "sensitivity": r.sensitivity.iter().map(|x| json!({
            "input": x.input,
            "index": num(x.index),
            "low": num(x.low),
            "high": num(x.high),
        })).collect::<Vec<_>>(),
    })
}

pub fn robust_text(
    s: &Scenario,
    named: &[(String, &'static str, Vec<usize>)],
    r: &accord_core::uncertainty::Robust,
    seed: u64,
) -> String {
    let mut out = String::new();
    let (names, best) = robust_names(named, r);
    let (srcs, _) = s.uncertainty.sources();
    let valid = (r.samples - r.invalid) as f64;
    let _ = writeln!(
        out,
        "{} samples (seed {seed}) over {} uncertain numbers in {} independent sources{}{}.",
        r.samples,
        s.uncertainty.inputs.len(),
        srcs.len(),
        if r.ratified {
            "; acceptance includes ratification"
        } else {
            ""
        },
        if r.invalid > 0 {
            format!(
                "; {} samples left out (an interaction left a party's 0–1 scale)",
                r.invalid
            )
        } else {
            String::new()
        }
    );
    if valid == 0.0 {
        let _ = writeln!(
            out,
            "No valid sample: in every one, an interaction (or all-zero weights) left a party's 0–1 scale. Narrow the distributions."
        );
        return out;
    }
    let (lo, hi) = accord_core::zopa::wilson95(r.p_zopa, valid);
    let _ = writeln!(
        out,
        "P(a zone of possible agreement exists) = {:.4}  (95% interval {:.4}–{:.4}; each sample decided exactly)",
        r.p_zopa, lo, hi
    );
    let veto = s.veto_parties();
    let mut t = table();
    let mut head = vec!["deal".to_string(), "P(all veto accept)".to_string()];
    head.extend(veto.iter().map(|&p| format!("P({})", s.parties[p].id)));
    head.push("Nash in".to_string());
    t.set_header(head);
    let mut order: Vec<usize> = (0..named.len()).collect();
    let mut found: Vec<usize> = (named.len()..r.deals.len()).collect();
    found.sort_by(|&a, &b| r.p_accept[b].total_cmp(&r.p_accept[a]).then(a.cmp(&b)));
    order.extend(found.into_iter().take(5));
    for d in order {
        let mut row = vec![
            Cell::new(&names[d].0),
            right(format!("{:.4}", r.p_accept[d])),
        ];
        row.extend(
            veto.iter()
                .map(|&p| right(format!("{:.4}", r.p_party[d][p]))),
        );
        row.push(right(format!("{:.1}%", 100.0 * r.nash_share[d])));
        t.add_row(row);
    }
    let _ = writeln!(out, "{t}");
    if let Some(b) = best {
        let _ = writeln!(
            out,
            "Most robust deal found: {} (accepted by every veto party in {:.1}% of samples):",
            names[b].0,
            100.0 * r.p_accept[b]
        );
        let _ = writeln!(out, "  {}", s.package_label(&r.deals[b]).replace(',', ", "));
    }
    let target = match sensitivity_of(&names, r).strip_prefix("p_accept:") {
        Some(d) => {
            let _ = writeln!(
                out,
                "\nThe zone exists in {} sample, so the ranking below explains whether {d} is accepted.",
                if r.p_zopa > 0.5 { "every" } else { "no" }
            );
            format!("P({d} accepted)")
        }
        None => "P(zone)".to_string(),
    };
    let _ = writeln!(
        out,
        "\nWhat matters most for {target}: first-order index (share of the variance explained, ε² over 10 quantile bins), and {target} with the input in its lowest / highest fifth:"
    );
    let mut t = table();
    t.set_header(vec!["input", "index", "P low", "P high"]);
    for x in &r.sensitivity {
        t.add_row(vec![
            Cell::new(&x.input),
            right(if x.index.is_nan() {
                "–".to_string()
            } else {
                format!("{:.3}", x.index)
            }),
            right(format!("{:.3}", x.low)),
            right(format!("{:.3}", x.high)),
        ]);
    }
    let _ = writeln!(out, "{t}");
    out
}

pub fn tornado(
    s: &Scenario,
    named: &[(String, &'static str, Vec<usize>)],
    r: &accord_core::uncertainty::Robust,
) -> Result<String, accord_io::chart::ChartError> {
    let (names, _) = robust_names(named, r);
    let bars: Vec<accord_io::chart::TornadoBar> = r
        .sensitivity
        .iter()
        .take(15)
        .map(|x| accord_io::chart::TornadoBar {
            label: x.input.clone(),
            low: x.low,
            high: x.high,
            index: x.index,
        })
        .collect();
    let (what, overall) = match r
        .sensitivity_of
        .strip_prefix("p_accept:")
        .and_then(|d| d.parse::<usize>().ok())
    {
        Some(d) => (format!("P({} accepted)", names[d].0), r.p_accept[d]),
        None => ("P(zone of possible agreement)".to_string(), r.p_zopa),
    };
    let what = what.as_str();
    accord_io::chart::tornado_svg(
        &format!("{}: what moves {what}", s.name),
        &format!(
            "{} samples; bars: {what} with the input in its lowest → highest fifth (red: falls as the input rises, blue: rises); line: overall {:.3}",
            r.samples, overall
        ),
        overall,
        &bars,
    )
}
