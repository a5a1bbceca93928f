"""Self-checks for the book's exercises.

Each chapter has its own module ``chNN.py`` defining ``check_*`` functions. They
are all re-exported here, so a chapter writes
``from regbook.exercises import check_ridge_solution``. A check prints what is
right, or raises ``AssertionError`` with a sentence that says what is wrong and
how to look for the mistake (not just ``False``).
"""
import importlib as _importlib
import pkgutil as _pkgutil

__all__ = []

for _info in sorted(_pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.startswith("_"):
        continue
    _mod = _importlib.import_module(f"{__name__}.{_info.name}")
    for _public in dir(_mod):
        if _public.startswith("check_"):
            if _public in globals():
                raise ImportError(
                    f"regbook.exercises.{_info.name} redefines {_public}, already defined by "
                    "another chapter's module; give the check a chapter-specific name."
                )
            globals()[_public] = getattr(_mod, _public)
            __all__.append(_public)
