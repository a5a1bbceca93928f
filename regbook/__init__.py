"""regbook: the helper library of the interactive textbook on L1/L2 regularization.

Every chapter of the book imports from here; nothing is copied between chapters.
"""
from importlib import import_module as _import_module

__version__ = "0.1.0"

from .penalties import (  # noqa: E402
    ElasticNetPenalty,
    L1Penalty,
    L2Penalty,
    Penalty,
    make_penalty,
    soft_threshold,
)

__all__ = [
    "__version__",
    "soft_threshold",
    "Penalty",
    "L1Penalty",
    "L2Penalty",
    "ElasticNetPenalty",
    "make_penalty",
]

# Optional modules are added to the public namespace as they land; each lists
# its own public names in __all__ (one idea per module).
for _name in (
    "losses",
    "updates",
    "solvers",
    "conventions",
    "estimators",
    "paths",
    "model_selection",
    "datasets",
    "geometry",
    "plotting",
    "widgets",
):
    try:
        _mod = _import_module(f".{_name}", __name__)
    except ModuleNotFoundError as _exc:  # module not written yet
        if _exc.name != f"{__name__}.{_name}":
            raise
        continue
    for _public in getattr(_mod, "__all__", ()):
        globals()[_public] = getattr(_mod, _public)
        __all__.append(_public)
del _name, _import_module
