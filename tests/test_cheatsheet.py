"""Every cheat-sheet formula, convention and decision-table claim holds, on more than one random problem."""
import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, Ridge, SGDRegressor

from regbook.chapters.cheatsheet import check_decision_table, verify_cheat_sheet, verify_conventions


@pytest.mark.parametrize("seed", [0, 1])
def test_every_formula_holds(seed):
    rows = verify_cheat_sheet(random_state=seed)
    assert len(rows) == 13
    bad = [r for r in rows if not r["holds"]]
    assert not bad, bad
    assert len({r["formula"] for r in rows}) == len(rows)


@pytest.mark.parametrize("seed", [0, 3, 13, 17, 31])  # 13, 17, 31: the old data's LinearSVC row failed
def test_every_convention_holds(seed):
    rows = verify_conventions(random_state=seed)
    assert len(rows) == 10 and len({r["convention"] for r in rows}) == 10
    bad = [r for r in rows if not r["holds"]]
    assert not bad, bad


def test_sgd_alpha_is_not_ridge_alpha():
    # independent of verify_conventions: SGDRegressor(alpha=a) is Ridge(alpha=n a), far from Ridge(alpha=a)
    rng = np.random.default_rng(5)
    X = rng.standard_normal((150, 3))
    y = X @ [1.0, -2.0, 0.5] + rng.standard_normal(150)
    a = 0.5
    sgd = SGDRegressor(alpha=a, tol=None, max_iter=2000, learning_rate="invscaling", eta0=0.01,
                       average=True, random_state=0).fit(X, y).coef_
    assert np.allclose(sgd, Ridge(alpha=150 * a).fit(X, y).coef_, atol=5e-3)
    assert not np.allclose(sgd, Ridge(alpha=a).fit(X, y).coef_, atol=0.1)


def test_glmnet_lambda_is_sklearn_alpha_only_for_the_lasso_or_unit_sd_y():
    # glmnet's gaussian procedure (fit y / s_y at lambda / s_y, scale back by s_y) is scale-equivariant for the
    # lasso, so there glmnet's lambda is Lasso's alpha; with a ridge part it is not (unless s_y = 1)
    rng = np.random.default_rng(7)
    X = rng.standard_normal((80, 4))
    y = X @ [3.0, -2.0, 1.0, 0.0] + rng.standard_normal(80)
    s_y, lam = y.std(), 0.2
    glmnet_like = s_y * Lasso(alpha=lam / s_y, tol=1e-12).fit(X, y / s_y).coef_
    assert np.allclose(glmnet_like, Lasso(alpha=lam, tol=1e-12).fit(X, y).coef_, atol=1e-8)
    glmnet_like = s_y * ElasticNet(alpha=lam / s_y, l1_ratio=0.3, tol=1e-12).fit(X, y / s_y).coef_
    assert not np.allclose(glmnet_like, ElasticNet(alpha=lam, l1_ratio=0.3, tol=1e-12).fit(X, y).coef_, atol=1e-2)
    k = 0.3 + 0.7 / s_y                 # the conversion of the chapter's table
    assert np.allclose(glmnet_like, ElasticNet(alpha=lam * k, l1_ratio=0.3 / k, tol=1e-12).fit(X, y).coef_,
                       atol=1e-7)


@pytest.mark.parametrize("seed", [0, 4])
def test_decision_table_claims_hold(seed):
    rows = check_decision_table(random_state=seed, n_draws=20)
    bad = [r for r in rows if not r["holds"]]
    assert not bad, bad
    assert len(rows) == 10
    for r in rows:
        if r["frequency"] is not None:
            assert r["frequency"].n == 20


def test_decision_table_rejects_too_few_draws():
    with pytest.raises(ValueError, match="n_draws"):
        check_decision_table(n_draws=19)
