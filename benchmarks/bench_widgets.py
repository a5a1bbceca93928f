"""Live-redraw latency and static-frame weight of the regbook explorers.

One slider move = ``Explorer.update`` (refit or cached-path lookup + blitted Agg
redraw + PNG encode of the bytes sent to the ``ipywidgets.Image``). Prints the
p50/p95 latency per explorer on its default data (target: p95 < 100 ms) and the
static HTML fallback: number of frames, resolution, size and render time.

Run: ``python benchmarks/bench_widgets.py [n_moves]``
"""
from __future__ import annotations

import sys
import time

import numpy as np

from regbook import widgets as W
from regbook.datasets import diabetes_data

X, y, NAMES = diabetes_data()
# the chapters' calls (ch. 4 and 6 on all of X, y; ch. 3 and 8 with a train/test split)
EXPLORERS = {
    "explore_path (L1)": lambda: W.explore_path(X, y, feature_names=NAMES),
    "explore_path (L2)": lambda: W.explore_path(X, y, penalty="l2", feature_names=NAMES,
                                                test_size=0.3, random_state=0),
    "explore_path (EN)": lambda: W.explore_path(X, y, penalty="elasticnet", feature_names=NAMES),
    "explore_geometry": lambda: W.explore_geometry(),
    "explore_overfitting": lambda: W.explore_overfitting(),
    "explore_descent": lambda: W.explore_descent(),
}


def random_move(ex, rng):
    """A slider move like a reader's drag: one parameter, a nearby value."""
    name = ex.params[rng.integers(len(ex.params))] if rng.random() < 0.3 else ex.params[0]
    p = ex._params[name]
    cur = ex.values[name]
    if p.kind == "log":
        val = float(np.clip(cur * 10 ** rng.normal(0, 0.15), p.lo, p.hi))
    elif p.kind == "int":
        val = int(np.clip(cur + rng.choice([-1, 1]), p.lo, p.hi))
    else:
        val = float(np.clip(cur + rng.normal(0, 0.05 * (p.hi - p.lo)), p.lo, p.hi))
    return {name: val}


def main(n_moves=100):
    rng = np.random.default_rng(0)
    print(f"{'explorer':22s} {'slider':11s} {'moves':>5s} {'p50 ms':>7s} {'p95 ms':>7s} "
          f"{'max ms':>7s}")
    weights = []
    for label, make in EXPLORERS.items():
        ex = make()
        ex.update()  # first draw builds the figure (not a slider move)
        times = {name: [] for name in ex.params}
        for _ in range(n_moves):
            move = random_move(ex, rng)
            t0 = time.perf_counter()
            ex.update(**move)
            times[next(iter(move))].append(time.perf_counter() - t0)
        for name in ["all", *ex.params]:
            t = sum(times.values(), []) if name == "all" else times[name]
            if not t:
                continue
            ms = 1e3 * np.array(t)
            print(f"{label:22s} {name:11s} {len(ms):5d} {np.percentile(ms, 50):7.1f} "
                  f"{np.percentile(ms, 95):7.1f} {ms.max():7.1f}")
        t0 = time.perf_counter()
        html = make().to_html()
        t_frames = time.perf_counter() - t0
        px = f"{int(ex.figsize[0] * ex.dpi)}x{int(ex.figsize[1] * ex.dpi)}"
        weights.append((label, html.count("data:image/"), px, len(html.encode()) / 1e6, t_frames))
    print(f"\n{'explorer':22s} {'frames':>6s} {'px':>9s} {'HTML MB':>7s} {'render s':>8s}")
    for label, n, px, size, t_frames in weights:
        print(f"{label:22s} {n:6d} {px:>9s} {size:7.2f} {t_frames:8.1f}")
    print(f"all six explorers on one page would weigh {sum(w[3] for w in weights):.2f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
