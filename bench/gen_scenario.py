#!/usr/bin/env python3
"""Write a synthetic accord scenario (TOML) for benchmarks.

usage: gen_scenario.py PARTIES ISSUES OPTIONS SEED [--opposed] [--reservation R] > out.toml

Weights and values are random from SEED; each issue's best value is 1 for
every party. With --opposed, party 1's values on each issue are the reverse
ranking of party 0's (what one wants, the other dislikes), as in most real
negotiations; other parties stay independent.
"""
import argparse
import random

ap = argparse.ArgumentParser()
ap.add_argument("parties", type=int)
ap.add_argument("issues", type=int)
ap.add_argument("options", type=int)
ap.add_argument("seed", type=int)
ap.add_argument("--opposed", action="store_true")
ap.add_argument("--reservation", type=float, default=0.5)
a = ap.parse_args()
rnd = random.Random(a.seed)
out = [f'[scenario]\nname = "synthetic {a.parties}x{a.issues}x{a.options} seed {a.seed}{" opposed" if a.opposed else ""}"\n']
for p in range(a.parties):
    out.append(f'[[parties]]\nid = "p{p}"\nrole = "principal"\nreservation = {a.reservation}\n')
for i in range(a.issues):
    opts = ", ".join(f'{{ id = "o{o}" }}' for o in range(a.options))
    out.append(f'[[issues]]\nid = "i{i}"\noptions = [{opts}]\n')
values = {}
for p in range(a.parties):
    for i in range(a.issues):
        if a.opposed and p == 1:
            base = values[(0, i)]
            order = sorted(range(a.options), key=lambda o: base[o])
            v = sorted((rnd.random() for _ in range(a.options)), reverse=True)
            vals = [0.0] * a.options
            for rank, o in enumerate(order):
                vals[o] = v[rank]
        else:
            vals = [rnd.random() for _ in range(a.options)]
        m = max(vals)
        values[(p, i)] = [x / m for x in vals]
for p in range(a.parties):
    w = ", ".join(f"i{i} = {rnd.random() + 0.05:.6f}" for i in range(a.issues))
    out.append(f"[preferences.p{p}]\nweights = {{ {w} }}\n[preferences.p{p}.values]")
    for i in range(a.issues):
        vals = ", ".join(f"o{o} = {x:.6f}" for o, x in enumerate(values[(p, i)]))
        out.append(f"i{i} = {{ {vals} }}")
    out.append("")
print("\n".join(out))
