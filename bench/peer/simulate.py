#!/usr/bin/env python3
"""Side-by-side: simulated bilateral negotiations in accord and in NegMAS.

For each bundled bilateral Genius domain (Laptop, Coffee, EnglandZimbabwe,
ZoningPlan; crates/accord-io/tests/data/genius) and each pair of the
time-based strategies boulware / linear / conceder:

- NegMAS 0.16 (on accord's Genius export of the imported domain, whose
  evaluations have maximum 1, so that NegMAS's reading equals Genius's):
  `SAOMechanism(n_steps=ROUNDS)` with `BoulwareTBNegotiator`,
  `LinearTBNegotiator`, `ConcederTBNegotiator` (aspiration
  max·(1 − t^e), e = 4 / 1 / 0.25; `stochastic=False`: the worst outcome
  within the aspiration band), profiles loaded with
  `Scenario.from_genius_files` (discount ignored, reservation values kept);
- accord: `accord import genius`, then `accord tournament --protocol
  alternating --rounds ROUNDS --strategies boulware,linear,conceder`
  (target max − (max − r)·t^e with the same exponents; offers drawn from the
  band [target, target + 0.02] of its own ranking).

Reports agreement rates, mean utilities and negotiations per second, one run
each on this machine. Run via bench/peer/run-simulate.sh.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ACCORD = os.path.join(ROOT, "target", "release", "accord")
DATA = os.path.join(ROOT, "crates", "accord-io", "tests", "data", "genius")
DOMAINS = {
    "Laptop": ("laptop_domain.xml", ["laptop_buyer_utility.xml", "laptop_seller_utility.xml"]),
    "Coffee": ("Coffee.xml", ["Coffee_util1.xml", "Coffee_util2.xml"]),
    "EnglandZimbabwe": ("EnglandZimbabwe_domain.xml", ["England.xml", "Zimbabwe.xml"]),
    "ZoningPlan": None,
}
STRATS = ["boulware", "linear", "conceder"]

NEGMAS_CODE = r"""
import json, sys, time, warnings
warnings.filterwarnings("ignore")
from negmas import SAOMechanism, BoulwareTBNegotiator, LinearTBNegotiator, ConcederTBNegotiator
from negmas.inout import Scenario
domain, rounds, seeds, out, *profiles = sys.argv[1:]
rounds, seeds = int(rounds), int(seeds)
s = Scenario.from_genius_files(domain, profiles, ignore_discount=True)
kinds = {"boulware": BoulwareTBNegotiator, "linear": LinearTBNegotiator, "conceder": ConcederTBNegotiator}
res = []
t0 = time.perf_counter()
n = 0
for a in kinds:
    for b in kinds:
        agree, ua, ub, steps = 0, 0.0, 0.0, 0
        for seed in range(seeds):
            m = SAOMechanism(outcome_space=s.outcome_space, n_steps=rounds)
            m.add(kinds[a](ufun=s.ufuns[0]))
            m.add(kinds[b](ufun=s.ufuns[1]))
            st = m.run()
            n += 1
            steps += st.step
            if st.agreement is not None:
                agree += 1
                ua += float(s.ufuns[0](st.agreement))
                ub += float(s.ufuns[1](st.agreement))
            else:
                ua += float(s.ufuns[0].reserved_value or 0.0)
                ub += float(s.ufuns[1].reserved_value or 0.0)
        res.append({"a": a, "b": b, "agreement_rate": agree / seeds,
                    "u": [ua / seeds, ub / seeds], "steps": steps / seeds})
t = time.perf_counter() - t0
json.dump({"matches": res, "seconds": t, "negotiations": n}, open(out, "w"))
"""


def domain_files(name):
    folder = os.path.join(DATA, name)
    spec = DOMAINS[name]
    if spec is None:
        xml = sorted(f for f in os.listdir(folder) if f.endswith(".xml"))
        dom = [f for f in xml if "util" not in f.lower() and "prof" not in f.lower()]
        prof = [f for f in xml if f not in dom]
        if len(dom) != 1 or len(prof) != 2:
            return None
        spec = (dom[0], prof)
    return os.path.join(folder, spec[0]), [os.path.join(folder, p) for p in spec[1]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--seeds", type=int, default=5)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    rows = []
    totals = {"accord": [0, 0.0], "negmas": [0, 0.0]}
    for name in DOMAINS:
        files = domain_files(name)
        if files is None:
            continue
        dom, profs = files
        scen = os.path.join(tmp, f"{name}.toml")
        subprocess.run([ACCORD, "import", "genius", dom, *profs, "-o", scen, "--force"],
                       check=True, capture_output=True)
        # NegMAS reads Genius evaluations as written (it does not divide each
        # issue's evaluations by their maximum as Genius does), so give it
        # accord's export, whose evaluations have maximum 1: both then
        # negotiate over exactly the same utility functions.
        exp = os.path.join(tmp, f"{name}-export")
        subprocess.run([ACCORD, "export", "genius", scen, "-o", exp, "--force"],
                       check=True, capture_output=True)
        xml = sorted(os.listdir(exp))
        dom = os.path.join(exp, next(f for f in xml if f.endswith("_domain.xml")))
        profs = [os.path.join(exp, f) for f in xml if not f.endswith("_domain.xml")]
        profs.sort(key=lambda f: [os.path.basename(p) for p in files[1]].index(os.path.basename(f))
                   if os.path.basename(f) in [os.path.basename(p) for p in files[1]] else 0)
        t0 = time.perf_counter()
        out = subprocess.run([ACCORD, "tournament", scen, "--protocol", "alternating",
                              "--rounds", str(args.rounds), "--seeds", str(args.seeds),
                              "--strategies", ",".join(STRATS), "--json"],
                             check=True, capture_output=True, text=True).stdout
        wall = time.perf_counter() - t0
        acc = json.loads(out)
        # Throughput from a longer run (the comparison run above takes a
        # millisecond or two, too short to time).
        long = json.loads(subprocess.run(
            [ACCORD, "tournament", scen, "--protocol", "alternating",
             "--rounds", str(args.rounds), "--seeds", str(args.seeds * 50),
             "--strategies", ",".join(STRATS), "--json"],
            check=True, capture_output=True, text=True).stdout)
        totals["accord"][0] += long["negotiations"]
        totals["accord"][1] += long["seconds"]
        nfile = os.path.join(tmp, f"{name}.json")
        subprocess.run([args.python, "-c", NEGMAS_CODE, dom, str(args.rounds), str(args.seeds),
                        nfile, *profs], check=True, capture_output=True)
        neg = json.load(open(nfile))
        totals["negmas"][0] += neg["negotiations"]
        totals["negmas"][1] += neg["seconds"]
        for m in acc["matches"]:
            ids = list(m["strategies"].keys())
            a, b = m["strategies"][ids[0]], m["strategies"][ids[1]]
            nm = next(x for x in neg["matches"] if x["a"] == a and x["b"] == b)
            rows.append((name, a, b, m["agreement_rate"], nm["agreement_rate"],
                         [m["mean_utilities"][i] for i in ids], nm["u"],
                         m["mean_rounds"], nm["steps"]))
        print(f"{name}: accord {long['negotiations']} negotiations in {long['seconds']:.3f} s "
              f"(the comparison run's whole process: {wall:.2f} s); "
              f"NegMAS {neg['negotiations']} in {neg['seconds']:.2f} s", file=sys.stderr)
    print("| domain | strategies (party 1 vs 2) | agreement accord / NegMAS | mean utilities accord | mean utilities NegMAS | rounds accord / NegMAS |")
    print("|---|---|---|---|---|---|")
    for name, a, b, ra, rn, ua, un, sa, sn in rows:
        print(f"| {name} | {a} vs {b} | {ra:.0%} / {rn:.0%} | {ua[0]:.3f}, {ua[1]:.3f} | "
              f"{un[0]:.3f}, {un[1]:.3f} | {sa:.1f} / {sn:.1f} |")
    na, ta = totals["accord"]
    nn, tn = totals["negmas"]
    ra, rn = na / max(ta, 1e-9), nn / max(tn, 1e-9)
    print()
    print(f"Negotiations per second ({args.rounds} rounds, same machine, one run): "
          f"accord {ra:,.0f}, NegMAS {rn:,.1f}: **{ra / rn:,.0f}×**.")


if __name__ == "__main__":
    main()
