"""Replicate an experiment over many independent seeds: frequencies with intervals, means with SEs.

A claim that holds for one data set is an anecdote. This module runs an experiment on many
independent random streams and summarizes the outcomes so a chapter can write "in 87% of 500
data sets (95% CI 84-90%)" or "0.142 ± 0.003 (mean ± s.e. over 200 data sets)", and assert on
the *interval*, not on the point, so that the assert leaves a margin for a new draw.

* :func:`replicate` calls ``experiment(rng)`` (or ``experiment(seed)``) once per draw, with
  streams spawned from ``np.random.SeedSequence(seed)`` (independent by construction,
  reproducible from ``seed``).
* :class:`Replications` holds the outcomes; ``.frequency(pred)`` gives a :class:`Frequency`
  with a Wilson score interval, ``.mean(func)`` a :class:`MeanSE`.
* ``.assert_frequency_at_least(p, pred)`` and friends fail unless the whole confidence
  interval lies on the claimed side of ``p``.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from ._validation import check_choice, check_positive_int

__all__ = [
    "Frequency",
    "MeanSE",
    "Replications",
    "replicate",
    "wilson_interval",
]


def _check_confidence(confidence):
    if isinstance(confidence, bool) or not isinstance(confidence, numbers.Real):
        raise TypeError(f"confidence must be a number in (0, 1) such as 0.95, "
                        f"got {type(confidence).__name__} {confidence!r}.")
    if not 0.0 < float(confidence) < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1 (e.g. 0.95), got {confidence}.")
    return float(confidence)


def _check_probability(p, name):
    if isinstance(p, bool) or not isinstance(p, numbers.Real) or not 0.0 <= float(p) <= 1.0:
        raise ValueError(f"{name} must be a probability in [0, 1], got {p!r}.")
    return float(p)


def _pct(x, digits):
    return f"{100 * x:.{digits}f}%"


def wilson_interval(k, n, confidence=0.95):
    """Wilson score interval for a binomial proportion ``k / n``.

    With ``z`` the two-sided normal quantile of ``confidence`` and ``p = k / n``, the interval
    is ``(p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)``. Unlike ``p ± z se`` it stays
    inside [0, 1] and keeps close to its nominal coverage for small ``n`` or ``p`` near 0 or 1.

    Parameters
    ----------
    k : int
        Number of successes, ``0 <= k <= n``.
    n : int
        Number of trials, ``n >= 1``.
    confidence : float, default=0.95
        Two-sided confidence level, in (0, 1).

    Returns
    -------
    (float, float)
        Lower and upper bound.

    Examples
    --------
    >>> low, high = wilson_interval(435, 500)
    >>> f"{low:.3f} {high:.3f}"
    '0.838 0.897'
    >>> wilson_interval(0, 20)[0]
    0.0
    """
    n = check_positive_int(n, "n")
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"k must be an integer count of successes, got {type(k).__name__} {k!r}.")
    if not 0 <= k <= n:
        raise ValueError(f"k must satisfy 0 <= k <= n = {n}, got k = {k}.")
    confidence = _check_confidence(confidence)
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class Frequency:
    """How often an event happened: ``k`` of ``n`` draws, with a Wilson confidence interval.

    Attributes
    ----------
    k, n : int
        Successes and draws.
    p : float
        ``k / n``.
    ci_low, ci_high : float
        Wilson score interval at level ``confidence``.
    confidence : float, default=0.95
        The interval's level.

    Examples
    --------
    >>> f = Frequency.from_counts(435, 500)
    >>> print(f)
    87% of 500 (95% CI 84-90%)
    >>> f.format("data sets")
    'in 87% of 500 data sets (95% CI 84-90%)'
    """

    k: int
    n: int
    p: float
    ci_low: float
    ci_high: float
    confidence: float = 0.95

    @classmethod
    def from_counts(cls, k, n, confidence=0.95):
        """The frequency ``k / n`` with its Wilson interval (see :func:`wilson_interval`)."""
        low, high = wilson_interval(k, n, confidence)
        return cls(int(k), int(n), k / n, low, high, float(confidence))

    def format(self, what="", digits=0):
        """Prose: ``"in 87% of 500 data sets (95% CI 84-90%)"``; ``what`` names the draws.

        A frequency strictly between 0 and 1 never prints as "0%" or "100%" (which read as
        "never" and "always"): it prints as "<1%" or ">99%" (at ``digits=0``).
        """
        noun = f" {what}" if what else ""
        point = _pct(self.p, digits)
        step = 10.0 ** -digits  # the smallest printed percentage
        if 0 < self.k < self.n and point == _pct(0.0, digits):
            point = f"<{step:.{digits}f}%"
        elif 0 < self.k < self.n and point == _pct(1.0, digits):
            point = f">{100 - step:.{digits}f}%"
        return (f"in {point} of {self.n}{noun} "
                f"({100 * self.confidence:g}% CI {100 * self.ci_low:.{digits}f}-"
                f"{_pct(self.ci_high, digits)})")

    def __str__(self):
        return self.format()[3:]


@dataclass(frozen=True)
class MeanSE:
    """A mean over ``n`` draws with its standard error ``sd / sqrt(n)`` (``sd`` with ddof=1).

    Build it with :meth:`MeanSE.from_values`; the constructor takes the three numbers.

    Attributes
    ----------
    mean : float
        The sample mean.
    se : float
        Its standard error ``std(values, ddof=1) / sqrt(n)``.
    n : int
        Number of draws (at least 2).

    See Also
    --------
    Frequency : The same for how often an event happened.
    Replications.mean : Builds one from an experiment's outcomes.

    Examples
    --------
    >>> m = MeanSE.from_values([1.0, 2.0, 3.0, 4.0])
    >>> print(m)
    2.5 ± 0.645 (mean ± s.e., n = 4)

    Checked against ``scipy.stats.sem``:

    >>> from scipy.stats import sem
    >>> bool(abs(m.se - sem([1.0, 2.0, 3.0, 4.0])) < 1e-12)
    True
    """

    mean: float
    se: float
    n: int

    @classmethod
    def from_values(cls, values):
        """Mean and standard error of a 1-D sequence of at least two finite numbers."""
        arr = np.asarray(values, dtype=float)
        if arr.ndim != 1 or arr.size < 2:
            raise ValueError(f"values must be a 1-D sequence of at least 2 numbers (the standard "
                             f"error needs two), got shape {arr.shape}.")
        if not np.all(np.isfinite(arr)):
            raise ValueError("values contain NaN or inf; drop or fix those draws first.")
        return cls(float(arr.mean()), float(arr.std(ddof=1) / math.sqrt(arr.size)), int(arr.size))

    def interval(self, n_se=2.0):
        """``(mean - n_se * se, mean + n_se * se)``."""
        return self.mean - n_se * self.se, self.mean + n_se * self.se

    def format(self, digits=3):
        """Prose: ``"0.142 ± 0.003 (mean ± s.e., n = 200)"`` with ``digits`` significant digits."""
        return f"{self.mean:.{digits}g} ± {self.se:.{digits}g} (mean ± s.e., n = {self.n})"

    def __str__(self):
        return self.format()


class Replications:
    """The outcomes of one experiment over ``n`` independent draws (see :func:`replicate`).

    Usually built by :func:`replicate`; ``len(reps)`` is the number of draws.

    Parameters
    ----------
    outcomes : iterable
        What the experiment returned on each draw (stored as a list).
    seed : int
        The root seed the draws were spawned from.

    Attributes
    ----------
    outcomes : list
        ``outcomes[i]`` is what the experiment returned on draw ``i``.
    seed : int
        The root seed the draws were spawned from.

    See Also
    --------
    replicate : Runs an experiment over independent draws and returns this.

    Examples
    --------
    >>> reps = Replications([0.1, 0.4, -0.2, 0.3], seed=0)
    >>> len(reps), reps.frequency(lambda o: o > 0).k
    (4, 3)
    >>> print(reps.mean())
    0.15 ± 0.132 (mean ± s.e., n = 4)
    """

    def __init__(self, outcomes, seed):
        self.outcomes = list(outcomes)
        self.seed = seed

    def __len__(self):
        return len(self.outcomes)

    def __repr__(self):
        return f"Replications(n={len(self)}, seed={self.seed})"

    def _apply(self, func, name):
        if func is None:
            return list(self.outcomes)
        if not callable(func):
            raise TypeError(f"{name} must be a function of one outcome (or None), got "
                            f"{type(func).__name__}.")
        return [func(o) for o in self.outcomes]

    def frequency(self, pred=None, confidence=0.95):
        """How often ``pred(outcome)`` is true, with a Wilson interval.

        Parameters
        ----------
        pred : callable or None, default=None
            Maps an outcome to a bool; ``None`` uses the outcomes themselves (they must be bools).
        confidence : float, default=0.95
            Level of the Wilson interval.

        Returns
        -------
        frequency : Frequency
            ``k`` true of ``n`` draws, with the interval.
        """
        if not self.outcomes:
            raise ValueError("there are no outcomes to count: replicate the experiment with "
                             "n_draws >= 1 first.")
        hits = self._apply(pred, "pred")
        bad = [h for h in hits if not isinstance(h, (bool, np.bool_))]
        if bad:
            raise TypeError(f"pred must return True or False (or the outcomes must be bools), got "
                            f"{type(bad[0]).__name__} {bad[0]!r}; compare explicitly, e.g. "
                            f"pred=lambda o: o > 0.")
        return Frequency.from_counts(int(sum(bool(h) for h in hits)), len(hits), confidence)

    def mean(self, func=None):
        """Mean of ``func(outcome)`` (or of the outcomes) with its standard error.

        Returns
        -------
        MeanSE
        """
        values = self._apply(func, "func")
        try:
            return MeanSE.from_values(values)
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"func must map each outcome to one number: {exc}") from exc

    def assert_frequency_at_least(self, p, pred=None, confidence=0.95):
        """Fail unless the lower end of the confidence interval of the frequency is ``>= p``.

        Returns the :class:`Frequency` so a chapter can print it.
        """
        p = _check_probability(p, "p")
        f = self.frequency(pred, confidence)
        if f.ci_low < p:
            raise AssertionError(f"frequency {f} does not clear {_pct(p, 1)}: the lower "
                                 f"confidence bound {_pct(f.ci_low, 1)} is below it")
        return f

    def assert_frequency_at_most(self, p, pred=None, confidence=0.95):
        """Fail unless the upper end of the confidence interval of the frequency is ``<= p``."""
        p = _check_probability(p, "p")
        f = self.frequency(pred, confidence)
        if f.ci_high > p:
            raise AssertionError(f"frequency {f} is not clearly below {_pct(p, 1)}: the upper "
                                 f"confidence bound {_pct(f.ci_high, 1)} is above it")
        return f

    def assert_mean_at_least(self, value, func=None, n_se=2.0):
        """Fail unless ``mean - n_se * se >= value``; returns the :class:`MeanSE`."""
        m = self.mean(func)
        if m.interval(n_se)[0] < value:
            raise AssertionError(f"mean {m} is not {n_se:g} standard errors above {value:g}")
        return m

    def assert_mean_at_most(self, value, func=None, n_se=2.0):
        """Fail unless ``mean + n_se * se <= value``; returns the :class:`MeanSE`."""
        m = self.mean(func)
        if m.interval(n_se)[1] > value:
            raise AssertionError(f"mean {m} is not {n_se:g} standard errors below {value:g}")
        return m


def replicate(experiment, n_draws=200, *, seed=0, pass_as="rng"):
    """Run ``experiment`` on ``n_draws`` independent random streams.

    Draw ``i`` gets the ``i``-th child of ``np.random.SeedSequence(seed).spawn(n_draws)``:
    children of one seed sequence are independent streams by construction, the same ``seed``
    gives the same draws, and draw ``i`` does not depend on ``n_draws``.

    Parameters
    ----------
    experiment : callable
        ``experiment(rng) -> outcome`` (``pass_as="rng"``, a ``np.random.Generator``) or
        ``experiment(seed) -> outcome`` (``pass_as="seed"``, an int in [0, 2**32), for code
        that takes ``random_state=``). The outcome can be anything: a bool for
        :meth:`Replications.frequency`, a number for :meth:`Replications.mean`, or a tuple.
    n_draws : int, default=200
        Number of independent draws.
    seed : int, default=0
        Root seed (non-negative).
    pass_as : {"rng", "seed"}, default="rng"

    Returns
    -------
    Replications

    Examples
    --------
    How often does the mean of 20 standard normals land within 0.3 of 0 (exactly 82%)?

    >>> import numpy as np
    >>> reps = replicate(lambda rng: abs(rng.normal(size=20).mean()) < 0.3, n_draws=500)
    >>> f = reps.frequency()
    >>> print(f.format("data sets"))
    in 80% of 500 data sets (95% CI 76-83%)
    >>> _ = reps.assert_frequency_at_least(0.75)
    >>> print(replicate(lambda s: s % 2 == 0, 100, pass_as="seed").frequency())
    56% of 100 (95% CI 46-65%)
    """
    if not callable(experiment):
        raise TypeError(f"experiment must be a function experiment(rng) -> outcome, got "
                        f"{type(experiment).__name__}.")
    n_draws = check_positive_int(n_draws, "n_draws")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer such as 0, got {seed!r}.")
    check_choice(pass_as, "pass_as", ("rng", "seed"))
    children = np.random.SeedSequence(int(seed)).spawn(n_draws)
    outcomes = []
    for child in children:
        if pass_as == "rng":
            outcomes.append(experiment(np.random.default_rng(child)))
        else:
            outcomes.append(experiment(int(child.generate_state(1, np.uint32)[0])))
    return Replications(outcomes, int(seed))
