"""Chapter-only experiments: code that belongs to one chapter, not to the library.

The core of regbook (penalties, solvers, paths, estimators, plotting, explorers)
is what a reader may take to their own data. The modules here each run one
chapter's experiments and return the numbers that chapter asserts; they build
on the core and are imported explicitly, never by ``import regbook``:

==================  =====================================================
``bias_variance``   chapter 1: simulated bias², variance and noise
``ridge_theory``    chapter 3: ridge's fixed-design bias² and variance,
                    the Hoerl-Kennard bound, sign changes along the path
``lars``            chapter 4: least angle regression from scratch (LAR and
                    the lasso drop rule), the lasso's degrees of freedom
``convergence``     chapter 7: a p > n design with spread curvatures, log-log
                    and linear rate estimates
``sparsity``        chapters 4-6: reading paths, counting exact zeros,
                    selection frequencies over resamples
``elastic_net``     chapter 6: naive vs rescaled Elastic Net, entry points on a
                    fine grid, p > n selection counts, prediction vs the lasso
``tuning``          chapter 8: fold-error loops, repeated K-fold, nested CV,
                    the choice of K, grouped CV, lasso over-selection
``decay``           chapter 9: L2 penalty vs decoupled weight decay (SGD,
                    Adam, AdamW from scratch), MLPRegressor's objective
``myths``           chapter 10: one experiment per popular claim
``bayes``           chapter 11: priors, posteriors, credible intervals and
                    their coverage, the evidence (empirical Bayes)
``cheatsheet``      chapter 12: every formula, convention and decision-table
                    claim, verified
``speed``           chapter 13: seven lasso-path solvers one idea apart (naive,
                    residual and covariance updates, warm starts, strong
                    rules, active sets, gap-safe screening) and their timing
==================  =====================================================
"""
