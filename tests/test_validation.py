"""Every bad input raises a clear error that names the offending argument."""
import numpy as np
import pytest

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

# (X, y, error type, argument named in the message)
BAD_DATA = [
    pytest.param(X_NAN, Y, ValueError, "X", id="nan-in-X"),
    pytest.param(X_INF, Y, ValueError, "X", id="inf-in-X"),
    pytest.param(X, Y_NAN, ValueError, "y", id="nan-in-y"),
    pytest.param(X, Y_INF, ValueError, "y", id="inf-in-y"),
    pytest.param(X, Y[:-1], ValueError, "X and y", id="mismatched-lengths"),
    pytest.param(X[:, 0], Y, ValueError, "X must be 2-D", id="1d-X"),
    pytest.param(np.empty((0, 3)), np.empty(0), ValueError, "X is empty", id="empty"),
    pytest.param(np.full((12, 3), "a"), Y, TypeError, "X must hold numbers", id="text-X"),
    pytest.param(X, np.array(["a"] * 12), TypeError, "y must hold numbers", id="text-y"),
    pytest.param(X.astype(object).tolist()[:11] + [[1.0, {"k": 1}, 2.0]], Y, TypeError, "X",
                 id="object-X"),
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
        pytest.param(X_NAN, LABELS, ValueError, "X", id="nan-in-X"),
        pytest.param(X, Y_NAN, ValueError, "y", id="nan-in-y"),
        pytest.param(X, LABELS[:-1], ValueError, "X and y", id="mismatched-lengths"),
        pytest.param(X[:, 0], LABELS, ValueError, "X must be 2-D", id="1d-X"),
        pytest.param(np.empty((0, 3)), np.empty(0), ValueError, "X is empty", id="empty"),
        pytest.param(np.full((12, 3), "a"), LABELS, TypeError, "X must hold numbers", id="text"),
        pytest.param(X, Y, ValueError, "Unknown label type.*y", id="continuous-y"),
        pytest.param(X, np.arange(12) % 3, ValueError, "binary.*y has 3 classes", id="3-classes"),
        pytest.param(X, np.zeros(12), ValueError, "y contains only one class", id="1-class"),
        pytest.param(X, None, ValueError, "target y is None", id="y-none"),
    ],
)
def test_logistic_regression_rejects_bad_data(X_bad, y_bad, exc, match):
    with pytest.raises(exc, match=match):
        LogisticRegression().fit(X_bad, y_bad)


BAD_PARAMETERS = [
    (dict(alpha=-0.1), ValueError, "alpha must be >= 0"),
    (dict(alpha=np.nan), ValueError, "alpha must be finite"),
    (dict(alpha="big"), TypeError, "alpha must be a real number"),
    (dict(l1_ratio=1.5), ValueError, "l1_ratio must be in"),
    (dict(l1_ratio=-0.5), ValueError, "l1_ratio must be in"),
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
        (Ridge(alpha=-1.0), ValueError, "alpha"),
        (Lasso(alpha=-1.0), ValueError, "alpha"),
        (ElasticNet(l1_ratio=2.0), ValueError, "l1_ratio"),
        (ElasticNet(l1_ratio=-0.1), ValueError, "l1_ratio"),
        (Ridge(solver="cholesky"), ValueError, "solver='cholesky'"),
        (Lasso(solver="lars"), ValueError, "solver='lars'"),
        (Lasso(max_iter=0), ValueError, "max_iter"),
        (Lasso(tol=-1.0), ValueError, "tol"),
        (Ridge(fit_intercept="yes"), TypeError, "fit_intercept"),
        (LogisticRegression(C=0.0), ValueError, "C must be > 0"),
        (LogisticRegression(C=-1.0), ValueError, "C must be > 0"),
        (LogisticRegression(C="1"), TypeError, "C must be"),
        (LogisticRegression(l1_ratio=1.2), ValueError, "l1_ratio"),
        (LogisticRegression(solver="liblinear"), ValueError, "solver='liblinear'"),
        (LogisticRegression(solver="gd", l1_ratio=1.0), ValueError, "solver='gd'.*l1_ratio"),
    ],
)
def test_estimators_reject_bad_parameters(est, exc, match):
    y = LABELS if isinstance(est, LogisticRegression) else Y
    with pytest.raises(exc, match=match):
        est.fit(X, y)


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: ista(X, Y, 0.1, loss="hinge"), ValueError, "loss='hinge'"),
        (lambda: ridge_closed_form(X, Y, 0.1, method="qr"), ValueError, "method='qr'"),
        (lambda: subgradient_descent(X, Y, 0.1, schedule="cosine"), ValueError, "schedule"),
        (lambda: make_penalty("l3"), ValueError, "penalty='l3'"),
        (lambda: proximal_step([1.0], [0.0], 0.1, penalty="l1"), TypeError, "penalty"),
        (lambda: fista(X, Y, 0.1, step=-1.0), ValueError, "step must be > 0"),
        (lambda: fista(X, Y, 0.1, max_iter=1.5), TypeError, "max_iter"),
        (lambda: gradient_descent(X, Y, tol=0.0), ValueError, "tol"),
        (lambda: ista(X, Y, 0.1, w0=[1.0, 2.0]), ValueError, "w0"),
        (lambda: ista(X, Y, 0.1, fit_intercept=1), TypeError, "fit_intercept"),
        (lambda: lipschitz_constant(X, loss="abs"), ValueError, "loss"),
        (lambda: fista(X, Y, 0.1, loss="logistic"), ValueError, "y must hold binary labels"),
        (lambda: ridge_closed_form(X[:2], Y[:2], 0.0, method="normal"), ValueError, "method='svd'"),
        (lambda: Ridge().fit(X.astype(complex), Y), ValueError, "X must be real-valued.*Complex data"),
        (lambda: Lasso().fit(X, None), ValueError, "target y is None"),
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
    with pytest.raises(ValueError, match=r"step=\S+ .* safe bound 1/L = "):
        call(10 * bound)


def test_sparse_input_is_rejected_with_a_fix():
    sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(TypeError, match=r"X is a sparse matrix.*X\.toarray\(\)"):
        Lasso().fit(sparse.csr_matrix(X), Y)
