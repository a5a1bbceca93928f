"""Every bad input raises a clear error that names the offending argument and the fix.

Each ``match`` pattern is anchored to the argument name (``^X ...``) and includes a
fragment of the fix, so a message that stops naming the argument or drops its advice
fails the test (a one-letter pattern such as ``"b"`` would still match "num*b*er").
"""
import numpy as np
import pytest
import scipy.sparse

from regbook.estimators import ElasticNet, Lasso, LogisticRegression, Ridge
from regbook.penalties import make_penalty
from regbook.solvers import (
    coordinate_descent,
    fista,
    gradient_descent,
    ista,
    kkt_residual,
    lipschitz_constant,
    objective,
    ridge_closed_form,
    subgradient_descent,
)
from regbook.updates import proximal_step

RNG = np.random.default_rng(0)
X = RNG.standard_normal((12, 3))
Y = X @ [1.0, 0.0, -1.0] + 0.1 * RNG.standard_normal(12)
LABELS = (Y > 0).astype(int)

X_NAN = X.copy()
X_NAN[2, 1] = np.nan
X_INF = X.copy()
X_INF[0, 0] = np.inf
Y_NAN = Y.copy()
Y_NAN[3] = np.nan
Y_INF = Y.copy()
Y_INF[0] = -np.inf

NON_FINITE = r"^{} contains 1 NaN or infinite value\(s\); remove or impute them"
MISMATCH = r"^X and y have different numbers of samples: .*; they must match"
ONE_D = r"^X must be 2-D \(n_samples, n_features\).* reshape it with X\.reshape\(-1, 1\)"
EMPTY = r"^X is empty or too small: it has 0 sample\(s\) but at least 1 are required"
TEXT = r"^{} must hold numbers, got dtype <U1; encode text or categories as numbers"

# (X, y, error type, pattern: the argument name first, then a fragment of the fix)
BAD_DATA = [
    pytest.param(X_NAN, Y, ValueError, NON_FINITE.format("X"), id="nan-in-X"),
    pytest.param(X_INF, Y, ValueError, NON_FINITE.format("X"), id="inf-in-X"),
    pytest.param(X, Y_NAN, ValueError, NON_FINITE.format("y"), id="nan-in-y"),
    pytest.param(X, Y_INF, ValueError, NON_FINITE.format("y"), id="inf-in-y"),
    pytest.param(X, Y[:-1], ValueError, MISMATCH, id="mismatched-lengths"),
    pytest.param(X[:, 0], Y, ValueError, ONE_D, id="1d-X"),
    pytest.param(np.empty((0, 3)), np.empty(0), ValueError, EMPTY, id="empty"),
    pytest.param(np.full((12, 3), "a"), Y, TypeError, TEXT.format("X"), id="text-X"),
    pytest.param(X, np.array(["a"] * 12), TypeError, TEXT.format("y"), id="text-y"),
    # The solvers add the fix ("encode ... as numbers"); the estimators' message names X and
    # the rule "must hold numbers" only (regbook/estimators.py _numeric_view).
    pytest.param(X.astype(object).tolist()[:11] + [[1.0, {"k": 1}, 2.0]], Y, TypeError,
                 r"^X must hold numbers", id="object-X"),
]

SOLVERS = {
    "ridge_closed_form": lambda X, y, **kw: ridge_closed_form(X, y, kw.get("alpha", 0.1)),
    "gradient_descent": lambda X, y, **kw: gradient_descent(X, y, kw.get("alpha", 0.1)),
    "subgradient_descent": lambda X, y, **kw: subgradient_descent(
        X, y, kw.get("alpha", 0.1), kw.get("l1_ratio", 1.0), max_iter=5),
    "ista": lambda X, y, **kw: ista(X, y, kw.get("alpha", 0.1), kw.get("l1_ratio", 1.0)),
    "fista": lambda X, y, **kw: fista(X, y, kw.get("alpha", 0.1), kw.get("l1_ratio", 1.0)),
    "coordinate_descent": lambda X, y, **kw: coordinate_descent(
        X, y, kw.get("alpha", 0.1), kw.get("l1_ratio", 1.0)),
    "objective": lambda X, y, **kw: objective(X, y, np.zeros(3), 0.0, kw.get("alpha", 0.1),
                                              kw.get("l1_ratio", 1.0)),
    "kkt_residual": lambda X, y, **kw: kkt_residual(X, y, np.zeros(3), 0.0,
                                                    kw.get("alpha", 0.1), kw.get("l1_ratio", 1.0)),
}

ESTIMATORS = {
    "Ridge": lambda **kw: Ridge(alpha=kw.get("alpha", 1.0)),
    "Lasso": lambda **kw: Lasso(alpha=kw.get("alpha", 0.1)),
    "ElasticNet": lambda **kw: ElasticNet(alpha=kw.get("alpha", 0.1),
                                          l1_ratio=kw.get("l1_ratio", 0.5)),
}


@pytest.mark.parametrize("name", SOLVERS)
@pytest.mark.parametrize("X_bad, y_bad, exc, match", BAD_DATA)
def test_solvers_reject_bad_data(name, X_bad, y_bad, exc, match):
    with pytest.raises(exc, match=match):
        SOLVERS[name](X_bad, y_bad)


@pytest.mark.parametrize("name", ESTIMATORS)
@pytest.mark.parametrize("X_bad, y_bad, exc, match", BAD_DATA)
def test_estimators_reject_bad_data(name, X_bad, y_bad, exc, match):
    with pytest.raises(exc, match=match):
        ESTIMATORS[name]().fit(X_bad, y_bad)


@pytest.mark.parametrize(
    "X_bad, y_bad, exc, match",
    [
        pytest.param(X_NAN, LABELS, ValueError, NON_FINITE.format("X"), id="nan-in-X"),
        pytest.param(X, Y_NAN, ValueError,
                     r"^y contains NaN or infinite labels; remove those samples", id="nan-in-y"),
        pytest.param(X, LABELS[:-1], ValueError, MISMATCH, id="mismatched-lengths"),
        pytest.param(X[:, 0], LABELS, ValueError, ONE_D, id="1d-X"),
        pytest.param(np.empty((0, 3)), np.empty(0), ValueError, EMPTY, id="empty"),
        pytest.param(np.full((12, 3), "a"), LABELS, TypeError, TEXT.format("X"), id="text"),
        pytest.param(X, Y, ValueError,
                     r"^y holds continuous values; LogisticRegression needs class labels.*"
                     r"For a numeric target use Ridge", id="continuous-y"),
        pytest.param(X, np.arange(12) % 3, ValueError,
                     r"^Only binary classification is supported\. y has 3 classes;.* one-vs-rest",
                     id="3-classes"),
        pytest.param(X, np.zeros(12), ValueError,
                     r"^y contains only one class .*needs samples of two classes", id="1-class"),
        pytest.param(X, None, ValueError,
                     r"^y is None; fit\(X, y\) needs the class labels y, one per row of X",
                     id="y-none"),
    ],
)
def test_logistic_regression_rejects_bad_data(X_bad, y_bad, exc, match):
    with pytest.raises(exc, match=match):
        LogisticRegression().fit(X_bad, y_bad)


BAD_PARAMETERS = [
    (dict(alpha=-0.1), ValueError, r"^alpha must be >= 0 .*; use alpha=0 for no penalty"),
    (dict(alpha=np.nan), ValueError, r"^alpha must be finite, got nan"),
    (dict(alpha="big"), TypeError, r"^alpha must be a real number, got str 'big'"),
    (dict(l1_ratio=1.5), ValueError, r"^l1_ratio must be in \[0, 1\] \(0 = pure L2"),
    (dict(l1_ratio=-0.5), ValueError, r"^l1_ratio must be in \[0, 1\] \(0 = pure L2"),
]
L2_ONLY = ("ridge_closed_form", "gradient_descent")  # these take no l1_ratio


@pytest.mark.parametrize(
    "name, kwargs, exc, match",
    [(name, *case) for name in SOLVERS for case in BAD_PARAMETERS
     if not (name in L2_ONLY and "l1_ratio" in case[0])],
)
def test_solvers_reject_bad_parameters(name, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        SOLVERS[name](X, Y, **kwargs)


@pytest.mark.parametrize(
    "est, exc, match",
    [
        (Ridge(alpha=-1.0), ValueError, r"^alpha must be >= 0 .*; use alpha=0 for no penalty"),
        (Lasso(alpha=-1.0), ValueError, r"^alpha must be >= 0 .*; use alpha=0 for no penalty"),
        (ElasticNet(l1_ratio=2.0), ValueError, r"^l1_ratio must be in \[0, 1\]"),
        (ElasticNet(l1_ratio=-0.1), ValueError, r"^l1_ratio must be in \[0, 1\]"),
        (Ridge(solver="cholesky"), ValueError,
         r"^solver='cholesky' is not recognised; choose one of 'svd', 'normal'"),
        (Lasso(solver="lars"), ValueError, r"^solver='lars' is not recognised; choose one of 'cd'"),
        (Lasso(max_iter=0), ValueError, r"^max_iter must be >= 1, got 0"),
        (Lasso(tol=-1.0), ValueError, r"^tol must be > 0, got -1"),
        (Ridge(fit_intercept="yes"), TypeError, r"^fit_intercept must be True or False, got str"),
        (LogisticRegression(C=0.0), ValueError, r"^C must be > 0 \(it is the inverse penalty"),
        (LogisticRegression(C=-1.0), ValueError, r"^C must be > 0 \(it is the inverse penalty"),
        (LogisticRegression(C="1"), TypeError, r"^C must be a positive real number, got str"),
        (LogisticRegression(l1_ratio=1.2), ValueError, r"^l1_ratio must be in \[0, 1\]"),
        (LogisticRegression(solver="liblinear"), ValueError,
         r"^solver='liblinear' is not recognised; choose one of 'fista'"),
        (LogisticRegression(solver="gd", l1_ratio=1.0), ValueError,
         r"^solver='gd' handles only the L2 penalty \(l1_ratio=0\).*; use solver='fista'"),
    ],
)
def test_estimators_reject_bad_parameters(est, exc, match):
    y = LABELS if isinstance(est, LogisticRegression) else Y
    with pytest.raises(exc, match=match):
        est.fit(X, y)


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: ista(X, Y, 0.1, loss="hinge"), ValueError,
         r"^loss='hinge' is not recognised; choose one of 'squared', 'logistic'"),
        (lambda: ridge_closed_form(X, Y, 0.1, method="qr"), ValueError,
         r"^method='qr' is not recognised; choose one of 'svd', 'normal'"),
        (lambda: subgradient_descent(X, Y, 0.1, schedule="cosine"), ValueError,
         r"^schedule='cosine' is not recognised; choose one of 'sqrt'"),
        (lambda: make_penalty("l3"), ValueError,
         r"^penalty='l3' is not recognised; choose one of 'l1', 'l2', 'elasticnet'"),
        (lambda: proximal_step([1.0], [0.0], 0.1, penalty="l1"), TypeError,
         r"^penalty must be a regbook Penalty \(e\.g\. L1Penalty\(alpha\)\).*make_penalty"),
        (lambda: fista(X, Y, 0.1, step=-1.0), ValueError, r"^step must be > 0, got -1"),
        (lambda: fista(X, Y, 0.1, max_iter=1.5), TypeError,
         r"^max_iter must be a positive integer, got float"),
        (lambda: gradient_descent(X, Y, tol=0.0), ValueError, r"^tol must be > 0, got 0"),
        (lambda: ista(X, Y, 0.1, w0=[1.0, 2.0]), ValueError,
         r"^w0 has 2 entries but X has 3 features; they must match"),
        (lambda: ista(X, Y, 0.1, fit_intercept=1), TypeError,
         r"^fit_intercept must be True or False, got int"),
        (lambda: lipschitz_constant(X, loss="abs"), ValueError,
         r"^loss='abs' is not recognised; choose one of 'squared', 'logistic'"),
        (lambda: fista(X, Y, 0.1, loss="logistic"), ValueError,
         r"^y must hold binary labels in \{0, 1\} or \{-1, \+1\}.*encode the two classes"),
        (lambda: ridge_closed_form(X[:2], Y[:2], 0.0, method="normal"), ValueError,
         r"^method='normal': .* is singular .*; use method='svd' or alpha > 0"),
        (lambda: Ridge().fit(X.astype(complex), Y), ValueError,
         r"^X must be real-valued.*Complex data"),
        (lambda: Lasso().fit(X, None), ValueError,
         r"^y is None; fit\(X, y\) needs the targets y, one per row of X"),
    ],
)
def test_other_bad_arguments(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda s: gradient_descent(X, Y, 0.1, step=s),
        lambda s: ista(X, Y, 0.1, step=s),
        lambda s: fista(X, Y, 0.1, 0.5, step=s),
        lambda s: subgradient_descent(X, Y, 0.1, step=s, schedule="constant", max_iter=200),
    ],
)
def test_diverging_step_is_an_error_not_nan(call):
    bound = 1.0 / lipschitz_constant(X)
    with pytest.raises(ValueError, match=r"^\w+: step=\S+ (made the objective \w+( \w+)?|broke the descent condition .*); .*"
                                         r"1/L = [0-9.]+.*Use step=None \(the default 1/L\)"):
        call(10 * bound)


def test_sparse_input_is_rejected_with_a_fix():
    # scipy is a hard dependency: an ImportError here must fail, not skip
    with pytest.raises(TypeError, match=r"^X is a sparse matrix; .*pass X\.toarray\(\)"):
        Lasso().fit(scipy.sparse.csr_matrix(X), Y)
