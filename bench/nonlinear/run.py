#!/usr/bin/env python3
"""Genius's nonlinear domains, exactly: import each with `accord import
genius`, time `accord analyze --json`, and compare its frontier with the
domain's `pareto.xml` (Genius's own precomputed frontier).

    bench/nonlinear/run.py [--accord target/release/accord] [DIR ...]

Each DIR holds `*-domain.xml`, `profile-1.xml`, `profile-2.xml` and
`pareto.xml` (the ANAC 2014 `10issues*` domains and the `S-1NIKFRT-*` /
`S-1NAGUNL-*` ones, as shipped with Genius and in the NegMAS repository's
test data). With no DIR, the seven copies in crates/accord-io/tests/data/genius.
Prints a Markdown table; `match` says whether the two frontiers are the same
points within 1e-6, and otherwise whether accord's dominates or equals every
Genius point (Genius's files are not always the frontier)."""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "crates", "accord-io", "tests", "data", "genius")
DEFAULT = ["10issues", "10issuesDiscounted", "10issueswithRV",
           "10issuesDiscountedwithRV", "S-1NIKFRT-1", "S-1NAGUNL-114",
           "S-1NAGUNL-128"]


def genius_points(path):
    pts = []
    for line in open(path):
        if "," in line:
            a, b = line.split(",")
            pts.append((float(a), float(b)))
    return sorted(pts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--accord", default=os.path.join(ROOT, "target", "release", "accord"))
    ap.add_argument("dirs", nargs="*")
    args = ap.parse_args()
    dirs = args.dirs or [os.path.join(DATA, d) for d in DEFAULT]
    print("| domain | issues | bids | Genius points | accord points | match | accord s | ZOPA count |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for d in dirs:
            name = os.path.basename(os.path.normpath(d))
            domain = glob.glob(os.path.join(d, "*domain*.xml"))[0]
            out = os.path.join(tmp, name + ".toml")
            subprocess.run([args.accord, "import", "genius", domain,
                            os.path.join(d, "profile-1.xml"), os.path.join(d, "profile-2.xml"),
                            "-o", out, "-q"], check=True, capture_output=True)
            t0 = time.perf_counter()
            r = subprocess.run([args.accord, "analyze", out, "--json", "-q"],
                               capture_output=True, text=True)
            secs = time.perf_counter() - t0
            if r.returncode != 0:
                print(f"| {name} | | | | refused | | {secs:.1f} | {r.stderr.strip().splitlines()[0][-80:]} |")
                continue
            a = json.loads(r.stdout)
            ours = sorted((p["utilities"]["profile-1"], p["utilities"]["profile-2"])
                          for p in a["pareto"]["points"])
            g = genius_points(os.path.join(d, "pareto.xml"))
            same = len(ours) == len(g) and all(
                abs(x[0] - y[0]) < 1e-6 and abs(x[1] - y[1]) < 1e-6 for x, y in zip(ours, g))
            covers = all(any(o[0] >= x[0] - 1e-6 and o[1] >= x[1] - 1e-6 for o in ours) for x in g)
            match = "same" if same else ("accord dominates or equals every Genius point" if covers else "DIFFERENT")
            issues = len(a["pareto"]["points"][0]["package"]) if ours else "?"
            z = a["zopa"]
            print(f"| {name} | {issues} | {a['outcomes']:.0e} | {len(g)} | {len(ours)} | {match} | {secs:.2f} | "
                  f"{z['count']} ({z['method']}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
