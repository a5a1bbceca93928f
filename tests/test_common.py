"""scikit-learn's estimator checks over every regbook estimator."""
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from regbook.estimators import ElasticNet, Lasso, LogisticRegression, Ridge


@parametrize_with_checks(
    [
        # The checks test the API on unscaled toy data, not accuracy: small
        # iteration caps keep them fast.
        Ridge(),
        Ridge(solver="gd", max_iter=300),
        Lasso(),
        ElasticNet(),
        ElasticNet(solver="fista", max_iter=300),
        LogisticRegression(max_iter=300),
        LogisticRegression(l1_ratio=1.0, max_iter=300),
    ]
)
# Some checks fit unscaled data with few iterations; not converging there is expected.
@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
