"""scikit-learn's estimator checks over every regbook estimator."""
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from regbook.estimators import ElasticNet, Lasso, LogisticRegression, Ridge


@parametrize_with_checks(
    [
        Ridge(),
        Ridge(solver="gd"),
        Lasso(),
        ElasticNet(),
        ElasticNet(solver="fista"),
        LogisticRegression(),
        LogisticRegression(l1_ratio=1.0),
    ]
)
# Some checks fit unscaled data with few iterations; not converging there is expected.
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
