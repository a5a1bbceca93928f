"""The public API: an explicit list of names, no silent shadowing, a light ``import regbook``."""
import inspect
import os
import subprocess
import sys
import types

import numpy as np
import pytest
import scipy.linalg
import sklearn.datasets
import sklearn.linear_model
import sklearn.model_selection

import regbook

# The public names, by defining module. Changing the public API means changing
# this list and regbook/__init__.py together, on purpose.
PUBLIC = {
    "penalties": ["soft_threshold", "Penalty", "L1Penalty", "L2Penalty", "ElasticNetPenalty",
                  "make_penalty", "penalty_l1_ratio"],
    "losses": ["squared_loss", "squared_loss_gradient", "logistic_loss", "logistic_loss_gradient",
               "to_signed_labels"],
    "updates": ["gradient_step", "weight_decay_step", "subgradient_step", "proximal_step"],
    "solvers": ["SolverResult", "objective", "kkt_residual", "duality_gap", "lipschitz_constant",
                "ridge_closed_form", "gradient_descent", "subgradient_descent", "ista", "fista",
                "coordinate_descent"],
    "conventions": ["ridge_alpha_to_solver", "solver_alpha_to_ridge", "C_to_alpha", "alpha_to_C"],
    "estimators": ["Ridge", "Lasso", "ElasticNet", "LogisticRegression"],
    "paths": ["PathResult", "alpha_max", "alpha_grid", "ridge_path", "lasso_path", "enet_path",
              "logistic_path"],
    "model_selection": ["CVResult", "cv_curve", "train_test_curve", "one_se_index"],
    "datasets": ["make_two_points", "make_sine", "polynomial_features", "make_sparse_regression",
                 "make_correlated_blocks", "diabetes_data", "breast_cancer_data"],
    "geometry": ["gram_2d", "quadratic_loss", "quadratic_loss_grid", "objective_grid",
                 "ols_solution", "penalized_solution_2d", "penalty_radius", "constraint_boundary",
                 "radius_to_alpha"],
    "plotting": ["alpha_label", "lambda_axis", "house_style", "use_house_style", "plot_path",
                 "plot_cv_curve", "plot_coefficients", "plot_objective", "plot_train_test",
                 "plot_penalty_level_sets", "plot_penalty_1d", "plot_geometry", "plot_descent",
                 "plot_fit_1d"],
    "widgets": ["explore_path", "explore_geometry", "explore_overfitting", "explore_descent"],
    "replication": ["replicate", "Replications", "Frequency", "MeanSE", "wilson_interval"],
}
FLAT = [name for names in PUBLIC.values() for name in names]


def test_all_is_the_hand_written_list():
    assert regbook.__all__ == ["__version__"] + FLAT
    assert len(set(FLAT)) == len(FLAT)


@pytest.mark.parametrize("module, name", [(m, n) for m, names in PUBLIC.items() for n in names])
def test_every_public_name_resolves_to_its_module(module, name):
    obj = getattr(regbook, name)
    assert obj is getattr(getattr(regbook, module), name)
    assert name in getattr(regbook, module).__all__
    if inspect.isfunction(obj) or inspect.isclass(obj):
        # defined in the module itself, or in one of its private submodules (widgets/_path.py)
        assert obj.__module__ == f"regbook.{module}" or obj.__module__.startswith(f"regbook.{module}._")


def test_nothing_else_leaks_to_the_top_level():
    """Every top-level attribute is a listed name, a module, or a dunder."""
    extra = {name for name, value in vars(regbook).items()
             if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert extra == set(FLAT)
    for internal in ("Explorer", "PALETTE", "PENALTY_COLORS", "PENALTY_LABELS", "HOUSE_RC",
                     "hilbert", "load_diabetes", "load_breast_cancer", "lasso_alpha_to_solver"):
        assert not hasattr(regbook, internal), internal


# Namespaces whose names a reader may already know; a regbook name equal to one of
# them must say in its first docstring line how it relates to scikit-learn.
KNOWN = [sklearn.linear_model, sklearn.datasets, sklearn.model_selection, scipy.linalg]


def test_names_shared_with_sklearn_or_scipy_say_so_in_their_first_line():
    shared = sorted({n for n in FLAT for mod in KNOWN if hasattr(mod, n)})
    assert shared == ["ElasticNet", "Lasso", "LogisticRegression", "Ridge", "enet_path",
                      "lasso_path"]
    for name in shared:
        summary = inspect.getdoc(getattr(regbook, name)).splitlines()[0]
        assert "scikit-learn" in summary, (name, summary)


def test_lasso_and_enet_path_coefs_are_sklearns_transposed():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((40, 6))
    y = X @ [1.5, 0.0, -2.0, 0.0, 0.5, 0.0] + 0.3 * rng.standard_normal(40)
    alphas = np.geomspace(1.0, 0.01, 8)
    ours = regbook.lasso_path(X, y, alphas=alphas, fit_intercept=False)
    _, sk_coefs, _ = sklearn.linear_model.lasso_path(X, y, alphas=alphas, tol=1e-12,
                                                     max_iter=100_000)
    assert ours.coefs.shape == (8, 6) and sk_coefs.shape == (6, 8)
    np.testing.assert_allclose(ours.coefs, sk_coefs.T, atol=1e-7)
    ours = regbook.enet_path(X, y, l1_ratio=0.4, alphas=alphas, fit_intercept=False)
    _, sk_coefs, _ = sklearn.linear_model.enet_path(X, y, l1_ratio=0.4, alphas=alphas,
                                                    tol=1e-12, max_iter=100_000)
    np.testing.assert_allclose(ours.coefs, sk_coefs.T, atol=1e-7)


def test_dataset_tuples_hold_sklearns_data():
    X, y, names = regbook.diabetes_data()
    ref = sklearn.datasets.load_diabetes()
    np.testing.assert_array_equal(X, ref.data)
    np.testing.assert_array_equal(y, ref.target)
    assert names == list(ref.feature_names)
    X, y, names = regbook.breast_cancer_data()
    ref = sklearn.datasets.load_breast_cancer()
    np.testing.assert_array_equal(X, ref.data)
    np.testing.assert_array_equal(y, ref.target)
    assert names == [str(n) for n in ref.feature_names] and len(names) == 30


def _run(code):
    env = dict(os.environ, MPLBACKEND="Agg")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=root, capture_output=True,
                          text=True, timeout=300)


def test_import_regbook_loads_no_pyplot_widgets_or_chapters():
    out = _run(
        "import sys, regbook\n"
        "heavy = ['matplotlib.pyplot', 'ipywidgets', 'regbook.chapters', 'regbook.exercises']\n"
        "print([m for m in heavy if m in sys.modules])\n"
        # pyplot arrives when a figure is first drawn, not before.
        "import numpy as np\n"
        "ax = regbook.plot_penalty_1d()\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["[]", "True"]
