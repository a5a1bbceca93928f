"""Putting a chapter's measured results in front of the reader: glued numbers and small tables.

Two rules of the book live here. A number that an experiment produced and the prose quotes is
*glued* into the Markdown from the run (``glue("ch04_share", share)`` in a code cell,
``{glue:text}`ch04_share:.0%``` in the text), so prose and proof cannot drift; and results are
shown as a small table, not as lines of printed numbers.

:func:`glue` writes exactly what ``myst_nb.glue`` writes (the same output metadata), without
importing myst-nb: the notebooks bundle that readers install has no book-building tools, and
the chapters must still run there. The Jupyter Book build reads the glued values as usual.
"""
from __future__ import annotations

import numbers

import numpy as np

__all__ = ["glue", "table"]

# myst-nb's prefix for values glued without being displayed (myst_nb.ext.glue.GLUE_PREFIX)
_HIDDEN_PREFIX = "application/papermill.record/"


def glue(name, value, display=False):
    """Record ``value`` under ``name`` for ``{glue:text}`name``` in the chapter's Markdown.

    Parameters
    ----------
    name : str
        A name unique in the book; by convention it starts with the chapter, ``"ch04_..."``.
    value : object
        What to insert; a number keeps its full precision so the Markdown can format it
        (``{glue:text}`ch04_share:.1%```). NumPy scalars are converted to Python numbers.
    display : bool, default False
        Also show the value in the cell's output (the build shows it too).

    Returns
    -------
    object
        ``value`` (as converted), so ``x = glue("name", compute())`` reads naturally.

    Examples
    --------
    Outside IPython (a script, a doctest) there is no notebook to record into, so the value is
    only returned:

    >>> glue("ch00_example", np.float64(0.25))
    0.25
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and not np.isfinite(value):
        raise ValueError(f"glue({name!r}): the value is {value!r}; a chapter never quotes a "
                         "non-finite number (check the computation that produced it)")
    try:
        from IPython import get_ipython
        from IPython.core.formatters import format_display_data
        from IPython.display import display as ipy_display
    except ImportError:  # pragma: no cover - IPython ships with every notebook install
        return value
    if get_ipython() is None:
        return value
    bundle, metadata = format_display_data(value)
    prefix = "" if display else _HIDDEN_PREFIX
    metadata["scrapbook"] = {"name": name, "mime_prefix": prefix}
    ipy_display({prefix + k: v for k, v in bundle.items()}, raw=True, metadata=metadata)
    return value


def _cell(v, fmt):
    if isinstance(v, str):
        return v
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, numbers.Integral) and not isinstance(v, bool):
        return f"{v:,}"
    if isinstance(v, numbers.Real) and not isinstance(v, bool):
        return format(v, fmt)
    return str(v)


def table(rows, columns, *, fmt=".3g", caption=None, display=True):
    """Show results as a small table (Markdown in the book, readable in Jupyter and in text).

    Parameters
    ----------
    rows : sequence of sequences
        One row per setting; strings are shown as they are, integers with thousands
        separators, other numbers with ``fmt``.
    columns : sequence of str
        The column headers (one per entry of each row).
    fmt : str, default ".3g"
        Format of non-integer numbers (a format spec, e.g. ``".2f"`` or ``".1%"``).
    caption : str, optional
        A sentence above the table saying what was measured and over how many draws.
    display : bool, default True
        Display the table (as Markdown in a notebook, printed outside one).

    Returns
    -------
    str
        The table as Markdown text.

    Examples
    --------
    >>> print(table([["ridge", 0.5], ["lasso", 12]], ["model", "error"], display=False))
    | model | error |
    |---|---|
    | ridge | 0.5 |
    | lasso | 12 |
    """
    columns = [str(c) for c in columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for i, row in enumerate(rows):
        row = list(row)
        if len(row) != len(columns):
            raise ValueError(f"row {i} has {len(row)} entries for {len(columns)} columns")
        lines.append("| " + " | ".join(_cell(v, fmt).replace("|", "\\|") for v in row) + " |")
    text = "\n".join(lines)
    if caption:
        text = f"{caption}\n\n{text}"
    if display:
        try:
            from IPython import get_ipython
            from IPython.display import Markdown
            from IPython.display import display as ipy_display
        except ImportError:  # pragma: no cover
            print(text)
        else:
            if get_ipython() is None:
                print(text)
            else:
                ipy_display(Markdown(text))
    return text
