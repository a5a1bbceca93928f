"""regbook.Lasso / ElasticNet fit beside scikit-learn's, side by side in one run.

Run from the repository root:  python benchmarks/bench_estimators.py [--repeats N]

Each case fits regbook's estimator and scikit-learn's at the same ``alpha`` (the book's λ),
each at its own default ``tol`` and ``max_iter`` (regbook: relative KKT residual 1e-6;
scikit-learn: duality gap 1e-4 of ||y||^2 / n), taking turns (regbook, scikit-learn,
regbook, ...) so that load on the machine hits both alike; the time is the best of
``--repeats`` fits. BLAS runs on one thread on both sides (threadpoolctl). Accuracy columns:
the relative duality gap of each fit (gap / (||y - ybar||^2 / n), :func:`regbook.duality_gap`)
and the largest coefficient difference to a tight scikit-learn solve (tol=1e-12).

To measure another checkout (e.g. main before a change), run this file with that checkout
first on ``PYTHONPATH``: ``PYTHONPATH=/path/to/checkout python benchmarks/bench_estimators.py``.
"""
import argparse
import time
import warnings

import numpy as np
from sklearn import linear_model as sk
from sklearn.datasets import load_diabetes
from sklearn.exceptions import ConvergenceWarning
from threadpoolctl import threadpool_limits

import regbook
from regbook import alpha_max, duality_gap, make_sparse_regression


def cases():
    X, y, _ = make_sparse_regression(200, 1000, 10, correlation=0.5, random_state=0)
    Xd, yd = load_diabetes(return_X_y=True)
    out = []
    for name, A, b in (("200x1000 rho=0.5", X, y), ("diabetes 442x10", Xd, yd)):
        for frac in (0.1, 0.01):
            for l1_ratio in (1.0, 0.5):
                alpha = frac * alpha_max(A, b, l1_ratio)
                out.append((name, A, b, alpha, frac, l1_ratio))
    return out


def fit_pair(A, b, alpha, l1_ratio):
    if l1_ratio == 1.0:
        return (lambda: regbook.Lasso(alpha=alpha).fit(A, b),
                lambda: sk.Lasso(alpha=alpha).fit(A, b))
    return (lambda: regbook.ElasticNet(alpha=alpha, l1_ratio=l1_ratio).fit(A, b),
            lambda: sk.ElasticNet(alpha=alpha, l1_ratio=l1_ratio).fit(A, b))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(f"regbook from {regbook.__file__}")
    # warm up: load the compiled engine (numba's cache) outside the clock
    regbook.Lasso(alpha=0.1).fit(np.eye(4), np.arange(4.0))
    print(f"{'case':18s} {'est':5s} {'α/αmax':>6s} {'regbook ms':>10s} {'sklearn ms':>10s} "
          f"{'rb/sk':>6s} {'gap rb':>8s} {'gap sk':>8s} {'|dw| rb':>8s} {'|dw| sk':>8s}")
    ratios = []
    with threadpool_limits(limits=1, user_api="blas"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for name, A, b, alpha, frac, l1_ratio in cases():
            ours, theirs = fit_pair(A, b, alpha, l1_ratio)
            t_rb, t_sk = np.inf, np.inf
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                m_rb = ours()
                t_rb = min(t_rb, time.perf_counter() - t0)
                t0 = time.perf_counter()
                m_sk = theirs()
                t_sk = min(t_sk, time.perf_counter() - t0)
            ref = sk.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12,
                                max_iter=1_000_000).fit(A, b)
            scale = float(np.var(b))
            gaps = [duality_gap(A, b, m.coef_, alpha, l1_ratio) / scale for m in (m_rb, m_sk)]
            errs = [np.max(np.abs(m.coef_ - ref.coef_)) for m in (m_rb, m_sk)]
            ratios.append(t_rb / t_sk)
            est = "Lasso" if l1_ratio == 1.0 else "EN.5"
            print(f"{name:18s} {est:5s} {frac:6.2f} {1e3 * t_rb:10.2f} {1e3 * t_sk:10.2f} "
                  f"{t_rb / t_sk:6.2f} {gaps[0]:8.1e} {gaps[1]:8.1e} {errs[0]:8.1e} {errs[1]:8.1e}")
    print(f"regbook / scikit-learn fit time: median {np.median(ratios):.2f}, "
          f"worst {np.max(ratios):.2f} over {len(ratios)} cases")


if __name__ == "__main__":
    main()
