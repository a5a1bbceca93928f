"""Regularization paths: regbook (pure numpy) against scikit-learn, side by side in one run.

Run from the repository root:  python benchmarks/bench_paths.py

Both sides run with BLAS limited to one thread (threadpoolctl), so the numbers
do not depend on how busy the machine's other cores are. Times are the best of
``REPEATS`` runs. "max |dcoef|" is the largest absolute coefficient difference.
"""
import time
import warnings

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Ridge, lars_path
from sklearn.linear_model import lasso_path as sk_lasso_path
from threadpoolctl import threadpool_limits

from regbook.datasets import make_sparse_regression
from regbook.paths import alpha_grid, lasso_path, ridge_path

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


def main():
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

    # 3. lasso path on diabetes, 100 alphas (sklearn's lasso_path fits no intercept: centre)
    Xc, yc = X_d - X_d.mean(0), y_d - y_d.mean()
    al = alpha_grid(X_d, y_d, n_alphas=100)
    t_sk, (_, c_sk, _) = best_time(lambda: sk_lasso_path(Xc, yc, alphas=al, tol=1e-8,
                                                         max_iter=100_000))
    t_rb, p = best_time(lambda: lasso_path(X_d, y_d, alphas=al))
    t_sk12, (_, c_sk12, _) = best_time(lambda: sk_lasso_path(Xc, yc, alphas=al, tol=1e-12,
                                                             max_iter=100_000))
    rows.append(("lasso, diabetes, sklearn tol=1e-12", t_sk12, t_rb, np.abs(p.coefs - c_sk12.T).max(),
                 "sklearn at (nearly) matched accuracy"))
    lars_alphas, _, lars_coefs = lars_path(X_d, y_d, method="lasso")
    knots = lasso_path(X_d, y_d, alphas=lars_alphas[:-1])
    rows.append(("lasso, diabetes, 100 alphas", t_sk, t_rb, np.abs(p.coefs - c_sk.T).max(),
                 f"regbook vs LARS at its knots: {np.abs(knots.coefs - lars_coefs.T[:-1]).max():.1e}"))

    # 4. lasso path, synthetic 500 x 2000, 20 true non-zeros
    X, y, _ = make_sparse_regression(500, 2000, 20, random_state=0)
    Xc, yc = X - X.mean(0), y - y.mean()
    eps = 1e-2  # glmnet's default for n < p; see README
    al = alpha_grid(X, y, n_alphas=100, eps=eps)
    t_sk, (_, c_sk, _) = best_time(lambda: sk_lasso_path(Xc, yc, alphas=al, tol=1e-8,
                                                         max_iter=100_000), 1)
    t_rb, p = best_time(lambda: lasso_path(X, y, alphas=al), 1)
    rows.append(("lasso, synthetic 500x2000, k=20", t_sk, t_rb, np.abs(p.coefs - c_sk.T).max(),
                 f"eps={eps}, up to {p.n_nonzero.max()} non-zeros"))

    print(f"{'case':36s} {'sklearn s':>10s} {'regbook s':>10s} {'sk/rb':>8s} "
          f"{'max |dcoef|':>12s}  note")
    for name, t_sk, t_rb, diff, note in rows:
        print(f"{name:36s} {t_sk:10.4f} {t_rb:10.4f} {t_sk / t_rb:8.2f} {diff:12.2e}  {note}")


if __name__ == "__main__":
    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        main()
