"""Compile regbook's numba engine once, into the cache, before pytest starts its workers.

Without this, every pytest-xdist worker (and every notebook kernel) that starts before the
cache exists compiles the engine itself, about 30 s of CPU each. Calls the entry points the
tests and chapters use, on a tall (n > p, Gram matrix) and a wide problem, so that the common
type specializations are cached; any other one is compiled, and cached, on first use as usual.
"""
import inspect
import time

import numpy as np

import regbook
from regbook.chapters import speed

t0 = time.perf_counter()
rng = np.random.default_rng(0)
for n, p in ((30, 6), (6, 30)):
    X, y = rng.standard_normal((n, p)), rng.standard_normal(n)
    for positive in ((False, True) if "positive" in inspect.signature(regbook.lasso_path).parameters
                     else (False,)):
        extra = {"positive": True} if positive else {}
        regbook.lasso_path(X, y, n_alphas=3, **extra)
        regbook.lasso_path(X, y, n_alphas=3, gap_tol=1e-4, **extra)
        regbook.enet_path(X, y, l1_ratio=0.5, n_alphas=3, **extra)
    regbook.Lasso(alpha=0.1).fit(X, y)
    regbook.ElasticNet(alpha=0.1, l1_ratio=0.5).fit(X, y)
    speed.engine_path(X, y)
    speed.compiled_path(X, y, None)
print(f"numba engine compiled or loaded from its cache in {time.perf_counter() - t0:.0f} s")
