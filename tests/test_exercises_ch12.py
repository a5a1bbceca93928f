"""The chapter 12 self-checks accept right answers and explain typical wrong ones."""
import numpy as np
import pytest

from regbook.exercises import check_enet_alpha_max, check_ridge_to_elasticnet_alpha
from regbook.exercises._feedback import ExerciseError


def _enet_alpha_max(X, y, l1_ratio):
    return np.max(np.abs(X.T @ (y - y.mean()))) / (len(y) * l1_ratio)


def test_correct_answers_pass():
    assert check_ridge_to_elasticnet_alpha(lambda a, n: a / n)
    assert check_enet_alpha_max(_enet_alpha_max)


def test_centring_X_too_is_also_correct():
    def centred_both(X, y, l1_ratio):
        Xc = X - X.mean(axis=0)
        return np.max(np.abs(Xc.T @ (y - y.mean()))) / (X.shape[0] * l1_ratio)

    assert check_enet_alpha_max(centred_both)


def test_check_agrees_with_sklearn_elasticnet():
    """The checked formula really is the edge of the all-zero region."""
    from sklearn.linear_model import ElasticNet

    from regbook.exercises.ch12 import _alpha_max_problems

    X, y, l1_ratio = _alpha_max_problems()[0]
    a = _enet_alpha_max(X, y, l1_ratio)
    above = ElasticNet(alpha=1.001 * a, l1_ratio=l1_ratio, tol=1e-10, max_iter=100_000)
    below = ElasticNet(alpha=0.95 * a, l1_ratio=l1_ratio, tol=1e-10, max_iter=100_000)
    assert np.all(above.fit(X, y).coef_ == 0)
    assert np.count_nonzero(below.fit(X, y).coef_) >= 1


@pytest.mark.parametrize("fn, match", [
    (lambda a, n: a, "Same number, different model"),
    (lambda a, n: a * n, "Upside down"),
    (lambda a, n: 2 * a / n, "Factor 2"),
    (lambda a, n: 42.0, "Divide Ridge's objective"),
    (lambda a, n: [1, 2], "raised TypeError"),
])
def test_ridge_mistakes(fn, match):
    with pytest.raises(ExerciseError, match=match):
        check_ridge_to_elasticnet_alpha(fn)


@pytest.mark.parametrize("fn, match", [
    (lambda X, y, r: np.max(np.abs(X.T @ y)) / (len(y) * r), "instead of y - mean"),
    (lambda X, y, r: np.max(np.abs(X.T @ (y - y.mean()))) / r, "forgot to divide by n"),
    (lambda X, y, r: np.max(np.abs(X.T @ (y - y.mean()))) / len(y), "forgot l1_ratio"),
    (lambda X, y, r: np.max(np.abs(X.T @ (y - y.mean()))) * r / len(y), "multiplied by l1_ratio"),
    (lambda X, y, r: np.sum(np.abs(X.T @ (y - y.mean()))) / (len(y) * r), "summed over the features"),
    (lambda X, y, r: np.max(X.T @ (y - y.mean())) / (len(y) * r), "absolute value"),
    (lambda X, y, r: np.argmax(np.abs(X.T @ (y - y.mean()))), "index of the strongest feature"),
    (lambda X, y, r: np.argmax(X.T @ (y - y.mean())), "index of the strongest feature"),
    (lambda X, y, r: np.abs(X.T @ (y - y.mean())) / (len(y) * r), "array of shape"),
    (lambda X, y, r: 2 * np.max(np.abs(X.T @ (y - y.mean()))) / (len(y) * r), "subgradient condition"),
    (lambda X, y, r: "big", "not a number"),
    (lambda X, y: 1.0, "raised TypeError"),
])
def test_enet_alpha_max_mistakes(fn, match):
    with pytest.raises(ExerciseError, match=match):
        check_enet_alpha_max(fn)


def test_a_stub_is_not_attempted_yet(capsys):
    def ridge_to_enet(a, n):
        raise NotImplementedError

    def my_alpha_max(X, y, l1_ratio):
        raise NotImplementedError

    assert check_ridge_to_elasticnet_alpha(ridge_to_enet) is False     # no exception, no "Correct!"
    assert check_enet_alpha_max(my_alpha_max) is False
    out = capsys.readouterr().out
    assert out.count("Not attempted yet") == 2 and "Correct!" not in out
