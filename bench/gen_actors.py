#!/usr/bin/env python3
"""A synthetic forecasting case in KTAB's SMP CSV layout, from a seed.

Usage: gen_actors.py ACTORS DIMS SEED > case.csv
Capabilities uniform in [1, 100]; positions uniform in [0, 100]; saliences
uniform in [5, 40] per dimension, scaled down when they sum past 99.
"""
import random
import sys

n, d, seed = (int(x) for x in sys.argv[1:4])
r = random.Random(seed)
print(f"Synthetic {n}x{d} seed {seed}, synthetic case, {n}, {d},")
print("Actor,Description,Influence," + ",".join(f"D{k} Position,D{k} Salience" for k in range(d)) + ",")
for i in range(n):
    sal = [r.uniform(5, 40) for _ in range(d)]
    s = sum(sal)
    if s > 99:
        sal = [x * 99 / s for x in sal]
    cols = ",".join(f"{r.uniform(0, 100):.1f},{sal[k]:.1f}" for k in range(d))
    print(f"A{i},actor {i},{r.uniform(1, 100):.1f},{cols},")
