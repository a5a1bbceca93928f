"""Two checkouts of regbook in one process: lasso paths and estimator fits, interleaved.

Run from the repository root:
    python benchmarks/bench_checkouts.py /path/to/other/checkout [--repeats N]

Loads the ``regbook`` package of the other checkout under another name beside this one and
times, on the problems of ``bench_lasso.py`` (``--quick`` set plus the correlated 500 x 2000),
``lasso_path(gap_tol=1e-4)`` (scikit-learn's rule and defaults) and the ``Lasso`` estimator
fit of ``bench_estimators.py``, taking turns (other, this, other, this, ...) so that a
loaded machine slows both alike; each time is the best of ``--repeats``. Prints the ratio
this / other per case (< 1: this checkout is faster) and the largest coefficient difference
between the two checkouts. BLAS runs on one thread (threadpoolctl).
"""
import argparse
import importlib.util
import pathlib
import sys
import time
import warnings

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.exceptions import ConvergenceWarning
from threadpoolctl import threadpool_limits

import regbook


def load_other(root):
    init = pathlib.Path(root) / "regbook" / "__init__.py"
    spec = importlib.util.spec_from_file_location("regbook_other", init,
                                                  submodule_search_locations=[str(init.parent)])
    mod = importlib.util.module_from_spec(spec)
    sys.modules["regbook_other"] = mod
    spec.loader.exec_module(mod)
    return mod


def problems():
    X, y = load_diabetes(return_X_y=True)
    out = [("diabetes 442x10", X, y)]
    for rho, n, p in [(0.0, 500, 2000), (0.5, 2000, 200), (0.5, 500, 2000), (0.9, 500, 2000)]:
        X, y, _ = regbook.make_sparse_regression(n, p, 20, correlation=rho, random_state=0)
        out.append((f"rho={rho} {n}x{p}", X, y))
    return out


def best_of(fn, repeats, state):
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        state.append(time.perf_counter() - t0)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("other")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    other = load_other(args.other)
    print(f"this:  {regbook.__file__}\nother: {other.__file__}")
    for lib in (other, regbook):  # load both compiled engines outside the clock
        lib.lasso_path(np.eye(4), np.arange(4.0), n_alphas=3)
        lib.Lasso(alpha=0.1).fit(np.eye(4), np.arange(4.0))
    print(f"{'problem':18s} {'call':22s} {'other s':>9s} {'this s':>9s} {'this/other':>10s} "
          f"{'max|dw|':>8s}")
    ratios = {}
    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for name, X, y in problems():
            grid = regbook.alpha_grid(X, y, n_alphas=100, eps=1e-3)
            a_est = 0.05 * regbook.alpha_max(X, y)
            calls = {
                "lasso_path gap_tol=1e-4": lambda lib: lib.lasso_path(X, y, alphas=grid,
                                                                      gap_tol=1e-4).coefs,
                "Lasso(0.05 a_max).fit": lambda lib: lib.Lasso(alpha=a_est).fit(X, y).coef_,
            }
            for cname, call in calls.items():
                t_o, t_t = [], []
                for _ in range(args.repeats):  # interleaved
                    w_o = best_of(lambda: call(other), 1, t_o)
                    w_t = best_of(lambda: call(regbook), 1, t_t)
                r = min(t_t) / min(t_o)
                ratios.setdefault(cname, []).append(r)
                print(f"{name:18s} {cname:22s} {min(t_o):9.4f} {min(t_t):9.4f} {r:10.2f} "
                      f"{np.max(np.abs(w_o - w_t)):8.1e}")
    for cname, rs in ratios.items():
        print(f"{cname}: this/other median {np.median(rs):.2f}, worst {np.max(rs):.2f}")


if __name__ == "__main__":
    main()
