"""Tests for regbook.chapters.bias_variance (chapter 1's simulation)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from problems import stronger_penalty_is_right  # noqa: E402
from regbook import polynomial_features, ridge_closed_form  # noqa: E402
from regbook.chapters.bias_variance import (  # noqa: E402
    PolynomialRidge,
    bias_variance,
    bias_variance_curve,
    true_function,
)


def test_polynomial_ridge_matches_closed_form():
    rng = np.random.default_rng(0)
    x, y = rng.uniform(0, 1, 15), rng.standard_normal(15)
    x_new = np.linspace(0, 1, 7)
    res = ridge_closed_form(polynomial_features(x, 4), y, 0.01)
    expected = polynomial_features(x_new, 4) @ res.coef + res.intercept
    np.testing.assert_allclose(PolynomialRidge(4, 0.01).fit_predict(x, y, x_new), expected)


def test_decomposition_adds_up_to_measured_test_error():
    for model in (PolynomialRidge(1), PolynomialRidge(5), PolynomialRidge(10, alpha=1e-4)):
        r = bias_variance(model, n_datasets=150, random_state=1)
        assert r.total == pytest.approx(r.test_error, rel=0.06)
        assert r.noise == pytest.approx(0.25**2)


def test_noise_free_data_has_no_noise_term_and_exact_bias():
    r = bias_variance(PolynomialRidge(1), noise=0.0, n_datasets=20)
    assert r.noise == 0.0
    assert r.total == pytest.approx(r.test_error, rel=1e-10)


def test_same_seed_same_training_sets_and_known_trends():
    degrees = [1, 3, 10]
    c = bias_variance_curve([PolynomialRidge(d) for d in degrees], degrees, n_datasets=60)
    # a line cannot bend like a sine: large bias; degree 10 varies wildly between training sets
    assert c.bias2[0] > 10 * c.bias2[1]
    assert c.variance[2] > 10 * c.variance[1]
    assert np.all(np.diff(c.train_error) < 0)  # more flexible, smaller training error
    assert c.best_value == 3
    again = bias_variance(PolynomialRidge(3), n_datasets=60)
    assert again.test_error == pytest.approx(c.test_error[1])


def test_penalty_lowers_variance():
    alphas = [1e-8, 1e-3, 1.0]
    c = bias_variance_curve([PolynomialRidge(12, a) for a in alphas], alphas, param="alpha",
                            n_datasets=60)
    assert np.all(np.diff(c.variance) < 0)
    assert c.bias2[2] > c.bias2[1]


def test_plot_returns_axes():
    c = bias_variance_curve([PolynomialRidge(1), PolynomialRidge(2)], [1, 2], n_datasets=5)
    fig, ax = plt.subplots()
    assert c.plot(ax=ax) is ax
    assert ax.get_yscale() == "log"
    assert ax.get_xscale() == "linear" and not ax.xaxis_inverted() and ax.get_xlabel() == "polynomial degree"
    plt.close(fig)


def test_plot_alpha_axis_is_the_books_lambda_axis_in_house_colours():
    from matplotlib.colors import same_color

    from regbook.plotting import PALETTE, alpha_label

    lambdas = [1e-4, 1e-2, 1.0]
    c = bias_variance_curve([PolynomialRidge(5, alpha=a) for a in lambdas], lambdas, param="alpha",
                            n_datasets=5)
    ax = c.plot()
    assert ax.get_xscale() == "log" and stronger_penalty_is_right(ax)  # strongest penalty on the right
    assert ax.get_xlabel() == alpha_label("lambda")
    lines = {ln.get_gid(): ln for ln in ax.lines}
    np.testing.assert_array_equal(lines["variance"].get_ydata(), c.variance)
    for gid in ("bias2", "variance", "total", "test-error", "train-error"):
        assert any(same_color(lines[gid].get_color(), p) for p in PALETTE), gid
    plt.close(ax.figure)


def test_true_function_and_mean_prediction_shape():
    assert true_function([0.0, 0.25]) == pytest.approx([0.0, 1.0])
    r = bias_variance(PolynomialRidge(2), n_datasets=4, n_test=9)
    assert r.predictions.shape == (4, 9) and r.mean_prediction.shape == (9,)


def test_bad_arguments_have_clear_messages():
    with pytest.raises(TypeError, match="fit_predict"):
        bias_variance(object())
    with pytest.raises(ValueError, match="same length"):
        bias_variance_curve([PolynomialRidge(1)], [1, 2])
    with pytest.raises(ValueError, match="param"):
        bias_variance_curve([PolynomialRidge(1)], [1], param="lambda")
    with pytest.raises(ValueError, match="alpha"):
        PolynomialRidge(2, alpha=-1)


def test_fixed_x_keeps_inputs_and_random_x_does_not():
    class Recorder:
        def __init__(self):
            self.xs = []

        def fit_predict(self, x, y, x_new):
            self.xs.append(np.array(x))
            return np.zeros(len(x_new))

    fixed, moving = Recorder(), Recorder()
    bias_variance(fixed, n_datasets=3, fixed_x=True)
    bias_variance(moving, n_datasets=3, fixed_x=False)
    assert all(np.array_equal(fixed.xs[0], x) for x in fixed.xs)
    assert not np.array_equal(moving.xs[0], moving.xs[1])
    with pytest.raises(TypeError, match="fixed_x"):
        bias_variance(PolynomialRidge(1), fixed_x="yes")


def test_bias_correction_is_unbiased_and_keeps_the_sum():
    # a model predicting pure noise around the truth: true bias² = 0, variance = 1
    class NoisyTruth:
        def __init__(self):
            self.rng = np.random.default_rng(3)

        def fit_predict(self, x, y, x_new):
            return true_function(x_new) + self.rng.standard_normal(len(x_new))

    r = bias_variance(NoisyTruth(), n_datasets=400, n_test=200)
    plug_in = np.mean((r.mean_prediction - r.f_test) ** 2)
    assert plug_in == pytest.approx(1 / 400, rel=0.2)       # the naive estimate is biased
    assert abs(r.bias2) < 0.2 / 400                          # the corrected one is not
    assert r.variance == pytest.approx(1.0, rel=0.02)
    assert r.bias2 + r.variance == pytest.approx(plug_in + np.mean(r.predictions.var(axis=0)))


# --- exact fixed-design bias² and variance (the oracle chapter 1 checks its simulation against)

from sklearn.linear_model import Ridge as SkRidge  # noqa: E402

from regbook.chapters.bias_variance import exact_bias_variance, smoother_matrix  # noqa: E402


@pytest.mark.parametrize("degree, alpha", [(1, 0.0), (4, 0.0), (9, 0.0), (12, 1e-4), (6, 0.3)])
def test_smoother_matrix_reproduces_scikit_learn_ridge(degree, alpha):
    rng = np.random.default_rng(degree)
    x, y = np.sort(rng.uniform(0, 1, 15)), rng.standard_normal(15)
    x_new = np.linspace(0, 1, 9)
    S = smoother_matrix(x, x_new, degree, alpha)
    # scikit-learn Ridge minimizes ||y - Xw - b||² + a||w||², the book's λ times 2n: a = nλ
    sk = SkRidge(alpha=15 * alpha, solver="svd").fit(polynomial_features(x, degree), y)
    np.testing.assert_allclose(S @ y, sk.predict(polynomial_features(x_new, degree)), rtol=1e-6, atol=1e-6)


def test_smoother_reproduces_polynomials_it_can_represent():
    x = np.linspace(0, 1, 8)
    S = smoother_matrix(x, [0.1, 0.7], degree=3)
    cubic = lambda t: 2 - t + 3 * t**3  # noqa: E731
    np.testing.assert_allclose(S @ cubic(x), cubic(np.array([0.1, 0.7])))


def test_noise_free_simulation_equals_exact_bias():
    # with σ = 0 every training set gives the same fit: the simulated bias² is exact, variance 0
    r = bias_variance(PolynomialRidge(3, alpha=1e-3), noise=0.0, n_datasets=5, random_state=4)
    e = exact_bias_variance(PolynomialRidge(3, alpha=1e-3), r.x_train, noise=0.0, n_datasets=5)
    assert r.bias2 == pytest.approx(e.bias2, rel=1e-8)
    assert e.variance == 0.0 and r.variance == pytest.approx(0.0, abs=1e-20)


def test_exact_values_and_standard_errors_match_simulations_over_many_designs():
    # (simulated - exact) / se must look standard normal over independent runs: this fails if the
    # exact formulas, the standard errors or the simulation's estimators are wrong
    z = []
    for seed in range(40):
        r = bias_variance(PolynomialRidge(5), n_datasets=100, random_state=seed)
        e = exact_bias_variance(PolynomialRidge(5), r.x_train, n_datasets=100)
        z.append([(r.bias2 - e.bias2) / e.bias2_se, (r.variance - e.variance) / e.variance_se,
                  (r.test_error - e.test_error) / e.test_error_se])
    z = np.array(z)
    assert np.all(np.abs(z.mean(axis=0)) < 0.6)        # mean 0 (s.e. of a mean of 40: 0.16)
    assert np.all((0.6 < z.std(axis=0)) & (z.std(axis=0) < 1.5))  # sd 1
    # the classic mistake, the variance of each curve along x instead of across fits, misses
    wrong = np.mean(r.predictions.var(axis=1))
    assert abs(wrong - e.variance) > 10 * e.variance_se


def test_exact_bias_variance_rejects_bad_input():
    with pytest.raises(TypeError, match="model must be a PolynomialRidge"):
        exact_bias_variance(lambda x: x, [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="n_datasets must be at least 2"):
        exact_bias_variance(PolynomialRidge(1), [0.1, 0.2, 0.3], n_datasets=1)
    with pytest.raises(ValueError, match=r"alpha=0 needs degree \+ 1 <= number of distinct x_train"):
        smoother_matrix([0.1, 0.2, 0.3], [0.5], degree=3)


def test_result_carries_the_fixed_design():
    r = bias_variance(PolynomialRidge(2), n_samples=7, n_datasets=3, random_state=5)
    assert r.x_train.shape == (7,)
    assert bias_variance(PolynomialRidge(2), n_datasets=3, fixed_x=False).x_train is None
    c = bias_variance_curve([PolynomialRidge(1), PolynomialRidge(2)], [1, 2], n_samples=7,
                            n_datasets=3, random_state=5)
    np.testing.assert_array_equal(c.x_train, r.x_train)


@pytest.mark.parametrize("degree, alpha", [(1, 0.0), (3, 0.0), (7, 0.0), (10, 1e-3)])
def test_exact_in_sample_error_matches_a_polyfit_simulation(degree, alpha):
    from regbook.chapters.bias_variance import exact_in_sample_error
    rng = np.random.default_rng(degree)
    x = np.sort(rng.uniform(0, 1, 15))
    exact = exact_in_sample_error(PolynomialRidge(degree, alpha), x, noise=0.3)
    f = true_function(x)
    Y = f[:, None] + 0.3 * rng.standard_normal((15, 4000))       # 4000 training sets, fixed design
    Y_new = f[:, None] + 0.3 * rng.standard_normal((15, 4000))   # fresh targets at the same inputs
    if alpha == 0:   # an independent fitter: numpy's polyfit on all training sets at once
        fits = np.polynomial.polynomial.polyval(x, np.polynomial.polynomial.polyfit(x, Y, degree)).T
    else:            # scikit-learn Ridge (alpha = n λ) on the book's polynomial features
        feats = polynomial_features(x, degree)
        fits = SkRidge(alpha=15 * alpha, solver="svd").fit(feats, Y).predict(feats)
    train = np.mean((Y - fits) ** 2, axis=0)
    in_sample = np.mean((Y_new - fits) ** 2, axis=0)
    for sim, value in [(train, exact.train_error), (in_sample, exact.in_sample_error)]:
        assert abs(sim.mean() - value) < 4 * sim.std(ddof=1) / np.sqrt(sim.size)
    # the optimism theorem: 2σ² df / n, with df = degree + 1 for least squares
    assert exact.optimism == pytest.approx(2 * 0.09 * exact.df / 15, rel=1e-9)
    if alpha == 0:
        assert exact.df == pytest.approx(degree + 1, rel=1e-9)
    else:
        assert exact.df < degree + 1


def test_exact_in_sample_error_rejects_bad_input():
    from regbook.chapters.bias_variance import exact_in_sample_error
    with pytest.raises(TypeError, match="model must be a PolynomialRidge"):
        exact_in_sample_error("cubic", [0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="noise"):
        exact_in_sample_error(PolynomialRidge(1), [0.1, 0.2, 0.3], noise=-1.0)
