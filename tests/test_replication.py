"""regbook.replication against independent oracles: SciPy's Wilson interval, simulated coverage,
the exact mean and standard error, and numpy's own spawned streams."""
import math

import numpy as np
import pytest
from scipy import stats

import regbook
from regbook.replication import Frequency, MeanSE, Replications, replicate, wilson_interval


@pytest.mark.parametrize("k, n", [(0, 1), (1, 1), (0, 20), (3, 20), (10, 20), (20, 20),
                                  (435, 500), (1, 1000), (999, 1000)])
@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.99])
def test_wilson_interval_matches_scipy(k, n, confidence):
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    low, high = wilson_interval(k, n, confidence)
    assert low == pytest.approx(ci.low, abs=1e-12)
    assert high == pytest.approx(ci.high, abs=1e-12)


def test_frequency_interval_matches_scipy_and_reads_as_prose():
    f = Frequency.from_counts(435, 500)
    ci = stats.binomtest(435, 500).proportion_ci(method="wilson")
    assert (f.k, f.n, f.p) == (435, 500, 0.87)
    assert (f.ci_low, f.ci_high) == pytest.approx((ci.low, ci.high), abs=1e-12)
    assert f.format("data sets") == "in 87% of 500 data sets (95% CI 84-90%)"
    assert str(f) == "87% of 500 (95% CI 84-90%)"
    # scipy: binomtest(1, 3).proportion_ci(0.9, method="wilson") = (0.0783, 0.7465)
    assert Frequency.from_counts(1, 3, 0.9).format(digits=1) == "in 33.3% of 3 (90% CI 7.8-74.6%)"


def test_the_95_percent_interval_covers_a_known_p_in_about_95_percent_of_repeats():
    # 2,000 repeats of 200 Bernoulli(0.3) draws; numpy's binomial sampler is the oracle.
    rng = np.random.default_rng(12345)
    p, n = 0.3, 200
    ks = rng.binomial(n, p, size=2000)
    covered = [lo <= p <= hi for lo, hi in (wilson_interval(int(k), n) for k in ks)]
    coverage = np.mean(covered)
    # a 95% interval for the coverage itself is about ±1 percentage point at 2,000 repeats
    assert 0.93 <= coverage <= 0.97, coverage
    # and the naive point +- 0 interval would almost never cover
    assert np.mean(ks == p * n) < 0.1


def test_mean_and_standard_error_match_scipy():
    values = np.random.default_rng(3).normal(2.0, 0.5, size=37)
    m = MeanSE.from_values(values)
    assert m.mean == pytest.approx(np.mean(values), rel=1e-12)
    assert m.se == pytest.approx(stats.sem(values), rel=1e-12)
    assert m.n == 37
    assert str(MeanSE(0.14213, 0.00312, 200)) == "0.142 ± 0.00312 (mean ± s.e., n = 200)"


def test_draws_are_reproducible_independent_and_numpy_spawned_streams():
    first = replicate(lambda rng: rng.random(3), n_draws=50, seed=7)
    again = replicate(lambda rng: rng.random(3), n_draws=50, seed=7)
    other = replicate(lambda rng: rng.random(3), n_draws=50, seed=8)
    a, b, c = (np.array(r.outcomes) for r in (first, again, other))
    assert np.array_equal(a, b)                              # same seed -> same draws
    assert len({row.tobytes() for row in a}) == 50           # every draw differs
    assert not np.isin(a, c).any()                           # another seed, other draws
    # draw i is child i of SeedSequence(seed).spawn(n): built here independently
    children = np.random.SeedSequence(7).spawn(50)
    assert np.array_equal(a[13], np.random.default_rng(children[13]).random(3))
    # and does not depend on how many draws were asked for
    assert np.array_equal(np.array(replicate(lambda rng: rng.random(3), 20, seed=7).outcomes), a[:20])
    # the draws look independent: neighbouring draws are uncorrelated
    x = np.array(replicate(lambda rng: rng.normal(), 2000, seed=1).outcomes)
    assert abs(np.corrcoef(x[:-1], x[1:])[0, 1]) < 4 / math.sqrt(2000)


def test_pass_as_seed_gives_distinct_reproducible_integer_seeds():
    seeds = replicate(lambda s: s, 300, seed=2, pass_as="seed").outcomes
    assert all(isinstance(s, int) and 0 <= s < 2**32 for s in seeds)
    assert len(set(seeds)) == 300
    assert seeds == replicate(lambda s: s, 300, seed=2, pass_as="seed").outcomes
    # usable as random_state by scikit-learn and regbook
    X, _, _ = regbook.make_sparse_regression(10, 3, 1, random_state=seeds[0])
    assert X.shape == (10, 3)


def test_frequency_of_a_known_event_and_the_margin_asserts():
    # P(U < 0.9) = 0.9 exactly; 1,000 draws
    reps = replicate(lambda rng: rng.random(), 1000, seed=0)
    f = reps.frequency(lambda u: u < 0.9)
    assert f.ci_low <= 0.9 <= f.ci_high
    assert reps.assert_frequency_at_least(0.85, lambda u: u < 0.9) == f
    assert reps.assert_frequency_at_most(0.95, lambda u: u < 0.9) == f
    # asserting on the interval, not the point: the point estimate clears f.p - 0.005,
    # the lower bound does not, so the assert fails and says why
    with pytest.raises(AssertionError, match="lower confidence bound"):
        reps.assert_frequency_at_least(f.p - 0.005, lambda u: u < 0.9)
    with pytest.raises(AssertionError, match="upper confidence bound"):
        reps.assert_frequency_at_most(f.p + 0.005, lambda u: u < 0.9)
    m = reps.assert_mean_at_least(0.45)
    assert abs(m.mean - 0.5) < 3 * m.se
    reps.assert_mean_at_most(0.55)
    with pytest.raises(AssertionError, match="standard errors above"):
        reps.assert_mean_at_least(m.mean)
    with pytest.raises(AssertionError, match="standard errors below"):
        reps.assert_mean_at_most(m.mean)


def test_bool_outcomes_need_no_predicate():
    reps = Replications([True, False, True, True], seed=0)
    assert reps.frequency().k == 3 and len(reps) == 4
    assert repr(reps) == "Replications(n=4, seed=0)"


@pytest.mark.parametrize("call, exc, match", [
    (lambda: replicate(42), TypeError, "experiment must be a function"),
    (lambda: replicate(lambda r: 1, n_draws=0), ValueError, "n_draws must be >= 1"),
    (lambda: replicate(lambda r: 1, n_draws=2.5), TypeError, "n_draws must be a positive integer"),
    (lambda: replicate(lambda r: 1, seed=-1), ValueError, "seed must be a non-negative integer"),
    (lambda: replicate(lambda r: 1, seed="a"), ValueError, "seed must be a non-negative integer"),
    (lambda: replicate(lambda r: 1, pass_as="gen"), ValueError, "pass_as='gen' is not recognised"),
    (lambda: wilson_interval(5, 3), ValueError, "k must satisfy 0 <= k <= n"),
    (lambda: wilson_interval(1.5, 3), TypeError, "k must be an integer count"),
    (lambda: wilson_interval(1, 0), ValueError, "n must be >= 1"),
    (lambda: wilson_interval(1, 3, confidence=95), ValueError, "confidence must be strictly between"),
    (lambda: wilson_interval(1, 3, confidence="high"), TypeError, "confidence must be a number"),
    (lambda: Replications([1, 2], 0).frequency(), TypeError, "pred must return True or False"),
    (lambda: Replications([1, 2], 0).frequency(pred=3), TypeError, "pred must be a function"),
    (lambda: Replications([1.0], 0).mean(), ValueError, "func must map each outcome.*at least 2"),
    (lambda: Replications([1.0, np.nan], 0).mean(), ValueError, "NaN or inf"),
    (lambda: Replications([True], 0).assert_frequency_at_least(1.5), ValueError,
     "p must be a probability in"),
])
def test_bad_input_names_the_argument(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_public_names_are_exported():
    for name in ["Frequency", "MeanSE", "Replications", "replicate", "wilson_interval"]:
        assert getattr(regbook, name) is getattr(regbook.replication, name)
        assert name in regbook.__all__


def test_frequency_strictly_inside_never_prints_never_or_always():
    from regbook.replication import Frequency
    assert Frequency.from_counts(995, 1000).format().startswith("in >99% of 1000")
    assert Frequency.from_counts(1, 1000).format().startswith("in <1% of 1000")
    assert Frequency.from_counts(1000, 1000).format().startswith("in 100% of 1000")
    assert Frequency.from_counts(0, 1000).format().startswith("in 0% of 1000")
    assert Frequency.from_counts(1, 1000).format(digits=1).startswith("in 0.1% of 1000")


def test_counting_no_outcomes_says_so():
    from regbook.replication import Replications
    with pytest.raises(ValueError, match=r"^there are no outcomes to count"):
        Replications([], 0).frequency()
