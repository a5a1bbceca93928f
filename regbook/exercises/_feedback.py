"""The common shape of every exercise check: compare, explain, celebrate."""
from __future__ import annotations

import numpy as np

import functools

__all__ = ["ExerciseError", "passed", "fail_unless_close", "call_learner", "exercise_check",
           "not_attempted"]


class ExerciseError(AssertionError):
    """Raised by a ``check_*`` function; its message explains what to fix."""


def not_attempted(exc):
    """True when ``exc`` (or what caused it) is the stub's ``NotImplementedError``."""
    while exc is not None:
        if isinstance(exc, NotImplementedError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def exercise_check(check):
    """Make ``check(fn)`` answer "not attempted yet" for a stub instead of failing.

    The book ships every exercise as a stub whose body is ``raise NotImplementedError``, so a
    notebook run top to bottom does not stop at the exercises. When the learner's function
    raises it, the check prints how to start and returns False; a wrong answer still raises
    :class:`ExerciseError` with a sentence saying what is wrong, and a right one returns True.

    Examples
    --------
    >>> @exercise_check
    ... def check_double(fn):
    ...     fail_unless_close(call_learner(fn, 2.0, convert=float), 4.0, "fn(2)", hint="2 * x")
    ...     return passed("x doubled.")
    >>> def double(x):
    ...     raise NotImplementedError
    >>> check_double(double)
    Not attempted yet: double still raises NotImplementedError. Replace that line with your code and run this cell again (the answer is in the Solution dropdown, if you need it).
    False
    >>> check_double(lambda x: 2 * x)
    Correct! x doubled.
    True
    """
    @functools.wraps(check)
    def wrapper(fn, *args, **kwargs):
        try:
            return check(fn, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - only the stub's error is swallowed
            if not not_attempted(exc):
                raise
            name = getattr(fn, "__name__", "your function")
            print(f"Not attempted yet: {name} still raises NotImplementedError. Replace that "
                  "line with your code and run this cell again (the answer is in the Solution "
                  "dropdown, if you need it).")
            return False
    return wrapper


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
