use accord_core::analysis::solutions;
use accord_core::compile::Compiled;
use std::path::Path;
use std::time::Instant;
fn main() {
    let s = accord_io::scenario::load_scenario(Path::new("examples/ukraine-2025/scenario.toml"))
        .unwrap();
    let base = accord_core::robust::lean(&s);
    let mut c = Compiled::new(&base).unwrap();
    let mut t = base.clone();
    let n = 20000u64;
    {
        let g = &c.groups[0];
        let veto = c.veto_parties();
        let mut pts = vec![];
        for o in 0..g.n_options {
            if !g.vetoed_by_any(o, &veto) {
                pts.push((
                    g.util(o, veto[0], c.n_parties),
                    g.util(o, veto[1], c.n_parties),
                ));
            }
        }
        let nd = pts
            .iter()
            .filter(|a| {
                !pts.iter()
                    .any(|b| b.0 >= a.0 && b.1 >= a.1 && (b.0 > a.0 || b.1 > a.1))
            })
            .count();
        eprintln!("group0 allowed {} nondominated {}", pts.len(), nd);
    }
    let mut tt = [0.0f64; 5];
    let cands: Vec<Vec<usize>> = s.deals.iter().map(|d| d.package.clone()).collect();
    for k in 0..n {
        let a = Instant::now();
        accord_core::robust::sample_into(&mut t, &base, &s.uncertainty, 1, k, false);
        let b = Instant::now();
        let ok = c.renumber(&t).is_ok();
        let d = Instant::now();
        if !ok {
            continue;
        }
        let f = solutions::zopa_frontier(&c).unwrap();
        let e = Instant::now();
        if !f.is_empty() {
            let _ = solutions::solve_these(&c, &f, &[solutions::Concept::Nash]);
        }
        let g = Instant::now();
        let _: Vec<bool> = cands.iter().map(|p| t.in_zopa(p)).collect();
        let h = Instant::now();
        tt[0] += (b - a).as_secs_f64();
        tt[1] += (d - b).as_secs_f64();
        tt[2] += (e - d).as_secs_f64();
        tt[3] += (g - e).as_secs_f64();
        tt[4] += (h - g).as_secs_f64();
    }
    for (name, x) in ["sample", "renumber", "zopa_frontier", "nash", "accepts"]
        .iter()
        .zip(tt)
    {
        eprintln!("{name}: {:.2} us", x / n as f64 * 1e6);
    }
}
