"""Chapter 9 self-checks: correct answers pass, typical mistakes fail with a helpful message."""
import numpy as np
import pytest

from regbook.exercises import check_decay_rate, check_dropout_penalty, check_svm_margin
from regbook.exercises._feedback import ExerciseError


def test_margin_correct():
    assert check_svm_margin(lambda w: 2 / np.linalg.norm(w))


@pytest.mark.parametrize("wrong, message", [
    (lambda w: 1 / np.linalg.norm(w), "ONE margin"),
    (lambda w: 2 / np.sum(w ** 2), "not its square"),
    (lambda w: 2 / np.abs(w).sum(), "Euclidean"),
    (lambda w: [1, 2], "one number"),
])
def test_margin_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_svm_margin(wrong)


def test_dropout_correct():
    assert check_dropout_penalty(lambda X, q: (1 - q) / q * np.mean(X ** 2, axis=0))


@pytest.mark.parametrize("wrong, message", [
    (lambda X, q: (1 - q) * np.mean(X ** 2, axis=0), "1/q"),
    (lambda X, q: q / (1 - q) * np.mean(X ** 2, axis=0), "upside down"),
    (lambda X, q: (1 - q) / q * np.sum(X ** 2, axis=0), "Divide"),
    (lambda X, q: (1 - q) / q * np.var(X, axis=0), "variance"),
    (lambda X, q: np.full(X.shape[1], (1 - q) / q), "per feature"),
    (lambda X, q: np.zeros(X.shape[1]), "off by"),
])
def test_dropout_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_dropout_penalty(wrong)


def test_decay_rate_correct():
    assert check_decay_rate(lambda lr, l2: lr * l2)


@pytest.mark.parametrize("wrong, message", [
    (lambda lr, l2: l2, "step size is part"),
    (lambda lr, l2: l2 / lr, "backwards"),
    (lambda lr, l2: 1 - lr * l2, "multiplied by"),
    (lambda lr, l2: lr * l2 * 2, "decay rate for lr"),
    (lambda lr, l2: [lr, l2], "one number"),
])
def test_decay_rate_mistakes(wrong, message):
    with pytest.raises(ExerciseError, match=message):
        check_decay_rate(wrong)


def _stub1(w):
    raise NotImplementedError


def _stub2(X, keep_prob):
    raise NotImplementedError


def _stub3(lr, l2):
    raise NotImplementedError


@pytest.mark.parametrize("check, stub", [
    (check_svm_margin, _stub1),
    (check_dropout_penalty, _stub2),
    (check_decay_rate, _stub3),
])
def test_stub_is_not_attempted(check, stub, capsys):
    """The notebook ships stubs: each check answers "not attempted" (False), it does not raise."""
    assert check(stub) is False
    assert "Not attempted yet" in capsys.readouterr().out
