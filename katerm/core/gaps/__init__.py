"""The relationship-gap table (DOMAIN.md §5): rules, the portfolio read, and edits.

* :mod:`~katerm.core.gaps.rules`: dimensions, levels, validation, gap, overdue, ordering;
* :mod:`~katerm.core.gaps.portfolio`: every row I may see, in one read, as plain data;
* :mod:`~katerm.core.gaps.edit`: saving rows; every score change is kept in ``gap_scores``.

Nothing here imports Textual, and the read path imports no SQLAlchemy.
"""
