"""Chapter-only experiments: code that belongs to one chapter, not to the library.

The core of regbook (penalties, solvers, paths, estimators, plotting, explorers)
is what a reader may take to their own data. The modules here each run one
chapter's experiments and return the numbers that chapter asserts; they build
on the core and are imported explicitly, never by ``import regbook``:

==================  =====================================================
``bias_variance``   chapter 1: simulated bias², variance and noise
``sparsity``        chapters 4-6: reading paths, counting exact zeros,
                    selection frequencies over resamples
``myths``           chapter 10: one experiment per popular claim
``bayes``           chapter 11: priors, posteriors on grids, MAP estimates
``cheatsheet``      chapter 12: every cheat-sheet conversion, verified
==================  =====================================================
"""
