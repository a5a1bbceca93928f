r"""Numerical proof of every formula on the book's cheat sheet.

Used by the chapter *Summary and cheat sheet*. :func:`verify_cheat_sheet` evaluates
both sides of each formula on small random problems and reports the largest
discrepancy, so the cheat sheet cannot silently drift from the code.

The formulas (regbook solver objective
:math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha(r\|w\|_1 + \frac{1-r}{2}\|w\|^2)`):

* scikit-learn ``Ridge(alpha=a)`` = solver ridge at ``a / n``;
  closed form :math:`w = (X_c^\top X_c + aI)^{-1}X_c^\top y_c`
  = :math:`V\,\mathrm{diag}(s_i/(s_i^2 + a))\,U^\top y_c`;
* ``Lasso(alpha=a)`` and ``ElasticNet(alpha=a, l1_ratio=r)`` = solver at ``a``;
* ``LogisticRegression(C=c)`` = solver logistic at ``1 / (c n)``; with ``l1_ratio=r`` and
  ``solver="saga"`` it minimizes :math:`c\sum_i \ell_i + r\|w\|_1 + \frac{1-r}{2}\|w\|^2`;
* proximal operators: :math:`\mathrm{prox}_{t\|\cdot\|_1}(z) = \mathrm{sign}(z)\max(|z| - t, 0)`,
  :math:`\mathrm{prox}_{\frac{t}{2}\|\cdot\|^2}(z) = z / (1 + t)`, Elastic Net: both in turn;
* :math:`\alpha_{\max} = \max_j |x_j^\top(y - \bar y)| / (n r)`: all weights are zero
  exactly from there on;
* MAP under :math:`N(0, \tau^2)` priors and noise :math:`N(0, \sigma^2)` = solver ridge at
  :math:`\sigma^2/(n\tau^2)`; under Laplace(0, s) priors = solver lasso at :math:`\sigma^2/(ns)`.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.linear_model import ElasticNet, Lasso, LogisticRegression, Ridge

from .bayes import map_estimate, prior_to_alpha
from .decay import adam
from ..conventions import C_to_alpha, ridge_alpha_to_solver
from ..penalties import ElasticNetPenalty, L1Penalty, L2Penalty
from ..solvers import coordinate_descent, fista, ridge_closed_form

__all__ = ["check_decision_table", "verify_cheat_sheet", "verify_conventions"]


def _regression(rng, n=40, p=6):
    X = rng.standard_normal((n, p)) * rng.uniform(0.5, 2.0, p) + rng.normal(0, 1, p)
    w = np.zeros(p)
    w[:3] = rng.normal(0, 2, 3)
    y = X @ w + 1.5 + rng.standard_normal(n)
    return X, y


def _prox_numeric(fun, z):
    """argmin_w 1/2 (w - z)^2 + fun(w), coordinate by coordinate (the penalties separate)."""
    out = []
    for zi in np.ravel(z):
        res = minimize_scalar(lambda w: 0.5 * (w - zi) ** 2 + fun(w), bounds=(-10.0, 10.0),
                              method="bounded", options={"xatol": 1e-12})
        out.append(res.x)
    return np.array(out)


def verify_cheat_sheet(random_state=0):
    r"""Evaluate both sides of every cheat-sheet formula; return one row per formula.

    Parameters
    ----------
    random_state : int, default=0
        Seed of the random test problems.

    Returns
    -------
    list of dict
        Keys ``formula`` (str, short name), ``error`` (largest absolute difference
        between the two sides), ``tol`` (tolerance used) and ``holds``
        (``error <= tol`` and any extra condition of the row).

    Examples
    --------
    >>> rows = verify_cheat_sheet()
    >>> all(r["holds"] for r in rows), len(rows)
    (True, 13)
    """
    import warnings

    rng = np.random.default_rng(random_state)
    X, y = _regression(rng)
    n = X.shape[0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    rows = []

    def add(name, error, tol, extra=True):
        error = float(error)
        rows.append({"formula": name, "error": error, "tol": tol, "holds": bool(error <= tol and extra)})

    a = 5.0
    sk_ridge = Ridge(alpha=a).fit(X, y).coef_
    add("Ridge(alpha=a) = solver ridge at a/n",
        np.max(np.abs(sk_ridge - ridge_closed_form(X, y, ridge_alpha_to_solver(a, n)).coef)), 1e-8)
    closed = np.linalg.solve(Xc.T @ Xc + a * np.eye(X.shape[1]), Xc.T @ yc)
    add("ridge closed form (XcᵀXc + aI)⁻¹Xcᵀyc", np.max(np.abs(sk_ridge - closed)), 1e-8)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    add("ridge by SVD V diag(s/(s²+a)) Uᵀyc", np.max(np.abs(sk_ridge - Vt.T @ (s / (s**2 + a) * (U.T @ yc)))),
        1e-8)

    a = 0.2
    sk_lasso = Lasso(alpha=a, tol=1e-12, max_iter=100000).fit(X, y).coef_
    add("Lasso(alpha=a) = solver lasso at a",
        np.max(np.abs(sk_lasso - coordinate_descent(X, y, a).coef)), 1e-6)
    sk_enet = ElasticNet(alpha=a, l1_ratio=0.3, tol=1e-12, max_iter=100000).fit(X, y).coef_
    add("ElasticNet(alpha=a, l1_ratio=r) = solver at (a, r)",
        np.max(np.abs(sk_enet - coordinate_descent(X, y, a, 0.3).coef)), 1e-6)

    Xl = rng.standard_normal((80, 4))
    yl = (Xl @ [1.5, -1.0, 0.0, 0.5] + 0.5 * rng.standard_normal(80) > 0).astype(int)
    c = 0.5
    sk_log = LogisticRegression(C=c, tol=1e-12, max_iter=10000).fit(Xl, yl)
    ours = fista(Xl, yl, C_to_alpha(c, 80), 0.0, loss="logistic", max_iter=20000, tol=1e-12)
    add("LogisticRegression(C=c) = solver logistic at 1/(c n)",
        max(np.max(np.abs(sk_log.coef_.ravel() - ours.coef)), abs(sk_log.intercept_[0] - ours.intercept)),
        1e-5)
    # 0 < r < 1: c Σ loss + r‖w‖₁ + (1 − r)/2‖w‖², against L-BFGS-B on w = u − v (u, v ≥ 0)
    r, sl = 0.5, 2 * yl - 1.0
    Zl = np.column_stack([Xl, np.ones(80)])

    def log_enet(z):
        u, v, b = z[:4], z[4:8], z[8]
        w = u - v
        m = sl * (Xl @ w + b)
        g = -c * (sl / (1 + np.exp(m))) @ Zl                      # gradient of c Σ loss in (w, b)
        f = c * np.logaddexp(0.0, -m).sum() + r * (u.sum() + v.sum()) + 0.5 * (1 - r) * w @ w
        gw = g[:4] + (1 - r) * w
        return f, np.concatenate([gw + r, -gw + r, g[4:]])

    from scipy.optimize import minimize

    zo = minimize(log_enet, np.zeros(9), jac=True, method="L-BFGS-B", bounds=[(0, None)] * 8 + [(None, None)],
                  options={"ftol": 1e-15, "gtol": 1e-11, "maxiter": 20000}).x
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")       # saga's convergence warning at this tolerance
        sk_en = LogisticRegression(C=c, l1_ratio=r, solver="saga", tol=1e-12, max_iter=200000).fit(Xl, yl)
    add("LogisticRegression(C=c, l1_ratio=r, solver='saga'): c·Σloss + r‖w‖₁ + (1−r)/2‖w‖²",
        max(np.max(np.abs(sk_en.coef_.ravel() - (zo[:4] - zo[4:8]))), abs(sk_en.intercept_[0] - zo[8])), 1e-4)

    z, t = rng.uniform(-3, 3, 7), 0.8
    add("prox of t‖w‖₁ = soft_threshold(z, t)",
        np.max(np.abs(L1Penalty(1.0).prox(z, t) - _prox_numeric(lambda w: t * abs(w), z))), 1e-6)
    add("prox of (t/2)‖w‖² = z / (1 + t)",
        np.max(np.abs(L2Penalty(1.0).prox(z, t) - z / (1 + t))) +
        np.max(np.abs(z / (1 + t) - _prox_numeric(lambda w: 0.5 * t * w * w, z))), 1e-6)
    r = 0.4
    add("prox of t·EN = soft_threshold(z, t r)/(1 + t(1−r))",
        np.max(np.abs(ElasticNetPenalty(1.0, r).prox(z, t)
                      - _prox_numeric(lambda w: t * (r * abs(w) + 0.5 * (1 - r) * w * w), z))), 1e-6)

    errs, extra = [], True
    for ratio in (1.0, 0.5):
        amax = np.max(np.abs(Xc.T @ yc)) / (n * ratio)
        errs.append(np.max(np.abs(coordinate_descent(X, y, amax, ratio).coef)))
        extra = extra and np.any(coordinate_descent(X, y, 0.99 * amax, ratio).coef != 0)
    add("alpha_max = max|xⱼᵀ(y − ȳ)|/(n r): zero from there on, not before", max(errs), 0.0, extra)

    sigma, tau, s_lap = 1.0, 0.5, 0.05
    w_map, _ = map_estimate(X, y, sigma, tau, "gaussian")
    add("Gaussian prior MAP = solver ridge at σ²/(nτ²)",
        np.max(np.abs(w_map - ridge_closed_form(X, y, prior_to_alpha(sigma, tau, n)).coef)), 1e-5)
    w_map, _ = map_estimate(X, y, sigma, s_lap, "laplace")
    add("Laplace prior MAP = solver lasso at σ²/(n s)",
        np.max(np.abs(w_map - coordinate_descent(X, y, prior_to_alpha(sigma, s_lap, n, "laplace")).coef)),
        1e-5)
    return rows


# ---------------------------------------------------------------------------------------------
# Conventions of the other scikit-learn classes (and glmnet), each checked against an oracle
# ---------------------------------------------------------------------------------------------

def _smooth_enet_min(X, y, l1, l2):
    """argmin of 1/(2n)||y - Xw - b||² + l1||w||₁ + l2/2||w||² by L-BFGS-B on w = u - v, u, v >= 0.

    Smooth and bound-constrained, so a generic quasi-Newton method solves it exactly: an oracle
    that shares no code with coordinate descent.
    """
    from scipy.optimize import minimize

    n, p = X.shape
    Xc, yc = X - X.mean(axis=0), y - y.mean()

    def fun(z):
        u, v = z[:p], z[p:]
        res = yc - Xc @ (u - v)
        f = res @ res / (2 * n) + l1 * (u.sum() + v.sum()) + 0.5 * l2 * ((u - v) @ (u - v))
        g = -Xc.T @ res / n + l2 * (u - v)
        return f, np.concatenate([g + l1, -g + l1])

    out = minimize(fun, np.zeros(2 * p), jac=True, method="L-BFGS-B", bounds=[(0, None)] * (2 * p),
                   options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 20000})
    return out.x[:p] - out.x[p:]


def verify_conventions(random_state=0):
    r"""Check the penalty conventions of other scikit-learn classes and of glmnet; one row each.

    In the book's units the penalty strength is the ``alpha`` :math:`\lambda` of
    :math:`\frac1n\sum_i \text{loss}_i + \lambda P(w)`. Each row states a convention and checks it
    against an independent oracle (an optimality condition, a generic optimizer, or the estimator's
    own reported loss):

    * ``SVC(kernel="linear", C=c)`` minimizes :math:`\frac1n\sum_i \max(0, 1 - s_i(x_i^\top w + b))
      + \frac{\lambda}{2}\|w\|^2` with :math:`\lambda = 1/(nc)` (checked by the KKT conditions:
      dual coefficients :math:`\in [0, c]`, equal to :math:`c` inside the margin, 0 outside);
    * ``LinearSVC(C=c)`` minimizes :math:`\frac12(\|w\|^2 + b^2) + c\sum_i \max(0, 1 - s_i(x_i^\top w + b))^2`:
      squared hinge and a *penalized intercept* (checked against L-BFGS on that objective, and
      against the unpenalized-intercept minimizer, which differs);
    * ``LogisticRegression(C=c, solver="liblinear")`` penalizes the intercept the same way,
      :math:`\frac12(\|w\|^2 + b^2) + c\sum_i \ell(s_i(x_i^\top w + b))` at the default
      ``intercept_scaling=1`` (checked like LinearSVC); ``lbfgs`` and ``saga`` leave it free;
    * ``MLPRegressor(alpha=a)`` minimizes :math:`\frac{1}{2n}\|y - f(X)\|^2 + \frac{a}{2n}\sum\|W\|^2`
      (weights only; checked against its reported ``loss_``) with ``solver="lbfgs"`` or full batches;
      ``sgd``/``adam`` steps on each batch of b rows with :math:`\frac{a}{2b}`, i.e. λ = a/b;
    * ``SGDRegressor(alpha=a)`` (``penalty="l2"``) minimizes :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \frac a2\|w\|^2`,
      i.e. :math:`\lambda = a` = ``Ridge(alpha=n a)`` (checked against the closed form, to SGD accuracy);
    * ``LogisticRegressionCV(Cs=k)`` searches ``C`` on ``np.logspace(-4, 4, k)``, i.e.
      :math:`\lambda = 1/(nC)` from :math:`10^{-4}/n` to :math:`10^4/n`;
    * glmnet, gaussian family (``standardize=FALSE``): glmnet divides :math:`y` by its :math:`1/n`
      standard deviation :math:`s_y`, fits at :math:`\lambda/s_y` and scales back (its documentation), so
      it minimizes :math:`\frac{1}{2n}\|y - X\beta - \beta_0\|^2 + \lambda\alpha\|\beta\|_1
      + \frac{\lambda}{s_y}\frac{1-\alpha}{2}\|\beta\|^2`, which is ``ElasticNet(alpha=λ(α + (1−α)/s_y),
      l1_ratio=α/(α + (1−α)/s_y))``; glmnet's ``lambda`` is scikit-learn's ``alpha`` only when
      :math:`\alpha = 1` or :math:`s_y = 1` (that procedure, emulated with scikit-learn, and the conversion
      are checked against L-BFGS-B on the formula; glmnet itself is not run);
    * logistic regression with a :math:`N(0, \tau^2)` prior on each weight: the MAP is
      ``LogisticRegression(C=τ²)`` (checked against a generic minimizer of the negative log posterior);
    * L1 logistic regression needs a solver such as ``"saga"``: the default ``lbfgs``
      raises a ``ValueError``; ``saga`` returns exact zeros that satisfy the L1 optimality conditions;
    * ``LogisticRegression(l1_ratio=r)`` alone selects the penalty from scikit-learn 1.8 on
      (``penalty=`` is deprecated); before 1.8 write ``penalty="elasticnet", l1_ratio=r, solver="saga"``
      (checked on the installed version: ``l1_ratio`` defaults to 0.0, i.e. L2).

    Parameters
    ----------
    random_state : int, default=0
        Seed of the random test problems.

    Returns
    -------
    list of dict
        Keys ``convention`` (str), ``error`` (float, the largest violation of the oracle),
        ``tol`` (float) and ``holds`` (bool: ``error <= tol`` and any extra condition of the row).

    Examples
    --------
    >>> rows = verify_conventions()
    >>> len(rows), all(r["holds"] for r in rows)
    (10, True)
    """
    import warnings

    import sklearn
    from scipy.optimize import minimize
    from scipy.special import expit
    from sklearn.linear_model import LogisticRegressionCV, SGDRegressor
    from sklearn.neural_network import MLPRegressor
    from sklearn.svm import SVC, LinearSVC


    rng = np.random.default_rng(random_state)
    rows = []

    def add(name, error, tol, extra=True):
        error = float(error)
        rows.append({"convention": name, "error": error, "tol": tol, "holds": bool(error <= tol and extra)})

    # classification data, labels in {-1, +1}, about half each, whose boundary x·w = 7.5 is far
    # from the origin: the intercept is large, so penalizing it visibly moves the fit (a boundary
    # through the origin, or features whose shift cancels the offset, would not test that)
    n = 120
    Xk = rng.standard_normal((n, 3)) + 3.0
    s = np.where(Xk @ [1.0, 1.0, 0.5] - 7.5 + 0.8 * rng.standard_normal(n) > 0, 1, -1)

    # SVC: KKT of (1/n) sum hinge + lam/2 ||w||^2 with lam = 1/(n c)
    c = 0.05
    svc = SVC(kernel="linear", C=c, tol=1e-10).fit(Xk, s)
    alpha_i = np.zeros(n)
    alpha_i[svc.support_] = np.abs(svc.dual_coef_.ravel())
    w = (alpha_i * s) @ Xk
    margin = s * (Xk @ w + svc.intercept_[0])
    viol = max(np.max(np.abs(w - svc.coef_.ravel())), abs(alpha_i @ s),
               np.max(np.abs(alpha_i[margin < 1 - 1e-6] - c), initial=0.0),
               np.max(alpha_i[margin > 1 + 1e-6], initial=0.0), np.max(alpha_i) - c)
    add("SVC(C=c) = (1/n)·hinge + (λ/2)‖w‖², λ = 1/(nc)", viol / c, 1e-6)

    # LinearSVC: squared hinge, intercept penalized like a weight
    Z = np.column_stack([Xk, np.ones(n)])

    def sq_hinge(z, penalize_b):
        m = np.maximum(0.0, 1 - s * (Z @ z))
        pen = z @ z if penalize_b else z[:-1] @ z[:-1]
        gpen = z.copy() if penalize_b else np.append(z[:-1], 0.0)
        return 0.5 * pen + c * m @ m, gpen - 2 * c * (m * s) @ Z

    def argmin(penalize_b):
        return minimize(sq_hinge, np.zeros(4), args=(penalize_b,), jac=True, method="L-BFGS-B",
                        options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 10000}).x

    lsvc = LinearSVC(C=c, tol=1e-10, max_iter=100000).fit(Xk, s)
    ours = np.append(lsvc.coef_.ravel(), lsvc.intercept_[0])
    pen_b, free_b = argmin(True), argmin(False)
    # holds: LinearSVC matches the penalized-b minimizer and is far (100 tol) from the free-b one
    add("LinearSVC(C=c): squared hinge, intercept penalized", np.max(np.abs(ours - pen_b)), 1e-4,
        extra=np.max(np.abs(ours - free_b)) > 100 * 1e-4)

    # LogisticRegression(solver="liblinear"): liblinear appends a constant column (intercept_scaling
    # = 1) and penalizes its weight like the others, so b is penalized, unlike lbfgs and saga
    def log_loss(z, penalize_b):
        m = s * (Z @ z)
        pen = z @ z if penalize_b else z[:-1] @ z[:-1]
        gpen = z.copy() if penalize_b else np.append(z[:-1], 0.0)
        return 0.5 * pen + c * np.sum(np.logaddexp(0.0, -m)), gpen - c * (s * expit(-m)) @ Z

    def argmin_log(penalize_b):
        return minimize(log_loss, np.zeros(4), args=(penalize_b,), jac=True, method="L-BFGS-B",
                        options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 10000}).x

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        lib = LogisticRegression(solver="liblinear", C=c, tol=1e-10, max_iter=10000).fit(Xk, s)
    ours = np.append(lib.coef_.ravel(), lib.intercept_[0])
    add("LogisticRegression(C=c, solver='liblinear'): intercept penalized, (1/2)(‖w‖² + b²)",
        np.max(np.abs(ours - argmin_log(True))), 1e-5,
        extra=np.max(np.abs(ours - argmin_log(False))) > 100 * 1e-5)

    # MLPRegressor: 1/(2n)||y - f||^2 + alpha/(2n) sum ||W||^2 (weights, not biases)
    Xr = rng.standard_normal((60, 3))
    yr = np.sin(Xr[:, 0]) + Xr[:, 1] ** 2 + 0.1 * rng.standard_normal(60)
    a = 3.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mlp = MLPRegressor(hidden_layer_sizes=(8,), alpha=a, solver="lbfgs", max_iter=300,
                           random_state=0).fit(Xr, yr)
    res = yr - mlp.predict(Xr)
    formula = res @ res / (2 * 60) + a / (2 * 60) * sum((W ** 2).sum() for W in mlp.coefs_)
    add("MLPRegressor(alpha=a, lbfgs) = (1/2n)‖y − f‖² + (a/2n)Σ‖W‖²", abs(formula - mlp.loss_) / mlp.loss_, 1e-8)

    # SGDRegressor: lambda = alpha, i.e. Ridge(alpha = n a)
    Xs = rng.standard_normal((200, 4))
    ys = Xs @ [2.0, -1.0, 0.5, 0.0] + 1.0 + 0.5 * rng.standard_normal(200)
    a = 0.3
    sgd = SGDRegressor(alpha=a, penalty="l2", tol=None, max_iter=3000, learning_rate="invscaling",
                       eta0=0.01, average=True, random_state=0).fit(Xs, ys)
    exact = ridge_closed_form(Xs, ys, a).coef
    wrong = ridge_closed_form(Xs, ys, a / 200).coef        # reading alpha as Ridge's
    err = np.max(np.abs(sgd.coef_ - exact))
    add("SGDRegressor(alpha=a) = solver ridge at λ = a = Ridge(alpha=na)", err, 5e-3,
        extra=np.max(np.abs(sgd.coef_ - wrong)) > 20 * err)

    # LogisticRegressionCV(Cs=k): C on logspace(-4, 4, k)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)   # 1.9 announces new defaults for other arguments
        cv = LogisticRegressionCV(Cs=5, cv=3).fit(Xk, s)
    add("LogisticRegressionCV(Cs=k): C = logspace(−4, 4, k), λ = 1/(nC)",
        np.max(np.abs(np.log10(cv.Cs_) - np.linspace(-4, 4, 5))), 1e-12, extra=cv.C_[0] in cv.Cs_)

    # glmnet, gaussian family: it divides y by its 1/n standard deviation s_y, fits at lambda / s_y and
    # multiplies the weights back by s_y (glmnet's documentation; glmnet itself is not installed here).
    # That procedure minimizes 1/(2n)||y - Xb||² + l r||b||₁ + (l / s_y)(1 - r)/2 ||b||²,
    # i.e. ElasticNet(alpha = l (r + (1 - r)/s_y), l1_ratio = r / (r + (1 - r)/s_y)); = ElasticNet(alpha=l,
    # l1_ratio=r) only when r = 1 or s_y = 1.
    lam_g, alpha_g = 0.1, 0.3
    s_y = ys.std()                                        # NumPy's default: the 1/n standard deviation

    def enet(X_, y_, a_, r_):
        return ElasticNet(alpha=a_, l1_ratio=r_, tol=1e-14, max_iter=100000).fit(X_, y_).coef_

    emulated = s_y * enet(Xs, ys / s_y, lam_g / s_y, alpha_g)
    oracle = _smooth_enet_min(Xs, ys, lam_g * alpha_g, lam_g * (1 - alpha_g) / s_y)
    k = alpha_g + (1 - alpha_g) / s_y
    converted = enet(Xs, ys, lam_g * k, alpha_g / k)
    naive = enet(Xs, ys, lam_g, alpha_g)                  # reading glmnet's lambda as alpha directly
    # ... right when y has s_y = 1: then the formula is ElasticNet(alpha=l, l1_ratio=r)'s objective
    unit_gap = np.max(np.abs(enet(Xs, ys / s_y, lam_g, alpha_g)
                             - _smooth_enet_min(Xs, ys / s_y, lam_g * alpha_g, lam_g * (1 - alpha_g))))
    add("glmnet(lambda=l, alpha=r), gaussian: (1/2n)‖y − Xβ‖² + l r‖β‖₁ + (l/s_y)(1−r)/2‖β‖²",
        max(np.max(np.abs(emulated - oracle)), np.max(np.abs(converted - oracle)),
            unit_gap), 1e-6,
        extra=abs(s_y - 1) > 0.2 and np.max(np.abs(naive - oracle)) > 1e3 * np.max(np.abs(emulated - oracle)))

    # logistic MAP under N(0, tau^2): C = tau^2
    tau2 = 0.7
    yb = (s > 0).astype(int)
    Zc = np.column_stack([Xk, np.ones(n)])

    def neg_log_post(z):
        m = s * (Zc @ z)
        f = np.logaddexp(0.0, -m).sum() + z[:-1] @ z[:-1] / (2 * tau2)
        g = -(s / (1 + np.exp(m))) @ Zc + np.append(z[:-1] / tau2, 0.0)
        return f, g

    z_map = minimize(neg_log_post, np.zeros(4), jac=True, method="L-BFGS-B",
                     options={"ftol": 1e-15, "gtol": 1e-10}).x
    lr = LogisticRegression(C=tau2, tol=1e-12, max_iter=10000).fit(Xk, yb)
    add("Gaussian prior N(0, τ²) on logistic weights: MAP = LogisticRegression(C=τ²)",
        np.max(np.abs(np.append(lr.coef_.ravel(), lr.intercept_) - z_map)), 1e-4)

    # L1 logistic: lbfgs refuses, saga gives exact zeros satisfying the L1 KKT conditions
    Xl = np.column_stack([Xk - Xk.mean(0), rng.standard_normal((n, 5))])
    Xl = Xl / Xl.std(0)
    c = 0.05
    try:
        LogisticRegression(C=c, l1_ratio=1.0).fit(Xl, yb)
        refused = False
    except ValueError:
        refused = True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        l1 = LogisticRegression(C=c, l1_ratio=1.0, solver="saga", tol=1e-12, max_iter=200000).fit(Xl, yb)
    wl, bl = l1.coef_.ravel(), l1.intercept_[0]
    grad = -c * (s / (1 + np.exp(s * (Xl @ wl + bl)))) @ Xl    # gradient of c * sum(loss) in w
    zero = wl == 0
    kkt = max(np.max(np.abs(grad[~zero] + np.sign(wl[~zero])), initial=0.0),
              np.max(np.abs(grad[zero]) - 1, initial=0.0))
    add("L1 logistic: lbfgs refuses, solver='saga' fits it", max(kkt, 0.0), 1e-4,
        extra=refused and zero.any() and (~zero).any())

    # version note: l1_ratio alone picks the penalty from 1.8 on
    import inspect
    major, minor = (int(v) for v in sklearn.__version__.split(".")[:2])
    params = inspect.signature(LogisticRegression).parameters
    l2_default = LogisticRegression(C=c).fit(Xl, yb).coef_.ravel()
    with warnings.catch_warnings(record=True) as caught:     # the old spelling is deprecated from 1.8 on
        warnings.simplefilter("always")
        LogisticRegression(C=c, penalty="elasticnet", l1_ratio=0.5, solver="saga", max_iter=50).fit(Xl, yb)
    old_spelling_warns = any(issubclass(w.category, FutureWarning) and "penalty" in str(w.message)
                             for w in caught)
    add("scikit-learn ≥ 1.8: l1_ratio alone sets the penalty (default 0.0 = L2); penalty= warns (FutureWarning)",
        0.0, 0.0, extra=(major, minor) >= (1, 8) and params["l1_ratio"].default == 0.0
        and bool(np.all(l2_default != 0)) and old_spelling_warns)
    return rows


def check_decision_table(random_state=0, n_draws=30):
    r"""Check every factual statement of the chapter's decision table and glossary; one row each.

    Each row is a sentence of the cheat sheet and the experiment that tests it, over ``n_draws``
    independent data sets where the sentence is about "how often", on one data set where it is an
    existence claim (a counterexample is enough), exactly where it is algebra.

    Parameters
    ----------
    random_state : int, default=0
        Seed of the data sets.
    n_draws : int >= 20, default=30
        Independent data sets for the frequency rows (at least 20, so that the 0.8 thresholds can be
        cleared with 95% confidence when a draw or two fail).

    Returns
    -------
    list of dict
        Keys ``claim`` (str), ``evidence`` (str, the measured numbers) and ``holds`` (bool).
        Frequencies are :class:`regbook.replication.Frequency` objects under the key ``frequency``
        (``None`` for rows that are not frequencies); a frequency row holds when the lower end of its
        95% Wilson interval clears the threshold stated in the evidence (0.8; 0.6 for the existence
        claim that ridge weights change sign).

    Examples
    --------
    >>> rows = check_decision_table(n_draws=20)
    >>> all(r["holds"] for r in rows)
    True
    """
    from sklearn.linear_model import HuberRegressor, QuantileRegressor

    from ..datasets import make_correlated_blocks, make_sparse_regression
    from ..replication import Frequency
    from ..paths import alpha_max

    n_draws = int(n_draws)
    if n_draws < 20:
        raise ValueError(f"n_draws must be at least 20 so that the 0.8 thresholds can be cleared with 95% "
                         f"confidence when a draw or two fail, "
                         f"got {n_draws}; pass n_draws=20 or more.")
    rng = np.random.default_rng(random_state)
    rows = []

    def add(claim, evidence, holds, frequency=None):
        rows.append({"claim": claim, "evidence": evidence, "holds": bool(holds), "frequency": frequency})

    # sparse truth, lasso with cross-validated λ: it finds the true features and many noise features too
    from sklearn.linear_model import LassoCV, lasso_path

    fps, all_true, with_noise = [], 0, 0
    for _ in range(n_draws):
        X = rng.standard_normal((60, 100))
        w = np.zeros(100)
        w[:5] = rng.choice([-2.0, 2.0], 5)
        y = X @ w + rng.standard_normal(60)
        kept = LassoCV(alphas=30, cv=5).fit(X, y).coef_ != 0
        fps.append(int(kept[5:].sum()))
        all_true += bool(kept[:5].all())
        with_noise += fps[-1] > 0
    f_noise = Frequency.from_counts(int(with_noise), n_draws)
    add("lasso with a cross-validated λ: the kept set is not the true features (it adds noise features)",
        f"n = 60, p = 100, 5 true weights ±2: LassoCV keeps all 5 true features in {all_true} of {n_draws} "
        f"draws, plus {min(fps)}-{max(fps)} noise features (median {int(np.median(fps))}); at least one noise "
        f"feature {f_noise.format('draws')} (threshold 0.8)", f_noise.ci_low > 0.8, f_noise)

    # dense truth of similar-sized weights: ridge more accurate than the lasso, each at its best λ
    ridge_wins = 0
    for _ in range(n_draws):
        X = rng.standard_normal((50, 30))
        w = rng.choice([-1.0, 1.0], 30)
        y = X @ w + 2.0 * rng.standard_normal(50)
        Xt = rng.standard_normal((2000, 30))
        Xc, yc = X - X.mean(0), y - y.mean()

        def test_mse(c):
            return np.mean((Xt @ c + y.mean() - X.mean(0) @ c - Xt @ w) ** 2)

        U, sv, Vt = np.linalg.svd(Xc, full_matrices=False)
        e_ridge = min(test_mse(Vt.T @ (sv / (sv**2 + 50 * lam) * (U.T @ yc))) for lam in np.logspace(-3, 2, 40))
        grid = np.max(np.abs(Xc.T @ yc)) / 50 * np.geomspace(1.0, 1e-3, 40)
        coefs = lasso_path(Xc, yc, alphas=grid)[1]
        e_lasso = min(test_mse(coefs[:, k]) for k in range(coefs.shape[1]))
        ridge_wins += e_ridge < e_lasso
    f_ridge = Frequency.from_counts(int(ridge_wins), n_draws)
    add("dense truth of similar-sized weights: ridge is the more accurate (each at its best λ; here n > p, "
        "chapter 10 the case p > n)",
        f"n = 50, p = 30, all weights ±1, noise sd 2: ridge's test error below the lasso's "
        f"{f_ridge.format('draws')} (threshold 0.8)", f_ridge.ci_low > 0.8, f_ridge)

    # p > n: the lasso keeps at most n features and is unique for continuous X; Elastic Net keeps more
    n, p = 25, 60
    ok_n, ok_unique, ok_more, gaps, nnz_l, nnz_e = 0, 0, 0, [], [], []
    for _ in range(n_draws):
        X = rng.standard_normal((n, p))
        y = X[:, :10] @ rng.normal(0, 1, 10) + 0.5 * rng.standard_normal(n)
        lam = 0.02 * alpha_max(X, y, 1.0)
        w_cd = Lasso(alpha=lam, tol=1e-12, max_iter=200000).fit(X, y).coef_
        # another start and another column order: a non-unique problem would answer differently
        order = rng.permutation(p)
        other = Lasso(alpha=lam, tol=1e-12, max_iter=200000, warm_start=True)
        other.coef_ = rng.normal(0, 3, p)
        w_pg = np.empty(p)
        w_pg[order] = other.fit(X[:, order], y).coef_
        w_en = ElasticNet(alpha=5 * lam, l1_ratio=0.2, tol=1e-10, max_iter=200000).fit(X, y).coef_
        # along the whole path (centred data = intercept), 40 λ from λmax down to 1e-3 λmax
        path = lasso_path(X - X.mean(0), y - y.mean(), alphas=alpha_max(X, y, 1.0) * np.geomspace(1, 1e-3, 40),
                          tol=1e-10, max_iter=100000)[1]
        nnz_l.append(int(np.max(np.sum(path != 0, axis=0))))
        nnz_e.append(int(np.sum(w_en != 0)))
        gaps.append(np.max(np.abs(w_cd - w_pg)))
        ok_n += nnz_l[-1] <= n - 1
        ok_unique += gaps[-1] < 1e-4
        ok_more += nnz_e[-1] > n
    f_more = Frequency.from_counts(ok_more, n_draws)
    add("p > n: the lasso keeps at most n features (n − 1 with an intercept); its solution is unique for "
        "continuous X",
        f"n = {n}, p = {p}, {n_draws} draws: along a 40-point path from λmax to 1e-3 λmax the lasso keeps at "
        f"most {min(nnz_l)}-{max(nnz_l)} features (n − 1 = {n - 1}); at λ = 0.02 λmax fits from a random start "
        f"and permuted columns agree to {max(gaps):.1e}", ok_n == n_draws and ok_unique == n_draws)
    add("p > n: Elastic Net can keep more than n features",
        f"Elastic Net (same L1 strength, r = 0.2) keeps {min(nnz_e)}-{max(nnz_e)} features; more than n = {n} "
        f"{f_more.format('draws')} (threshold 0.8)", f_more.ci_low > 0.8, f_more)

    # exact copies: not in general position, many lasso solutions, Elastic Net unique
    x = rng.standard_normal(50)
    y = 2 * x + rng.standard_normal(50)
    Xd = np.column_stack([x, x])
    w1 = Lasso(alpha=0.1, tol=1e-12).fit(Xd, y).coef_
    w2 = np.array([w1.sum() / 2, w1.sum() / 2])
    obj = [np.sum((y - y.mean() - Xd @ w + Xd.mean(0) @ w) ** 2) / 100 + 0.1 * np.abs(w).sum() for w in (w1, w2)]
    w_en = ElasticNet(alpha=0.2, l1_ratio=0.5, tol=1e-12).fit(Xd, y).coef_
    add("exact copies (not in general position): many lasso solutions, one Elastic Net solution",
        f"lasso {np.round(w1, 3)} and {np.round(w2, 3)} differ with objectives equal to "
        f"{abs(obj[0] - obj[1]):.1e}; Elastic Net splits evenly {np.round(w_en, 3)}",
        abs(obj[0] - obj[1]) < 1e-10 and np.max(np.abs(w1 - w2)) > 0.1 and np.isclose(w_en[0], w_en[1]))

    # ridge: the norm shrinks monotonically, single weights need not, and they cross zero only at points
    lams = np.logspace(-4, 2, 600)
    norm_down, grows, flips = 0, 0, 0
    for _ in range(n_draws):
        X, y, _ = make_sparse_regression(60, 8, 3, random_state=int(rng.integers(2**31)))
        Xc, yc = X - X.mean(0), y - y.mean()
        U, sv, Vt = np.linalg.svd(Xc, full_matrices=False)
        W = (Vt.T @ ((sv / (sv**2 + len(y) * lams[:, None])) * (U.T @ yc)).T).T   # (600, 8) ridge path
        norm_down += bool(np.all(np.diff(np.linalg.norm(W, axis=1)) < 0))
        grows += bool(np.any(np.diff(np.abs(W), axis=0) > 1e-12))
        flips += bool(np.any(np.diff(np.sign(W), axis=0) != 0))
    f_flip = Frequency.from_counts(int(flips), n_draws)
    add("ridge shrinks the norm ‖w‖ as λ grows, not every weight proportionally; a weight can cross zero "
        "(for generic data only at isolated λ: each weight is a rational function of λ)",
        f"make_sparse_regression(60, 8, 3), 600-point λ grid: ‖w‖ decreasing in {norm_down} of {n_draws} draws; "
        f"some |w_j| grows with λ in {grows} of {n_draws}; some weight changes sign {f_flip.format('draws')} "
        f"(threshold 0.6)", norm_down == n_draws and grows == n_draws and f_flip.ci_low > 0.6, f_flip)

    # correlated blocks: Elastic Net keeps the block with near-equal weights; the lasso's choice of members and
    # its split of the weight vary with the noise (chapter 6 measures the same on 200 data sets)
    kept_e, kept_l, sets, spread_e, top_l, ratio_l = 0, [], set(), [], set(), []
    for _ in range(n_draws):
        Xb, yb, _, _ = make_correlated_blocks(100, n_blocks=3, block_size=4, correlation=0.99,
                                              random_state=int(rng.integers(2**31)))
        w_l = Lasso(alpha=1.0).fit(Xb, yb).coef_[:4]
        w_e = np.abs(ElasticNet(alpha=2.0, l1_ratio=0.5).fit(Xb, yb).coef_[:4])
        kept_e += np.all(w_e != 0)
        spread_e.append((w_e.max() - w_e.min()) / w_e.max())
        kept_l.append(int(np.sum(w_l != 0)))
        sets.add(tuple(w_l != 0))
        top_l.add(int(np.argmax(np.abs(w_l))))
        ratio_l.append(np.abs(w_l).max() / np.abs(w_l[w_l != 0]).min())
    f_e = Frequency.from_counts(int(kept_e), n_draws)
    add("correlated group: Elastic Net keeps it together with near-equal weights; which members the lasso keeps, "
        "and how it splits the weight, is driven by noise",
        f"Elastic Net keeps all 4 {f_e.format('draws')} (threshold 0.8), largest spread (max − min)/max of "
        f"its block weights {max(spread_e):.2f}; the lasso keeps {min(kept_l)}-{max(kept_l)} of 4, {len(sets)} "
        f"different subsets, its largest weight on {len(top_l)} different features, largest/smallest kept "
        f"weight up to {max(ratio_l):.0f}",
        f_e.ci_low > 0.8 and max(spread_e) < 0.3 and len(sets) >= 3 and len(top_l) >= 3
        and max(ratio_l) > 2, f_e)

    # outliers in y: a squared loss follows the outlier in proportion whatever the ridge penalty; a robust
    # loss (Huber, LAD, penalized Huber) moves a bounded amount. One thread: HuberRegressor's L-BFGS is
    # slow under BLAS thread contention.
    from threadpoolctl import threadpool_limits

    sizes = (30.0, 300.0, 3000.0)
    makers = {"Ridge(alpha=5)": lambda: Ridge(alpha=5.0), "Ridge(alpha=600)": lambda: Ridge(alpha=600.0),
              "Huber": lambda: HuberRegressor(alpha=0.0, max_iter=1000),
              "Huber(alpha=30)": lambda: HuberRegressor(alpha=30.0, max_iter=1000),
              "LAD": lambda: QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs")}
    moves = {k: [] for k in makers}          # per draw: movement of the weights at each outlier size
    with threadpool_limits(limits=1):
        for _ in range(n_draws):
            X = rng.standard_normal((60, 3))
            y = X @ [1.0, -2.0, 0.5] + 0.3 * rng.standard_normal(60)
            i = np.argmax(np.abs(X[:, 0]))
            for name, make in makers.items():
                base = make().fit(X, y).coef_
                row = []
                for size in (sizes if name.startswith("Ridge") or name == "Huber" else sizes[:1] + sizes[-1:]):
                    yo = y.copy()
                    yo[i] += size
                    row.append(np.linalg.norm(make().fit(X, yo).coef_ - base))
                moves[name].append(row)
    moves = {k: np.array(v) for k, v in moves.items()}
    proportional = all(np.allclose(moves[k] / moves[k][:, :1], np.array(sizes) / sizes[0], rtol=1e-6)
                       for k in makers if k.startswith("Ridge"))
    # bounded: the movement at size 3000 is the movement at size 30 (to 1e-3), and below 0.25
    bounded = np.all([(np.abs(moves[k][:, -1] - moves[k][:, 0]) < 1e-3) & (moves[k][:, -1] < 0.25)
                      for k in ("Huber", "Huber(alpha=30)", "LAD")], axis=0)
    f_h = Frequency.from_counts(int(bounded.sum()), n_draws)
    med = {k: np.median(v, axis=0) for k, v in moves.items()}
    add("outliers in y: a squared-loss fit follows the outlier in proportion, whatever the penalty; "
        "a robust loss (Huber, LAD, penalized Huber) moves a bounded amount",
        f"one target moved by 30/300/3000 (100/1000/10000 noise SDs), median movement of the weights: "
        f"Ridge(alpha=5) {med['Ridge(alpha=5)'].round(2)}, Ridge(alpha=600) {med['Ridge(alpha=600)'].round(2)} "
        f"(exactly proportional in every draw: {proportional}); Huber {med['Huber'].round(3)}; at 30 and 3000 "
        f"LAD {med['LAD'].round(3)}, Huber(alpha=30) {med['Huber(alpha=30)'].round(3)}; all three robust fits "
        f"move by less than 0.25 and by the same amount (to 1e-3) at 3000 as at 30 {f_h.format('draws')} "
        f"(threshold 0.8)",
        proportional and f_h.ci_low > 0.8, f_h)

    # L1 loss estimates a median
    yy = rng.standard_exponential(41)
    c = minimize_scalar(lambda c: np.abs(yy - c).sum(), bounds=(yy.min(), yy.max()), method="bounded",
                        options={"xatol": 1e-12}).x
    add("the L1 loss Σ|y − c| is minimized by the median", f"|argmin − median| = {abs(c - np.median(yy)):.1e}",
        abs(c - np.median(yy)) < 1e-6)

    # weight decay: = L2 for plain gradient descent (factor 1 - ηλ); not for Adam (AdamW ≠ Adam + L2)
    X = rng.standard_normal((100, 3)) * [3.0, 1.0, 0.3]
    y = X @ [1.0, 1.0, 1.0] + 0.5 * rng.standard_normal(100)
    X, y = X - X.mean(0), y - y.mean()
    lam, eta = 0.4, 0.01
    w = rng.standard_normal(3)
    g_loss = -X.T @ (y - X @ w) / 100
    gd_l2 = w - eta * (g_loss + lam * w)
    decayed = (1 - eta * lam) * w - eta * g_loss
    ridge = np.linalg.solve(X.T @ X / 100 + lam * np.eye(3), X.T @ y / 100)
    adam_l2 = adam(X, y, l2=lam)                  # chapter 9's engine: Adam with the L2 gradient
    adamw = adam(X, y, weight_decay=lam)          # ... and with decoupled decay (AdamW)
    add("L2 penalty = weight decay (factor 1 − ηλ) for plain gradient descent, not for Adam: "
        "Adam + L2 → ridge, AdamW does not",
        f"GD step difference {np.max(np.abs(gd_l2 - decayed)):.1e}; |Adam+L2 − ridge| = "
        f"{np.max(np.abs(adam_l2 - ridge)):.1e}; |AdamW − ridge| = {np.max(np.abs(adamw - ridge)):.2f}",
        np.allclose(gd_l2, decayed, atol=1e-14) and np.max(np.abs(adam_l2 - ridge)) < 1e-3
        and np.max(np.abs(adamw - ridge)) > 0.05)
    return rows
