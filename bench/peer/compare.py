#!/usr/bin/env python3
"""Side-by-side: accord vs NegMAS on a ladder of synthetic Genius domains.

For every domain of the ladder this script writes Genius XML (a domain and
one profile per party; random weights and evaluations from a seed, every
issue's best evaluation equal to 1 so that NegMAS's reading of the files and
Genius's agree), then in the same run:

- NegMAS: load with `Scenario.from_genius_files`, then `pareto_frontier`
  (which enumerates the outcome space) and `nash_points`; a time limit of
  120 s (`--limit`);
- accord: `accord import genius` and `accord analyze --json`;

checks that both frontiers are the same set of utility vectors (within
1e-6), and prints one Markdown table. Seconds are wall-clock of the whole
process (NegMAS's own compute time is shown too); memory is peak RSS.

Run via bench/peer/run.sh, which makes the virtual environment.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ACCORD = os.path.join(ROOT, "target", "release", "accord")

NEGMAS_CODE = r"""
import json, sys, time
from negmas.inout import Scenario
from negmas.preferences.ops import pareto_frontier, nash_points
domain, out, *profiles = sys.argv[1:]
t0 = time.perf_counter()
s = Scenario.from_genius_files(domain, profiles, ignore_discount=True)
t1 = time.perf_counter()
front, _ = pareto_frontier(s.ufuns, issues=s.outcome_space.issues)
nash = nash_points(s.ufuns, front, outcome_space=s.outcome_space)
t2 = time.perf_counter()
json.dump({"frontier": [list(map(float, f)) for f in front],
           "nash": [list(map(float, n[0])) for n in nash],
           "load_seconds": t1 - t0, "compute_seconds": t2 - t1}, open(out, "w"))
"""


def write_domain(folder, parties, issues, options, seed, opposed):
    rnd = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    dom = ['<negotiation_template>', f'<utility_space number_of_issues="{issues}">',
           '<objective index="0" etype="objective" type="objective" description="" name="synthetic">']
    for i in range(issues):
        dom.append(f'<issue index="{i + 1}" etype="discrete" type="discrete" vtype="discrete" name="i{i}">')
        for o in range(options):
            dom.append(f'<item index="{o + 1}" value="v{o}" cost="0.0" description="v{o}"></item>')
        dom.append('</issue>')
    dom += ['</objective>', '</utility_space>', '</negotiation_template>']
    open(os.path.join(folder, "domain.xml"), "w").write("\n".join(dom))
    evals = {}
    for p in range(parties):
        for i in range(issues):
            if opposed and p == 1:
                base = evals[(0, i)]
                order = sorted(range(options), key=lambda o: base[o])
                vals = sorted((rnd.random() for _ in range(options)), reverse=True)
                ev = [0.0] * options
                for rank, o in enumerate(order):
                    ev[o] = vals[rank]
            else:
                ev = [rnd.random() for _ in range(options)]
            m = max(ev)
            evals[(p, i)] = [round(x / m, 6) for x in ev]
    paths = []
    for p in range(parties):
        w = [rnd.random() + 0.05 for _ in range(issues)]
        sw = sum(w)
        w = [round(x / sw, 6) for x in w]
        # Weights that sum to 1 exactly (in decimal): NegMAS does not
        # normalise weights, Genius does; this way both read the same numbers.
        w[-1] = round(1.0 - sum(w[:-1]), 6)
        lines = [f'<utility_space type="additive" number_of_issues="{issues}">',
                 '<objective index="0" etype="objective" type="objective" description="" name="synthetic">']
        for i in range(issues):
            lines.append(f'<issue index="{i + 1}" etype="discrete" type="discrete" vtype="discrete" name="i{i}">')
            for o in range(options):
                lines.append(f'<item index="{o + 1}" value="v{o}" evaluation="{evals[(p, i)][o]}"></item>')
            lines.append('</issue>')
        for i in range(issues):
            lines.append(f'<weight index="{i + 1}" value="{w[i]}"></weight>')
        lines += ['</objective>', '</utility_space>']
        path = os.path.join(folder, f"party{p + 1}.xml")
        open(path, "w").write("\n".join(lines))
        paths.append(path)
    return os.path.join(folder, "domain.xml"), paths


def timed(cmd, limit):
    """Runs cmd under /usr/bin/time; returns (seconds, peak MB, returncode or 'timeout')."""
    t0 = time.perf_counter()
    try:
        r = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", "/tmp/accord-peer-mem"] + cmd,
                           capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return limit, None, "timeout"
    secs = time.perf_counter() - t0
    try:
        mem = int(open("/tmp/accord-peer-mem").read().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        mem = None
    if r.returncode == 0:
        return secs, mem, 0
    try:
        note = open("/tmp/accord-peer-mem").read()
    except OSError:
        note = ""
    if "signal" in note:
        return secs, mem, "killed (" + note.strip().splitlines()[0].lower() + ")"
    lines = r.stderr.strip().splitlines() or ["failed"]
    errors = [l for l in lines if "Error" in l or "Killed" in l]
    return secs, mem, (errors or lines)[-1].strip()[:60]


def vecset(vs):
    return sorted(tuple(v) for v in vs)


def same(a, b):
    if len(a) != len(b):
        return False
    return all(all(abs(x - y) <= 1e-6 for x, y in zip(u, v)) for u, v in zip(a, b))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=sys.executable, help="Python with negmas installed")
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--quick", action="store_true", help="a short ladder (for a smoke test)")
    ap.add_argument("--only", action="append", default=[], metavar="P,I,O",
                    help="run only this rung: parties, issues, options (repeatable)")
    ap.add_argument("--max-negmas", type=float, default=1e9,
                    help="do not run NegMAS on larger outcome spaces (it enumerates them)")
    a = ap.parse_args()
    ladder = [  # parties, issues, options
        (2, 6, 5), (2, 8, 5), (2, 8, 8), (2, 10, 5), (2, 12, 10), (2, 20, 10), (2, 50, 10),
        (3, 6, 5), (3, 8, 5), (3, 9, 6), (3, 12, 10),
        (5, 6, 5), (5, 7, 6), (5, 6, 10), (5, 9, 10),
    ]
    if a.quick:
        ladder = [(2, 6, 5), (3, 6, 5)]
    if a.only:
        ladder = [tuple(int(x) for x in o.split(",")) for o in a.only]
    tmp = tempfile.mkdtemp(prefix="accord-peer-")
    print("| parties | issues × options | outcomes | prefs | frontier | NegMAS s (compute) | accord s | ratio | NegMAS MB | accord MB | same frontier |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (parties, issues, options) in ladder:
        for opposed in (False, True):
            if opposed and parties < 2:
                continue
            tag = f"{parties}p-{issues}x{options}-{'opp' if opposed else 'ind'}"
            folder = os.path.join(tmp, tag)
            domain, profiles = write_domain(folder, parties, issues, options, seed=issues * 31 + parties, opposed=opposed)
            outcomes = options ** issues
            # NegMAS
            nout = os.path.join(folder, "negmas.json")
            if outcomes > a.max_negmas:
                nsecs, nmem, nrc = None, None, "skipped"
            else:
                nsecs, nmem, nrc = timed([a.python, "-c", NEGMAS_CODE, domain, nout] + profiles, a.limit)
            neg = json.load(open(nout)) if nrc == 0 else None
            # accord
            toml = os.path.join(folder, "s.toml")
            aout = os.path.join(folder, "accord.json")
            t0 = time.perf_counter()
            subprocess.run([ACCORD, "import", "genius", domain] + profiles + ["-o", toml, "--force"],
                           check=True, capture_output=True)
            imp = time.perf_counter() - t0
            asecs, amem, arc = timed(["sh", "-c", f"{ACCORD} analyze {toml} --json --quiet > {aout}"], 600)
            acc = json.load(open(aout)) if arc == 0 else None
            afront = vecset([list(p["utilities"].values()) for p in acc["pareto"]["points"]]) if acc else None
            if neg is not None and afront is not None:
                nfront = vecset({tuple(v) for v in neg["frontier"]})
                verdict = "yes" if same(afront, nfront) else f"NO ({len(nfront)} vs {len(afront)})"
                ratio = f"{nsecs / (asecs + imp):.0f}×"
                ns = f"{nsecs:.2f} ({neg['compute_seconds']:.2f})"
            else:
                verdict, ratio = "–", "–"
                if nrc == "timeout":
                    ns = f"> {a.limit} (timeout)"
                elif nrc == "skipped":
                    ns = f"not run (> {a.max_negmas:.0e} outcomes)"
                else:
                    ns = f"failed: {nrc}"
            fsize = len(afront) if afront is not None else "?"
            print(f"| {parties} | {issues} × {options} | {outcomes:.3g} | {'opposed' if opposed else 'independent'} | {fsize} | {ns} | {asecs + imp:.3f} | {ratio} | "
                  f"{'' if nmem is None else f'{nmem:.0f}'} | {'' if amem is None else f'{amem:.0f}'} | {verdict} |", flush=True)


if __name__ == "__main__":
    main()
