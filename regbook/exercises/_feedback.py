"""The common shape of every exercise check: compare, explain, celebrate."""
from __future__ import annotations

import numpy as np

__all__ = ["ExerciseError", "passed", "fail_unless_close", "call_learner"]


class ExerciseError(AssertionError):
    """Raised by a ``check_*`` function; its message explains what to fix."""


def passed(message):
    """Print a success line and return True (so a check can be used in ``assert``)."""
    print(f"Correct! {message}")
    return True


def fail_unless_close(answer, expected, what, *, hint, rtol=1e-6, atol=1e-8):
    """Raise :class:`ExerciseError` unless ``answer`` matches ``expected``.

    The message says what was compared, the worst mismatch, and a hint.
    """
    answer = np.asarray(answer, dtype=float)
    expected = np.asarray(expected, dtype=float)
    if answer.shape != expected.shape:
        raise ExerciseError(
            f"{what}: expected shape {expected.shape}, got {answer.shape}. {hint}"
        )
    if not np.all(np.isfinite(answer)):
        raise ExerciseError(f"{what} contains NaN or inf. {hint}")
    if not np.allclose(answer, expected, rtol=rtol, atol=atol):
        err = np.max(np.abs(answer - expected))
        raise ExerciseError(
            f"{what} is off by up to {err:.3g} (expected {np.round(expected, 4)}, "
            f"got {np.round(answer, 4)}). {hint}"
        )


def call_learner(fn, *args, name="your function", convert=None):
    """Call the learner's ``fn(*args)``; any exception becomes an :class:`ExerciseError`.

    ``convert`` (e.g. ``float``) is applied to the result inside the same guard, so
    a result of the wrong kind is reported as the learner's error too.

    Examples
    --------
    >>> call_learner(lambda z: z + 1, 1.0, convert=float)
    2.0
    >>> call_learner(lambda z: 1 / 0, 1.0, name="soft")
    Traceback (most recent call last):
    ...
    regbook.exercises._feedback.ExerciseError: soft raised ZeroDivisionError: division by zero
    """
    try:
        out = fn(*args)
        return out if convert is None else convert(out)
    except Exception as exc:  # noqa: BLE001 - report any failure to the learner
        raise ExerciseError(f"{name} raised {type(exc).__name__}: {exc}") from exc
