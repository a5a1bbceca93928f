"""The chapter 10 self-checks accept right answers and explain typical wrong ones."""
import numpy as np
import pytest

from regbook.exercises import check_lasso_non_unique, check_median_constant
from regbook.exercises._feedback import ExerciseError
from regbook.solvers import coordinate_descent


def test_median_passes(capsys):
    assert check_median_constant(np.median)
    assert "Correct" in capsys.readouterr().out


def test_lower_median_of_even_sample_also_passes():
    assert check_median_constant(lambda y: np.sort(y)[(len(y) - 1) // 2])


def test_mean_is_explained():
    with pytest.raises(ExerciseError, match="mean minimizes the \\*squared\\* loss"):
        check_median_constant(np.mean)


def test_wrong_number_is_explained():
    with pytest.raises(ExerciseError, match="gives sum"):
        check_median_constant(lambda y: 0.0)


def test_non_scalar_and_crash_are_explained():
    with pytest.raises(ExerciseError, match="Return one number"):
        check_median_constant(lambda y: y)
    with pytest.raises(ExerciseError, match="raised ZeroDivisionError"):
        check_median_constant(lambda y: 1 / 0)


def _dup_problem():
    rng = np.random.default_rng(0)
    x1, x2 = rng.standard_normal((2, 40))
    X = np.column_stack([x1, x1, x2])
    y = 2 * x1 - x2 + 0.3 * rng.standard_normal(40)
    return X, y


def test_two_solutions_on_duplicated_design_pass():
    X, y = _dup_problem()
    w = coordinate_descent(X, y, 0.1).coef
    total = w[0] + w[1]
    assert check_lasso_non_unique(X, y, 0.1, [total, 0, w[2]], [0, total, w[2]])


def test_same_solution_twice_fails():
    X, y = _dup_problem()
    w = coordinate_descent(X, y, 0.1).coef
    with pytest.raises(ExerciseError, match="same solution"):
        check_lasso_non_unique(X, y, 0.1, w, w)


def test_non_optimal_split_fails():
    X, y = _dup_problem()
    w = coordinate_descent(X, y, 0.1).coef
    total = w[0] + w[1]
    with pytest.raises(ExerciseError, match="not a lasso solution"):
        check_lasso_non_unique(X, y, 0.1, [total, 0, w[2]], [2 * total, -total, w[2]])


def test_bad_shapes_and_alpha_fail():
    X, y = _dup_problem()
    with pytest.raises(ExerciseError, match="3 entries"):
        check_lasso_non_unique(X, y, 0.1, [1.0, 0.0], [0.0, 1.0])
    with pytest.raises(ExerciseError, match="alpha > 0"):
        check_lasso_non_unique(X, y, 0.0, [1.0, 0, 0], [0, 1.0, 0])


# ---- check_shift_location: oracle = a direct minimization of Huber's loss, independently coded
def _huber_by_grid(y, lam):
    grid = np.linspace(y.min(), y.max(), 200001)
    r = np.abs(y[None, :] - grid[:, None])
    loss = np.sum(np.where(r <= lam, r**2 / 2, lam * r - lam**2 / 2), axis=1)
    return grid[np.argmin(loss)]


def _alternating(y, lam):
    c = np.mean(y)
    for _ in range(10000):
        r = y - c
        gamma = np.sign(r) * np.maximum(np.abs(r) - lam, 0)
        c_new = np.mean(y - gamma)
        if abs(c_new - c) < 1e-14:
            break
        c = c_new
    return c


def test_shift_location_passes_the_alternating_solution(capsys):
    from regbook.exercises.ch10 import check_shift_location
    assert check_shift_location(_alternating)
    assert "Huber" in capsys.readouterr().out


def test_shift_location_oracle_matches_a_grid():
    from regbook.exercises.ch10 import _huber_location
    y = np.array([0.0, 0.3, -0.2, 0.1, 8.0, 9.0])
    assert _huber_location(y, 0.5) == pytest.approx(_huber_by_grid(y, 0.5), abs=1e-4)
    assert _huber_location(y, 0.5) == pytest.approx(_alternating(y, 0.5), abs=1e-8)


@pytest.mark.parametrize("fn, message", [
    (lambda y, lam: np.mean(y), "returned the mean"),
    (lambda y, lam: np.median(y), "returned the median"),
    (lambda y, lam: 0.0, "the minimizer is"),
    (lambda y, lam: [1.0, 2.0], "Return one number"),
])
def test_shift_location_explains_wrong_answers(fn, message):
    from regbook.exercises.ch10 import check_shift_location
    with pytest.raises(ExerciseError, match=message):
        check_shift_location(fn)


def _stub0():
    raise NotImplementedError


def _stub1(y):
    raise NotImplementedError


def _stub2(y, lam):
    raise NotImplementedError


@pytest.mark.parametrize("check, stub", [
    ("check_median_constant", _stub1),
    ("check_two_lasso_solutions", _stub0),
    ("check_shift_location", _stub2),
])
def test_stub_is_not_attempted(check, stub, capsys):
    """The notebook ships stubs: each check answers "not attempted" (False), it does not raise."""
    import regbook.exercises as ex
    assert getattr(ex, check)(stub) is False
    assert "Not attempted yet" in capsys.readouterr().out


def test_two_lasso_solutions_accepts_the_duplicated_column():
    from regbook.exercises import check_two_lasso_solutions

    def construction():
        rng = np.random.default_rng(1)
        x1, x2 = rng.standard_normal((2, 40))
        X = np.column_stack([x1, x1, x2])
        y = 2 * x1 - x2 + 0.3 * rng.standard_normal(40)
        w = coordinate_descent(X, y, 0.1).coef
        return X, y, [w[0] + w[1], 0.0, w[2]], [0.0, w[0] + w[1], w[2]]
    assert check_two_lasso_solutions(construction)


def test_two_lasso_solutions_explains_a_wrong_shape_and_a_single_solution():
    from regbook.exercises import check_two_lasso_solutions
    with pytest.raises(ExerciseError, match="four things"):
        check_two_lasso_solutions(lambda: (1, 2))
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((30, 3)), rng.standard_normal(30)
    w = coordinate_descent(X, y, 0.1).coef
    with pytest.raises(ExerciseError, match="same solution"):
        check_two_lasso_solutions(lambda: (X, y, w, w))
