"""regbook: the helper library of the interactive textbook on L1/L2 regularization.

Every chapter of the book imports from here; nothing is copied between chapters.
The public names of the core modules are available at the top level
(``regbook.Lasso``, ``regbook.lasso_path``, ``regbook.plot_path`` ...); the
chapter-only experiment modules are imported explicitly
(``from regbook.chapters import myths``).

All solvers and paths minimize one objective (see ``CONTRIBUTING.md``)::

    (1 / (2 n)) ||y - X w - b||^2 + alpha * (l1_ratio ||w||_1 + (1 - l1_ratio) / 2 ||w||^2)

while the estimators take exactly the parameters of the scikit-learn class of the
same name (``regbook.conventions`` converts between them).
"""

__version__ = "0.1.0"

# Core modules, in the order the book introduces them.
from . import (  # noqa: E402
    penalties,
    losses,
    updates,
    solvers,
    conventions,
    estimators,
    paths,
    model_selection,
    datasets,
    geometry,
    plotting,
    widgets,
)
from .penalties import *  # noqa: E402,F401,F403
from .losses import *  # noqa: E402,F401,F403
from .updates import *  # noqa: E402,F401,F403
from .solvers import *  # noqa: E402,F401,F403
from .conventions import *  # noqa: E402,F401,F403
from .estimators import *  # noqa: E402,F401,F403
from .paths import *  # noqa: E402,F401,F403
from .model_selection import *  # noqa: E402,F401,F403
from .datasets import *  # noqa: E402,F401,F403
from .geometry import *  # noqa: E402,F401,F403
from .plotting import *  # noqa: E402,F401,F403
from .widgets import *  # noqa: E402,F401,F403

# Chapter-only experiments live in regbook.chapters and the exercise checks in
# regbook.exercises; neither is imported here (import them explicitly).

__all__ = ["__version__"]
for _module in (penalties, losses, updates, solvers, conventions, estimators, paths,
                model_selection, datasets, geometry, plotting, widgets):
    __all__ += list(_module.__all__)
del _module
from .replication import Frequency, MeanSE, Replications, replicate, wilson_interval  # noqa: E402
__all__ += ["Frequency", "MeanSE", "Replications", "replicate", "wilson_interval"]
