"""Regularization paths: regbook against scikit-learn, side by side in one run.

Run from the repository root:  python benchmarks/bench_paths.py [--quick]

First the ridge paths (regbook's SVD path against a loop of scikit-learn ``Ridge`` fits), then
the lasso paths of ``bench_lasso.py`` (regbook, scikit-learn, skglm and celer on equal terms;
see that file). Both sides run with BLAS limited to one thread (threadpoolctl), so the numbers
do not depend on how busy the machine's other cores are. Ridge times are the best of
``REPEATS`` runs; "max |dcoef|" is the largest absolute coefficient difference.
"""
import time
import warnings

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Ridge
from threadpoolctl import threadpool_limits

import bench_lasso  # benchmarks/ is sys.path[0] when this file is run as a script
from regbook.paths import ridge_path

REPEATS = 3


def best_time(fn, repeats=REPEATS):
    best, out = np.inf, None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def ridge_loop(X, y, alphas, fit_intercept, solver="auto"):
    return np.array([Ridge(alpha=a, fit_intercept=fit_intercept, solver=solver).fit(X, y).coef_
                     for a in alphas])


def ridge_cases():
    rows = []
    X_d, y_d = load_diabetes(return_X_y=True)

    # 1. ridge path on the 10x10 Hilbert matrix (the reference article's loop)
    H = 1.0 / (np.arange(1, 11) + np.arange(0, 10)[:, None])
    yh = np.ones(10)
    al = np.logspace(-10, -2, 200)
    t_sk, c_sk = best_time(lambda: ridge_loop(H, yh, al, False))
    t_rb, p = best_time(lambda: ridge_path(H, yh, al / len(yh), fit_intercept=False))  # λ = Ridge alpha / n
    _, c_svd = best_time(lambda: ridge_loop(H, yh, al, False, "svd"), 1)
    rows.append(("ridge, Hilbert 10x10, 200 alphas", t_sk, t_rb, np.abs(p.coefs - c_sk).max(),
                 f"vs Ridge(solver='svd') loop: {np.abs(p.coefs - c_svd).max():.1e}"))

    # 2. ridge path on diabetes
    al = np.logspace(-4, 4, 200)
    t_sk, c_sk = best_time(lambda: ridge_loop(X_d, y_d, al, True))
    t_rb, p = best_time(lambda: ridge_path(X_d, y_d, al / len(y_d)))  # λ = Ridge alpha / n
    rows.append(("ridge, diabetes, 200 alphas", t_sk, t_rb, np.abs(p.coefs - c_sk).max(), ""))

    print(f"{'case':36s} {'sklearn s':>10s} {'regbook s':>10s} {'sk/rb':>8s} "
          f"{'max |dcoef|':>12s}  note")
    for name, t_sk, t_rb, diff, note in rows:
        print(f"{name:36s} {t_sk:10.4f} {t_rb:10.4f} {t_sk / t_rb:8.2f} {diff:12.2e}  {note}")


if __name__ == "__main__":
    args = bench_lasso.parse_args()
    with threadpool_limits(limits=1, user_api="blas"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            ridge_cases()
        print()
        bench_lasso.main(quick=args.quick)
