"""Lasso paths: regbook.lasso_path against scikit-learn (and skglm, celer), side by side in one run.

Run from the repository root:  python benchmarks/bench_lasso.py [--quick]
(``python benchmarks/bench_paths.py`` runs the ridge cases and then this.)

Every solver gets the same problem: the book's lasso (1/2n)||y - Xw - b||^2 + λ||w||_1 on the
same explicit λ grid (``regbook.paths.alpha_grid``, scikit-learn's own grid). scikit-learn,
skglm and celer fit no intercept here, so they get centred X and y; regbook fits the intercept
on the raw data, which is the same problem. BLAS is limited to one thread (threadpoolctl).

Equal terms: scikit-learn stops each λ when its duality gap <= tol * ||y_c||^2 / n. regbook gets
``gap_tol=tol`` (the same rule). An engine without ``gap_tol`` (the old pure-Python one) gets the
KKT rule with the same ``tol`` instead, and the script says so. celer's ``tol`` is the same
relative gap rule (celer/lasso_fast.pyx scales it by ||y||^2/n). skglm stops on the largest KKT
violation (absolute, in λ units): it gets ``tol * λ_max``. Whatever the rule, the table shows the
gap each solution actually reached: the final duality gap at every λ is recomputed from the
returned coefficients with ``regbook.duality_gap`` and reported as max_λ gap / (||y_c||^2/n).

Accuracy: max |coef - exact| over the whole path, against an independent exact path: the
LARS-lasso path (``sklearn.linear_model.lars_path(method="lasso")``) is piecewise linear in λ,
so interpolating its coefficients linearly between knots gives the exact lasso solution at every
grid λ. The reference is certified on every problem by its own duality gap (column "ref gap"),
and on diabetes it is also compared with scikit-learn at tol=1e-12. From the first λ where its
gap is above 1e-10 (LARS loses accuracy near interpolation, at the end of long p > n paths) the
reference is scikit-learn at tol=1e-12, warm-started from the last certified LARS point; the
"ref" column says which ("LARS" or "LARS+sk") and "ref gap" is the reference's own max gap.

Times: the best of ``REPEATS`` runs when one run takes under a second, else a single run.
"""
import argparse
import importlib.util
import inspect
import pathlib
import sys
import time
import warnings

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import lars_path
from sklearn.linear_model import lasso_path as sk_lasso_path
from threadpoolctl import threadpool_limits

import regbook
from regbook.datasets import make_sparse_regression
from regbook.paths import alpha_grid, lasso_path

REPEATS = 3
REF_GAP_OK = 1e-10  # largest relative duality gap accepted for the exact reference path

try:
    import skglm
except ImportError as exc:  # optional
    skglm = None
    SKGLM_NOTE = f"skglm not installed ({exc}): skipped"
else:
    SKGLM_NOTE = f"skglm {skglm.__version__}"
try:
    import celer
    from celer import celer_path
except ImportError as exc:  # optional
    celer = None
    CELER_NOTE = f"celer not installed ({exc}): skipped"
else:
    CELER_NOTE = f"celer {celer.__version__}"

HAS_GAP_TOL = "gap_tol" in inspect.signature(lasso_path).parameters


def _measuring_gap():
    """regbook.duality_gap: from the regbook under test, else from this checkout (old engines)."""
    if hasattr(regbook, "duality_gap"):
        return regbook.duality_gap, "regbook.duality_gap of the regbook under test"
    root = pathlib.Path(__file__).resolve().parent.parent / "regbook"
    spec = importlib.util.spec_from_file_location("regbook_measure", root / "__init__.py",
                                                  submodule_search_locations=[str(root)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["regbook_measure"] = module
    spec.loader.exec_module(module)
    return module.duality_gap, f"duality_gap of this checkout ({root}): the engine under test has none"


duality_gap, GAP_NOTE = _measuring_gap()


def timed(fn, repeats):
    """Best time of up to ``repeats`` calls (one call if it takes over a second) and its result."""
    best, out = np.inf, None
    for k in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
        if best > 1.0:
            break
    return best, out


def count_warnings(fn):
    """Run ``fn``; return its result and the number of ConvergenceWarnings it emitted."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        out = fn()
    return out, sum(issubclass(w.category, ConvergenceWarning) for w in caught)


def max_rel_gap(Xc, yc, coefs, alphas, scale):
    """max over the grid of duality_gap(book units) / (||y_c||^2 / n); coefs (n_alphas, p).

    On the centred data with fit_intercept=False: the same gap as on the raw data with
    fit_intercept=True (duality_gap centres first), without re-centring X at every λ.
    """
    return max(duality_gap(Xc, yc, c, a, fit_intercept=False) for c, a in zip(coefs, alphas)) / scale


def lars_reference(Xc, yc, alphas):
    """The exact lasso path at ``alphas``: LARS-lasso knots, linear interpolation in λ."""
    knots, _, kcoefs = lars_path(Xc, yc, method="lasso", alpha_min=alphas.min())
    # knots decrease; np.interp wants increasing abscissae
    return np.array([np.interp(alphas, knots[::-1], row[::-1]) for row in kcoefs]).T


def reference_path(Xc, yc, alphas, scale):
    """(coefs (n_alphas, p), max relative gap, name) of the exact path on ``alphas``.

    LARS where its own duality gap certifies it; from the first λ where it does not (LARS
    loses accuracy near interpolation, at the end of long p > n paths), scikit-learn at
    tol=1e-12 warm-started from the last certified LARS point ("LARS+sk").
    """
    ref = lars_reference(Xc, yc, alphas)
    gaps = np.array([duality_gap(Xc, yc, c, a, fit_intercept=False)
                     for c, a in zip(ref, alphas)]) / scale
    bad = np.flatnonzero(gaps > REF_GAP_OK)
    if bad.size == 0:
        return ref, gaps.max(), "LARS"
    k = bad[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        _, c, _ = sk_lasso_path(Xc, yc, alphas=alphas[k:], tol=1e-12, max_iter=100_000,
                                coef_init=ref[k - 1] if k else None)
    ref[k:] = c.T
    return ref, max_rel_gap(Xc, yc, ref, alphas, scale), "LARS+sk" if k else "sk"


def problems(quick):
    """(name, X, y) of every problem; synthetic ones over 2 seeds (1 with ``quick``)."""
    X, y = load_diabetes(return_X_y=True)
    out = [("diabetes 442x10", X, y)]
    seeds = [0] if quick else [0, 1]
    shapes = [(0.0, 500, 2000), (0.5, 500, 2000), (0.5, 2000, 200), (0.9, 500, 2000),
              (0.9, 2000, 200)]
    if quick:
        shapes = [(0.0, 500, 2000), (0.5, 2000, 200)]
    for rho, n, p in shapes:
        for seed in seeds:
            X, y, _ = make_sparse_regression(n, p, 20, correlation=rho, random_state=seed)
            out.append((f"rho={rho} {n}x{p} s{seed}", X, y))
    return out


SETTINGS = {  # name: (eps, tol)
    "eps=1e-3 tol=1e-4": (1e-3, 1e-4),  # scikit-learn's defaults
    "eps=1e-2 tol=1e-4": (1e-2, 1e-4),
    "eps=1e-3 tol=1e-8": (1e-3, 1e-8),  # tight: only where marked below
}


def settings_for(name, quick):
    base = ["eps=1e-3 tol=1e-4", "eps=1e-2 tol=1e-4"]
    tight = name.startswith("diabetes") or name.startswith("rho=0.0 500x2000")
    return base + (["eps=1e-3 tol=1e-8"] if tight and not quick else [])


def run_case(X, y, Xc, yc, alphas, tol, scale, ref, repeats):
    row = {}
    t, ((_, c_sk, _), n_warn) = timed(
        lambda: count_warnings(lambda: sk_lasso_path(Xc, yc, alphas=alphas, tol=tol)), repeats)
    row["sk"], row["sk_warn"] = t, n_warn
    row["sk_gap"] = max_rel_gap(Xc, yc, c_sk.T, alphas, scale)
    row["sk_err"] = np.abs(c_sk.T - ref).max()

    kw = dict(gap_tol=tol) if HAS_GAP_TOL else dict(tol=tol)
    t, (p, rb_warn) = timed(lambda: count_warnings(lambda: lasso_path(X, y, alphas=alphas, **kw)),
                            repeats)
    row["rb"], row["rb_warn"] = t, rb_warn
    row["rb_gap"] = max_rel_gap(Xc, yc, p.coefs, alphas, scale)
    row["rb_err"] = np.abs(p.coefs - ref).max()

    if skglm is not None:
        est = skglm.Lasso(tol=tol * alphas.max(), fit_intercept=False)
        t, (_, c, _) = timed(lambda: est.path(Xc, yc, alphas, return_n_iter=False), repeats)
        row["skglm"] = (t, max_rel_gap(Xc, yc, c.T, alphas, scale), np.abs(c.T - ref).max())
    if celer is not None:
        t, (_, c, _) = timed(lambda: celer_path(Xc, yc, "lasso", alphas=alphas, tol=tol), repeats)
        row["celer"] = (t, max_rel_gap(Xc, yc, c.T, alphas, scale), np.abs(c.T - ref).max())
    return row


def warm_up():
    """Compile / load every JIT cache on a tiny problem before anything is timed."""
    X, y, _ = make_sparse_regression(30, 8, 3, random_state=0)
    Xc, yc = np.asfortranarray(X - X.mean(0)), y - y.mean()
    al = alpha_grid(X, y, n_alphas=5)
    lasso_path(X, y, alphas=al, **(dict(gap_tol=1e-4) if HAS_GAP_TOL else {}))
    if skglm is not None:
        skglm.Lasso(fit_intercept=False).path(Xc, yc, al, return_n_iter=False)
    if celer is not None:
        celer_path(Xc, yc, "lasso", alphas=al)


def diabetes_reference_check():
    """LARS interpolation (the reference) against scikit-learn at tol=1e-12 on diabetes."""
    X, y = load_diabetes(return_X_y=True)
    Xc, yc = np.asfortranarray(X - X.mean(0)), y - y.mean()
    al = alpha_grid(X, y, eps=1e-3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        _, c12, _ = sk_lasso_path(Xc, yc, alphas=al, tol=1e-12, max_iter=100_000)
    knots, _, kc = lars_path(Xc, yc, method="lasso")
    on_knots = lasso_path(X, y, alphas=knots[:-1], **(dict(gap_tol=1e-12) if HAS_GAP_TOL
                                                       else dict(tol=1e-12)))
    return (np.abs(lars_reference(Xc, yc, al) - c12.T).max(), np.abs(c12).max(),
            np.abs(on_knots.coefs - kc.T[:-1]).max())


def fmt_other(v):
    return "-" if v is None else f"{v[0]:.3f}/{v[1]:.0e}/{v[2]:.0e}"


def main(quick=False):
    repeats = 1 if quick else REPEATS
    print(f"regbook under test: {regbook.__file__}")
    if HAS_GAP_TOL:
        print("regbook stopping rule: gap_tol = tol (scikit-learn's rule)")
    else:
        print("regbook stopping rule: this engine has no gap_tol; KKT rule with tol = the "
              "setting's tol (1e-4 or 1e-8): NOT scikit-learn's rule, compare the gap columns")
    print(f"gaps measured with {GAP_NOTE}")
    print(f"{SKGLM_NOTE}; {CELER_NOTE}")
    if skglm is not None:
        print("skglm: Lasso(tol=tol*lambda_max, fit_intercept=False).path (KKT criterion)")
    if celer is not None:
        print("celer: celer_path(pb='lasso', tol=tol) (relative gap rule, as scikit-learn, but "
              "certified with its extrapolated dual point: the residual-based gap shown can be "
              "larger)")
    warm_up()
    d_ref, d_scale, d_knots = diabetes_reference_check()
    print(f"reference check, diabetes: LARS interpolated vs sklearn tol=1e-12: {d_ref:.1e} "
          f"(coefs up to {d_scale:.0f}); regbook at the LARS knots: {d_knots:.1e}")
    print(f"times: best of {repeats} runs (1 run when it takes > 1 s); BLAS 1 thread\n")

    head = (f"{'problem':22s} {'setting':18s} {'sk s':>7s} {'rb s':>7s} {'rb/sk':>6s} "
            f"{'gap sk':>7s} {'gap rb':>7s} {'err sk':>7s} {'err rb':>7s} {'sk CW':>5s} "
            f"{'ref':>7s} {'ref gap':>7s} {'max|w|':>6s} {'skglm s/gap/err':>19s} {'celer s/gap/err':>19s}")
    print(head)
    print("-" * len(head))
    ratios, gap_ok, err_ok = [], 0, 0
    for name, X, y in problems(quick):
        Xc, yc = np.asfortranarray(X - X.mean(0)), y - y.mean()
        scale = float(yc @ yc) / len(yc)
        full = alpha_grid(X, y, eps=1e-3)
        ref_full, ref_gap, full_name = reference_path(Xc, yc, full, scale)
        for setting in settings_for(name, quick):
            eps, tol = SETTINGS[setting]
            al = alpha_grid(X, y, eps=eps)
            ref, rgap, ref_name = ref_full, ref_gap, full_name
            if eps != 1e-3:
                ref, rgap, ref_name = reference_path(Xc, yc, al, scale)
            r = run_case(X, y, Xc, yc, al, tol, scale, ref, repeats)
            ratios.append(r["rb"] / r["sk"])
            gap_ok += r["rb_gap"] <= r["sk_gap"]
            err_ok += r["rb_err"] <= r["sk_err"]
            print(f"{name:22s} {setting:18s} {r['sk']:7.3f} {r['rb']:7.3f} {r['rb'] / r['sk']:6.2f} "
                  f"{r['sk_gap']:7.0e} {r['rb_gap']:7.0e} {r['sk_err']:7.0e} {r['rb_err']:7.0e} "
                  f"{r['sk_warn']:5d} {ref_name:>7s} {rgap:7.0e} {np.abs(ref).max():6.1f} "
                  f"{fmt_other(r.get('skglm')):>19s} {fmt_other(r.get('celer')):>19s}", flush=True)
    print(f"\nregbook/sklearn time ratio: median {np.median(ratios):.2f}, "
          f"worst {max(ratios):.2f}, best {min(ratios):.2f} over {len(ratios)} cases; "
          f"regbook's max gap <= sklearn's in {gap_ok}, its coef error <= sklearn's in {err_ok}")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="one seed, fewer problems, no tight setting, one repeat")
    return parser.parse_args(argv)


if __name__ == "__main__":
    args = parse_args()
    with threadpool_limits(limits=1, user_api="blas"):
        main(quick=args.quick)
