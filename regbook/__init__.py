"""regbook: the helper library of the interactive textbook on L1/L2 regularization.

Every chapter of the book imports from here; nothing is copied between chapters.
The public names below are listed by hand, grouped by the module that defines
them (``regbook.Lasso`` is ``regbook.estimators.Lasso``); everything else stays
in its module (``regbook.plotting.PALETTE``, ``regbook.widgets.Explorer``).
The chapter-only experiments are imported explicitly
(``from regbook.chapters import myths``), and so are the exercise checks
(``from regbook.exercises import ...``).

All solvers and paths minimize one objective (see ``CONTRIBUTING.md``)::

    (1 / (2 n)) ||y - X w - b||^2 + alpha * (l1_ratio ||w||_1 + (1 - l1_ratio) / 2 ||w||^2)

The estimators share the *penalty* parameters of the scikit-learn class of the
same name (``alpha``, ``l1_ratio``, ``C``, ``fit_intercept``) with the same
meaning; ``Ridge``'s ``alpha`` and ``LogisticRegression``'s ``C`` are therefore
in scikit-learn's units, not the book's λ (``regbook.conventions`` converts).

Names that a scikit-learn user might expect to behave like scikit-learn's
(``lasso_path``, ``enet_path``) say so first in their docstrings: they return
a :class:`PathResult` whose ``coefs`` has shape ``(n_alphas, n_features)``,
the transpose of scikit-learn's.

``import regbook`` loads neither ``matplotlib.pyplot`` nor ``ipywidgets``:
the plotting and explorer functions import them when first called.
"""

__version__ = "0.1.0"

from . import (
    conventions,
    datasets,
    estimators,
    geometry,
    losses,
    model_selection,
    paths,
    penalties,
    plotting,
    replication,
    solvers,
    updates,
    widgets,
)
from .conventions import C_to_alpha, alpha_to_C, ridge_alpha_to_solver, solver_alpha_to_ridge
from .datasets import (
    breast_cancer_data,
    diabetes_data,
    make_correlated_blocks,
    make_sine,
    make_sparse_regression,
    make_two_points,
    polynomial_features,
)
from .estimators import ElasticNet, Lasso, LogisticRegression, Ridge
from .geometry import (
    constraint_boundary,
    gram_2d,
    objective_grid,
    ols_solution,
    penalized_solution_2d,
    penalty_radius,
    quadratic_loss,
    quadratic_loss_grid,
    radius_to_alpha,
)
from .losses import (
    logistic_loss,
    logistic_loss_gradient,
    squared_loss,
    squared_loss_gradient,
    to_signed_labels,
)
from .model_selection import CVResult, cv_curve, one_se_index, train_test_curve
from .paths import PathResult, alpha_grid, alpha_max, enet_path, lasso_path, logistic_path, ridge_path
from .penalties import (
    ElasticNetPenalty,
    L1Penalty,
    L2Penalty,
    Penalty,
    make_penalty,
    penalty_l1_ratio,
    soft_threshold,
)
from .plotting import (
    alpha_label,
    house_style,
    lambda_axis,
    plot_coefficients,
    plot_cv_curve,
    plot_descent,
    plot_fit_1d,
    plot_geometry,
    plot_objective,
    plot_path,
    plot_penalty_1d,
    plot_penalty_level_sets,
    plot_train_test,
    use_house_style,
)
from .replication import Frequency, MeanSE, Replications, replicate, wilson_interval
from .solvers import (
    SolverResult,
    coordinate_descent,
    duality_gap,
    fista,
    gradient_descent,
    ista,
    kkt_residual,
    lipschitz_constant,
    objective,
    ridge_closed_form,
    subgradient_descent,
)
from .updates import gradient_step, proximal_step, subgradient_step, weight_decay_step
from .widgets import explore_descent, explore_geometry, explore_overfitting, explore_path

# The public names, by module, in the order the book introduces the modules.
# tests/test_api.py checks that this list is exactly what `import regbook` offers.
__all__ = [
    "__version__",
    # penalties
    "soft_threshold", "Penalty", "L1Penalty", "L2Penalty", "ElasticNetPenalty",
    "make_penalty", "penalty_l1_ratio",
    # losses
    "squared_loss", "squared_loss_gradient", "logistic_loss", "logistic_loss_gradient",
    "to_signed_labels",
    # updates
    "gradient_step", "weight_decay_step", "subgradient_step", "proximal_step",
    # solvers
    "SolverResult", "objective", "kkt_residual", "duality_gap", "lipschitz_constant", "ridge_closed_form",
    "gradient_descent", "subgradient_descent", "ista", "fista", "coordinate_descent",
    # conventions
    "ridge_alpha_to_solver", "solver_alpha_to_ridge", "C_to_alpha", "alpha_to_C",
    # estimators
    "Ridge", "Lasso", "ElasticNet", "LogisticRegression",
    # paths
    "PathResult", "alpha_max", "alpha_grid", "ridge_path", "lasso_path", "enet_path",
    "logistic_path",
    # model_selection
    "CVResult", "cv_curve", "train_test_curve", "one_se_index",
    # datasets
    "make_two_points", "make_sine", "polynomial_features", "make_sparse_regression",
    "make_correlated_blocks", "diabetes_data", "breast_cancer_data",
    # geometry
    "gram_2d", "quadratic_loss", "quadratic_loss_grid", "objective_grid", "ols_solution",
    "penalized_solution_2d", "penalty_radius", "constraint_boundary", "radius_to_alpha",
    # plotting (style constants such as PALETTE stay in regbook.plotting)
    "alpha_label", "lambda_axis", "house_style", "use_house_style", "plot_path",
    "plot_cv_curve", "plot_coefficients", "plot_objective", "plot_train_test",
    "plot_penalty_level_sets", "plot_penalty_1d", "plot_geometry", "plot_descent",
    "plot_fit_1d",
    # widgets (the Explorer base class stays in regbook.widgets)
    "explore_path", "explore_geometry", "explore_overfitting", "explore_descent",
    # replication (claims measured over many independent draws)
    "replicate", "Replications", "Frequency", "MeanSE", "wilson_interval",
]
