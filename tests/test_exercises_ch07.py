"""Chapter 7 self-checks: correct answers pass, typical mistakes fail with a helpful message."""
import numpy as np
import pytest

from regbook import soft_threshold
from regbook.exercises import check_backtracking_step, check_ista_step, check_lipschitz, check_ridge_gradient
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


def test_lipschitz_correct(capsys):
    assert check_lipschitz(lambda X: np.linalg.norm(X - X.mean(0), 2) ** 2 / len(X))
    out = capsys.readouterr().out
    assert "2/L" in out and "largest step" not in out   # 1/L is the default, not the largest descent step


def test_lipschitz_message_claim_steps_below_two_over_L_decrease():
    """The success message's claim, checked directly: gradient descent on a centred least-squares
    loss with a step just below 2/L decreases the objective at every step (and 2.05/L does not)."""
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((40, 6)) + 3.0, rng.standard_normal(40)
    Xc, yc = X - X.mean(0), y - y.mean()
    L = np.linalg.eigvalsh(Xc.T @ Xc / 40)[-1]
    f = lambda w: np.sum((Xc @ w - yc) ** 2) / 80
    for factor, decreases in [(1.0, True), (1.95, True), (2.05, False)]:
        w, vals = np.zeros(6), []
        for _ in range(300):
            w = w - factor / L * Xc.T @ (Xc @ w - yc) / 40
            vals.append(f(w))
        assert np.all(np.diff(vals) <= 1e-12) == decreases


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


def _bt(f, grad, w, lam, L0, *, grow=2.0, threshold=lambda lam, L: lam / L, accept=None, max_L=None):
    g, L = grad(w), L0
    while True:
        w_new = soft_threshold(w - g / L, threshold(lam, L))
        d = w_new - w
        ok = f(w_new) <= f(w) + g @ d + L / 2 * d @ d + 1e-14 * abs(f(w))
        if accept is not None:
            ok = accept(L, L0)
        if ok or (max_L is not None and L >= max_L):
            return w_new, L
        L *= grow


def test_backtracking_step_correct():
    assert check_backtracking_step(_bt)


def test_backtracking_step_independent_oracle():
    # a least-squares f whose L is known exactly: L0 far below it ends within a factor 2 of it,
    # L0 above it is accepted at once (the condition holds for every L >= L_true)
    A = np.diag([3.0, 1.0]); c = np.array([1.0, -2.0])
    f = lambda w: float(np.sum((A @ w - c) ** 2)) / 4.0
    grad = lambda w: A.T @ (A @ w - c) / 2.0          # L_true = 9 / 2
    _, L = _bt(f, grad, np.zeros(2), 0.1, 0.01)
    assert 4.5 / 2 < L <= 2 * 4.5
    assert _bt(f, grad, np.zeros(2), 0.1, 10.0)[1] == 10.0


@pytest.mark.parametrize("wrong, message", [
    (lambda f, g, w, lam, L0: _bt(f, g, w, lam, L0, threshold=lambda lam, L: lam), "lam / L"),
    (lambda f, g, w, lam, L0: _bt(f, g, w, lam, L0, accept=lambda L, L0: True), "sufficient-decrease"),
    (lambda f, g, w, lam, L0: _bt(f, g, w, lam, L0, grow=0.5, accept=lambda L, L0: L < L0 / 3), "below L0"),
    (lambda f, g, w, lam, L0: _bt(f, g, w, lam, 2 * _bt(f, g, w, lam, L0)[1]), "FIRST L"),   # one doubling too many
    (lambda f, g, w, lam, L0: _bt(f, g, w, lam, L0)[0], "pair"),
])
def test_backtracking_step_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_backtracking_step(wrong)


def _stub(*args, **kwargs):
    raise NotImplementedError


@pytest.mark.parametrize("check", [check_ridge_gradient, check_ista_step, check_lipschitz,
                                   check_backtracking_step])
def test_stub_is_not_attempted(check, capsys):
    """The notebook ships each exercise as a stub: its check answers False, without raising."""
    assert check(_stub) is False
    out = capsys.readouterr().out
    assert "Not attempted yet" in out and "Correct" not in out


def test_a_wrong_answer_still_raises_not_a_stub_message(capsys):
    # an unrelated error inside the learner's code is not swallowed as "not attempted"
    with pytest.raises(ExerciseError):
        check_lipschitz(lambda X: 1.0)
    assert "Not attempted" not in capsys.readouterr().out
