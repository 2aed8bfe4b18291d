"""Above the day and the week: the monthly review and its league table (月度经营分析会,
对标大会, 四单管理通报).

* :mod:`~katerm.core.cadence.monthly`: a month's four-order figures per person, one GROUP BY
  each;
* :mod:`~katerm.core.cadence.league`: sellers and teams ranked on each figure, with the
  change from last month (:func:`monthly_review`);
* :mod:`~katerm.core.cadence.accounts`: the month's A-account analysis (tiers, top risks);
* :mod:`~katerm.core.cadence.quarterly`: the quarterly review (plans, forecast, win/loss),
  with :mod:`~katerm.core.cadence.quarter_plans` (a plan as it stood) and
  :mod:`~katerm.core.cadence.quarter_text`;
* :mod:`~katerm.core.cadence.charts`, :mod:`~katerm.core.cadence.html` and
  :mod:`~katerm.core.cadence.sheets`: the charts (terminal bars, inline SVG), the
  self-contained HTML page and the workbook's sheets;
* :mod:`~katerm.core.cadence.text`: JSON, the plain league table and Markdown.
"""

from katerm.core.cadence.accounts import (
    RISK_KINDS,
    AccountAnalysis,
    Risk,
    TierLine,
    account_analysis,
)
from katerm.core.cadence.charts import Chart, chart_svg, monthly_charts, quarterly_charts, text_bars
from katerm.core.cadence.html import report_html
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
from katerm.core.cadence.quarter_text import (
    quarter_json,
    quarter_legend,
    quarter_markdown,
    quarter_sections,
    quarter_title,
)
from katerm.core.cadence.quarterly import (
    ForecastMonth,
    LossReason,
    PlanLine,
    Quarter,
    QuarterlyReview,
    load_quarterly_review,
    parse_quarter,
    quarterly_review,
)
from katerm.core.cadence.sheets import Sheet, monthly_sheets, quarterly_sheets
from katerm.core.cadence.text import (
    Section,
    analysis_json,
    analysis_sections,
    figure_columns,
    figure_text,
    headers,
    is_figure,
    legend,
    markdown_sections,
    new_accounts_json,
    new_accounts_section,
    review_json,
    review_markdown,
    routines_done_json,
    routines_section,
    seller_sections,
    tables,
    title,
)

__all__ = [
    "FIGURES",
    "LOWER_IS_BETTER",
    "RISK_KINDS",
    "AccountAnalysis",
    "Chart",
    "Figures",
    "ForecastMonth",
    "LeagueRow",
    "LossReason",
    "Month",
    "MonthlyReview",
    "PlanLine",
    "Quarter",
    "QuarterlyReview",
    "Risk",
    "Section",
    "Sheet",
    "TierLine",
    "account_analysis",
    "analysis_json",
    "analysis_sections",
    "chart_svg",
    "figure_columns",
    "figure_text",
    "headers",
    "is_figure",
    "legend",
    "load_monthly_review",
    "load_quarterly_review",
    "markdown_sections",
    "month_figures",
    "monthly_charts",
    "monthly_review",
    "monthly_sheets",
    "new_accounts_json",
    "new_accounts_section",
    "parse_month",
    "parse_quarter",
    "quarter_json",
    "quarter_legend",
    "quarter_markdown",
    "quarter_sections",
    "quarter_title",
    "quarterly_charts",
    "quarterly_review",
    "quarterly_sheets",
    "ranks",
    "report_html",
    "review_json",
    "review_markdown",
    "routines_done_json",
    "routines_section",
    "seller_sections",
    "tables",
    "text_bars",
    "title",
    "total",
]
