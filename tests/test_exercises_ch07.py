"""Chapter 7 self-checks: correct answers pass, typical mistakes fail with a helpful message."""
import numpy as np
import pytest

from regbook import soft_threshold
from regbook.exercises import check_ista_step, check_lipschitz, check_ridge_gradient
from regbook.exercises._feedback import ExerciseError


def ridge_gradient(X, y, w, b, alpha):
    r = X @ w + b - y
    return X.T @ r / len(y) + alpha * w, r.mean()


def test_ridge_gradient_correct(capsys):
    assert check_ridge_gradient(ridge_gradient)
    assert "Correct" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda X, y, w, b, a: (X.T @ (X @ w + b - y) / len(y) + a * np.sign(w), (X @ w + b - y).mean()), "L1"),
    (lambda X, y, w, b, a: (X.T @ (X @ w + b - y) / len(y), (X @ w + b - y).mean()), "no penalty"),
    (lambda X, y, w, b, a: (X.T @ (X @ w + b - y) + a * w, (X @ w + b - y).mean()), "n times"),
    (lambda X, y, w, b, a: (2 * X.T @ (X @ w + b - y) / len(y) + a * w, (X @ w + b - y).mean()), "twice"),
    (lambda X, y, w, b, a: (-(X.T @ (X @ w + b - y)) / len(y) + a * w, (X @ w + b - y).mean()), "sign"),
    (lambda X, y, w, b, a: (X.T @ (X @ w + b - y) / len(y) + a * w, (X @ w + b - y).mean() + a * b),
     "not penalized"),
    (lambda X, y, w, b, a: X.T @ (X @ w + b - y), "pair"),
    (lambda X, y, w, b, a: 1 / 0, "ZeroDivisionError"),
])
def test_ridge_gradient_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_ridge_gradient(wrong)


def test_ista_step_correct():
    assert check_ista_step(lambda w, g, s, a: soft_threshold(w - s * g, s * a))


@pytest.mark.parametrize("wrong, message", [
    (lambda w, g, s, a: soft_threshold(w - s * g, a), "step \\* alpha"),
    (lambda w, g, s, a: w - s * (g + a * np.sign(w)), "subgradient"),
    (lambda w, g, s, a: w - s * g, "forgot the prox"),
    (lambda w, g, s, a: soft_threshold(w, s * a) - s * g, "order"),
    (lambda w, g, s, a: np.sign(w) * np.maximum(np.abs(w - s * g) - s * a, 0), "off by"),
])
def test_ista_step_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_ista_step(wrong)


def test_lipschitz_correct():
    assert check_lipschitz(lambda X: np.linalg.norm(X - X.mean(0), 2) ** 2 / len(X))


@pytest.mark.parametrize("wrong, message", [
    (lambda X: np.linalg.norm(X - X.mean(0), 2) ** 2, "n times"),
    (lambda X: np.linalg.norm(X - X.mean(0), 2) / len(X), "Square"),
    (lambda X: np.linalg.norm(X - X.mean(0)) ** 2 / len(X), "Frobenius"),
    (lambda X: np.linalg.norm(X, 2) ** 2 / len(X), "centre"),
    (lambda X: 1.0, "off by"),
])
def test_lipschitz_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_lipschitz(wrong)


def test_regbook_lipschitz_passes():
    from regbook import lipschitz_constant
    assert check_lipschitz(lipschitz_constant)
