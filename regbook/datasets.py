"""Data the chapters use: small generators with a known truth, and bundled real data.

Every generator takes ``random_state`` so a chapter that seeds it prints the same
numbers on every run. The real datasets (diabetes, breast cancer) ship inside
scikit-learn, so nothing is downloaded; :func:`diabetes_data` and
:func:`breast_cancer_data` return plain ``(X, y, feature_names)`` tuples and are
named so that they are not mistaken for scikit-learn's ``load_diabetes`` and
``load_breast_cancer``, which return a ``Bunch``. For an ill-conditioned matrix
use :func:`scipy.linalg.hilbert`.
"""
from __future__ import annotations

import numpy as np
from sklearn import datasets as _skdatasets

from ._validation import check_positive_int

__all__ = [
    "make_two_points",
    "make_sine",
    "polynomial_features",
    "make_sparse_regression",
    "make_correlated_blocks",
    "diabetes_data",
    "breast_cancer_data",
]


def _rng(random_state):
    return np.random.default_rng(random_state)


def make_two_points():
    """Two training points and a held-out test set for the "line through two points" story.

    Years of experience (feature) and salary in thousands (target). The two training
    points happen to lie on a steep line; the test points follow the gentler
    trend of the population, so the perfect training fit predicts badly.

    Returns
    -------
    X_train : ndarray (2, 1)
    y_train : ndarray (2,)
    X_test : ndarray (8, 1)
    y_test : ndarray (8,)

    Examples
    --------
    >>> X_train, y_train, X_test, y_test = make_two_points()
    >>> X_train.shape, X_test.shape
    ((2, 1), (8, 1))
    """
    X_train = np.array([[2.0], [4.0]])
    y_train = np.array([40.0, 70.0])
    x_test = np.array([1.0, 3.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0])
    # Population trend: 45 + 4 * years, with fixed (not random) deviations.
    y_test = 45.0 + 4.0 * x_test + np.array([-2.0, 3.0, -1.0, 2.0, -3.0, 1.0, 2.0, -2.0])
    return X_train, y_train, x_test.reshape(-1, 1), y_test


def make_sine(n_samples=20, *, noise=0.25, x_range=(0.0, 1.0), random_state=0):
    """Noisy samples of ``sin(2 pi x)``: the classic overfitting playground.

    Parameters
    ----------
    n_samples : int, default=20
        Number of points.
    noise : float, default=0.25
        Standard deviation of the Gaussian noise added to the target.
    x_range : (float, float), default=(0.0, 1.0)
        ``x`` is uniform on this interval.
    random_state : int or None, default=0
        Seed for :func:`numpy.random.default_rng`; the same seed gives the same data.

    Returns
    -------
    x : ndarray (n_samples,), sorted
    y : ndarray (n_samples,)

    Examples
    --------
    >>> x, y = make_sine(5, random_state=0)
    >>> x.shape
    (5,)
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    rng = _rng(random_state)
    x = np.sort(rng.uniform(x_range[0], x_range[1], n_samples))
    y = np.sin(2 * np.pi * x) + noise * rng.standard_normal(n_samples)
    return x, y


def polynomial_features(x, degree, *, x_range=(0.0, 1.0)):
    """Columns ``t, t^2, ..., t^degree`` of ``x`` rescaled to ``t`` in [-1, 1].

    Rescaling keeps high powers well conditioned; no constant column is added
    because every regbook model fits its own (unpenalized) intercept.

    Parameters
    ----------
    x : array_like of shape (n_samples,)
        The one input variable (flattened if not 1-D).
    degree : int >= 1
        The highest power; the number of columns.
    x_range : (float, float), default=(0.0, 1.0)
        The interval mapped linearly onto ``t`` in [-1, 1] (``lo -> -1``, ``hi -> 1``);
        use the training range so that test points get the same map.

    Returns
    -------
    features : ndarray of shape (n_samples, degree)
        Column ``k - 1`` is ``t ** k``.

    Examples
    --------
    >>> polynomial_features([0.0, 1.0], 3)
    array([[-1.,  1., -1.],
           [ 1.,  1.,  1.]])

    The same columns as scikit-learn's ``PolynomialFeatures`` on ``t``, without its constant:

    >>> import numpy as np
    >>> from sklearn.preprocessing import PolynomialFeatures
    >>> x = np.array([0.1, 0.4, 0.9])
    >>> ref = PolynomialFeatures(4, include_bias=False).fit_transform((2 * x - 1)[:, None])
    >>> bool(np.allclose(polynomial_features(x, 4), ref))
    True
    """
    degree = check_positive_int(degree, "degree")
    x = np.asarray(x, dtype=float).ravel()
    lo, hi = x_range
    t = 2.0 * (x - lo) / (hi - lo) - 1.0
    return np.column_stack([t**k for k in range(1, degree + 1)])


def make_sparse_regression(
    n_samples=100,
    n_features=20,
    n_informative=5,
    *,
    noise=1.0,
    correlation=0.0,
    coef_scale=3.0,
    random_state=0,
):
    """Linear data whose true weight vector has only ``n_informative`` non-zeros.

    Features are Gaussian with pairwise correlation ``correlation`` (equicorrelated),
    and ``y = X @ coef + noise * N(0, 1)`` with no intercept.

    Parameters
    ----------
    n_samples : int, default=100
        Number of rows.
    n_features : int, default=20
        Number of columns.
    n_informative : int in [0, n_features], default=5
        Number of non-zero true weights (the first ones).
    noise : float, default=1.0
        Standard deviation of the Gaussian noise added to ``y``.
    correlation : float in [0, 1), default=0.0
        Correlation between every pair of features (each has variance 1).
    coef_scale : float, default=3.0
        Size of the non-zero weights: random signs times ``coef_scale * U(0.5, 1.5)``.
    random_state : int, numpy Generator or None, default=0
        Seed for :func:`numpy.random.default_rng`; the same seed gives the same data.

    Returns
    -------
    X : ndarray (n_samples, n_features)
    y : ndarray (n_samples,)
    coef : ndarray (n_features,)
        The true weights; the first ``n_informative`` are non-zero.

    See Also
    --------
    make_correlated_blocks : Correlated groups of features instead of one common correlation.

    Examples
    --------
    >>> X, y, coef = make_sparse_regression(50, 10, 3, random_state=1)
    >>> X.shape, int((coef != 0).sum())
    ((50, 10), 3)
    >>> import numpy as np
    >>> X, y, coef = make_sparse_regression(5000, 4, 2, noise=0.0, correlation=0.5, random_state=1)
    >>> bool(np.allclose(y, X @ coef)), bool(abs(np.corrcoef(X, rowvar=False)[0, 1] - 0.5) < 0.05)
    (True, True)
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    n_features = check_positive_int(n_features, "n_features")
    if not 0 <= n_informative <= n_features:
        raise ValueError(
            f"n_informative must be between 0 and n_features={n_features}, got {n_informative}."
        )
    if not 0.0 <= correlation < 1.0:
        raise ValueError(f"correlation must be in [0, 1), got {correlation}.")
    rng = _rng(random_state)
    shared = rng.standard_normal((n_samples, 1))
    X = np.sqrt(correlation) * shared + np.sqrt(1.0 - correlation) * rng.standard_normal(
        (n_samples, n_features)
    )
    coef = np.zeros(n_features)
    signs = rng.choice([-1.0, 1.0], n_informative)
    coef[:n_informative] = signs * coef_scale * rng.uniform(0.5, 1.5, n_informative)
    y = X @ coef + noise * rng.standard_normal(n_samples)
    return X, y, coef


def make_correlated_blocks(
    n_samples=100,
    n_blocks=3,
    block_size=4,
    *,
    correlation=0.95,
    informative_blocks=1,
    noise=1.0,
    random_state=0,
):
    """Features in blocks of near-copies of one hidden signal per block.

    Within a block every pair of features has correlation about ``correlation``;
    blocks are independent. The target depends equally on every feature of the
    first ``informative_blocks`` blocks (the "grouping effect" setting of Zou &
    Hastie 2005): ``y = X @ coef + noise * N(0, 1)`` with ``coef`` 1 on those features.

    Parameters
    ----------
    n_samples : int, default=100
        Number of rows.
    n_blocks : int, default=3
        Number of independent blocks.
    block_size : int, default=4
        Features per block.
    correlation : float in [0, 1), default=0.95
        Correlation between two features of the same block (each has variance 1).
    informative_blocks : int in [0, n_blocks], default=1
        How many blocks (the first ones) the target depends on.
    noise : float, default=1.0
        Standard deviation of the Gaussian noise added to ``y``.
    random_state : int, numpy Generator or None, default=0
        Seed for :func:`numpy.random.default_rng`.

    Returns
    -------
    X : ndarray (n_samples, n_blocks * block_size)
    y : ndarray (n_samples,)
    coef : ndarray (n_blocks * block_size,)
        The true weights: 1.0 on the informative blocks, 0.0 elsewhere.
    groups : ndarray of int (n_blocks * block_size,)
        The block index of each feature.

    Examples
    --------
    >>> X, y, coef, groups = make_correlated_blocks(30, 2, 3, random_state=0)
    >>> X.shape, groups.tolist(), coef.tolist()
    ((30, 6), [0, 0, 0, 1, 1, 1], [1.0, 1.0, 1.0, 0.0, 0.0, 0.0])

    The within-block correlation is close to ``correlation`` (checked on many rows):

    >>> import numpy as np
    >>> X, *_ = make_correlated_blocks(20_000, 2, 2, correlation=0.9, random_state=1)
    >>> C = np.corrcoef(X, rowvar=False)
    >>> bool(abs(C[0, 1] - 0.9) < 0.01 and abs(C[0, 2]) < 0.03)
    True
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    n_blocks = check_positive_int(n_blocks, "n_blocks")
    block_size = check_positive_int(block_size, "block_size")
    if not 0.0 <= correlation < 1.0:
        raise ValueError(f"correlation must be in [0, 1), got {correlation}.")
    if not 0 <= informative_blocks <= n_blocks:
        raise ValueError(
            f"informative_blocks must be between 0 and n_blocks={n_blocks}, got {informative_blocks}."
        )
    rng = _rng(random_state)
    hidden = rng.standard_normal((n_samples, n_blocks))
    groups = np.repeat(np.arange(n_blocks), block_size)
    X = np.sqrt(correlation) * hidden[:, groups] + np.sqrt(1.0 - correlation) * rng.standard_normal(
        (n_samples, n_blocks * block_size)
    )
    coef = np.where(groups < informative_blocks, 1.0, 0.0)
    y = X @ coef + noise * rng.standard_normal(n_samples)
    return X, y, coef, groups


def diabetes_data():
    """The diabetes data as a tuple ``(X, y, feature_names)`` (442 patients, 10 features).

    The same numbers as ``sklearn.datasets.load_diabetes()`` (10 baseline
    features, target = disease progression after one year), returned as a tuple
    instead of a ``Bunch``, with ``X`` and ``y`` copied. The columns are centred and
    scaled to unit Euclidean norm (each has standard deviation ``1/sqrt(442)``,
    about 0.048), not standardized to unit variance: a λ tuned on them does not
    transfer to standardized columns.

    Returns
    -------
    X : ndarray (442, 10)
    y : ndarray (442,)
    feature_names : list of str
        ``age, sex, bmi, bp, s1, ..., s6``.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> X, y, names = diabetes_data()
    >>> X.shape, names[:3]
    ((442, 10), ['age', 'sex', 'bmi'])
    >>> bool((X == load_diabetes().data).all() and (y == load_diabetes().target).all())
    True
    >>> bool(np.allclose(np.linalg.norm(X, axis=0), 1.0) and np.allclose(X.mean(axis=0), 0.0))
    True
    """
    data = _skdatasets.load_diabetes()
    return data.data.copy(), data.target.astype(float), [str(name) for name in data.feature_names]


def breast_cancer_data():
    """The breast cancer data as a tuple ``(X, y, feature_names)`` (569 tumours, 30 features).

    The same numbers as ``sklearn.datasets.load_breast_cancer()`` (label 1 =
    benign), returned as a tuple instead of a ``Bunch``, with ``X`` copied.

    Returns
    -------
    X : ndarray (569, 30)
    y : ndarray (569,) of {0, 1}
    feature_names : list of str

    Examples
    --------
    >>> from sklearn.datasets import load_breast_cancer
    >>> X, y, names = breast_cancer_data()
    >>> X.shape, int(y.sum()), names[0]
    ((569, 30), 357, 'mean radius')
    >>> bool((X == load_breast_cancer().data).all())
    True
    """
    data = _skdatasets.load_breast_cancer()
    return data.data.copy(), data.target.astype(int), [str(name) for name in data.feature_names]
