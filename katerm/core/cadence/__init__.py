"""Above the day and the week: the monthly review and its league table (月度经营分析会,
对标大会, 四单管理通报).

* :mod:`~katerm.core.cadence.monthly`: a month's four-order figures per person, one GROUP BY
  each;
* :mod:`~katerm.core.cadence.league`: sellers and teams ranked on each figure, with the
  change from last month (:func:`monthly_review`);
* :mod:`~katerm.core.cadence.text`: JSON, the plain league table and Markdown.
"""

from katerm.core.cadence.league import load_monthly_review, monthly_review, ranks
from katerm.core.cadence.monthly import (
    FIGURES,
    LOWER_IS_BETTER,
    Figures,
    LeagueRow,
    Month,
    MonthlyReview,
    month_figures,
    parse_month,
    total,
)
from katerm.core.cadence.text import (
    figure_text,
    headers,
    review_json,
    review_markdown,
    tables,
    title,
)

__all__ = [
    "FIGURES",
    "LOWER_IS_BETTER",
    "Figures",
    "LeagueRow",
    "Month",
    "MonthlyReview",
    "figure_text",
    "headers",
    "load_monthly_review",
    "month_figures",
    "monthly_review",
    "parse_month",
    "ranks",
    "review_json",
    "review_markdown",
    "tables",
    "title",
    "total",
]
