//! Human-readable output (tables) and the import/export commands.

use std::fmt::Write as _;
use std::path::Path;

use accord_core::analysis::{outcome_count, Analysis, ParetoPoint, SolutionReport};
use accord_core::evaluate::Evaluation;
use accord_core::model::{IssueKind, Scenario};
use accord_io::chart::{FrontierChart, Marker};
use accord_io::diagnostic::LoadError;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};
use num_bigint::BigUint;

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
        Failure::Load(LoadError::Io {
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
        Failure::Load(LoadError::Other {
            message: e.to_string(),
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
        Failure::Load(LoadError::Other {
            message: e.to_string(),
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
