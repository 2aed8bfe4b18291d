"""The demo's steps, in the order they run: the one place a feature adds its own.

A step is ``Step(name, function)`` with ``function(ctx: DemoContext, rng: random.Random)``
(see ``pipeline`` for what the context holds). Where a new step goes:

* it changes accounts or contacts (tier overrides, influence roles): a per-batch step
  before ``write``; it sees the batch in ``ctx.accounts``, org charts included;
* it fills a table of its own for each account or contact (gap scores, activities, plans):
  a per-batch step after ``write`` that stores its rows with ``ctx.write(table, rows,
  total=...)``;
* it needs the whole portfolio first (pyramid targets from the tier counts): a step at the
  end (not per batch) that reads what was written with ``ctx.db.reading()``.

Never rename a step: its name seeds its random generator, so renaming changes its data.
"""

from __future__ import annotations

from katerm.core.demo.activities import make_activities
from katerm.core.demo.cards import make_cards, mark_people_left
from katerm.core.demo.competitors import make_competitor_friends, make_competitors
from katerm.core.demo.evaluation import write_account_years, write_member_grades
from katerm.core.demo.gaps import make_gaps
from katerm.core.demo.influence import make_influence_maps, write_influence_lines
from katerm.core.demo.money import make_currencies, write_rates
from katerm.core.demo.opportunities import make_opportunities
from katerm.core.demo.orgchart import make_org_charts
from katerm.core.demo.pipeline import Step
from katerm.core.demo.plans import make_plans
from katerm.core.demo.portfolio import make_accounts
from katerm.core.demo.pyramid import add_pyramid_figures, write_override_history, write_targets
from katerm.core.demo.reviews import make_review_history
from katerm.core.demo.stageplans import make_stage_plans
from katerm.core.demo.team import make_team
from katerm.core.demo.write import write_portfolio, write_team

STEPS: tuple[Step, ...] = (
    Step("team", make_team),
    Step("write_team", write_team),
    Step("accounts", make_accounts, per_batch=True),
    Step("contacts", make_org_charts, per_batch=True),
    # Per-batch steps that change accounts or contacts go here, before they are written.
    Step("pyramid", add_pyramid_figures, per_batch=True),
    Step("influence", make_influence_maps, per_batch=True),  # after pyramid: reads final tiers
    Step("key_people_left", mark_people_left, per_batch=True),  # after roles are known
    Step("competitor_friends", make_competitor_friends, per_batch=True),  # after influence
    Step("currencies", make_currencies, per_batch=True),  # after the figures are drawn
    Step("write", write_portfolio, per_batch=True),
    # Per-batch steps that fill tables of their own go here.
    Step("pyramid_history", write_override_history, per_batch=True),
    Step("opportunities", make_opportunities, per_batch=True),
    Step("plans", make_plans, per_batch=True),  # after opportunities: solutions link to them
    Step("influence_lines", write_influence_lines, per_batch=True),
    Step("expansion_cards", make_cards, per_batch=True),
    Step("gaps", make_gaps, per_batch=True),
    Step("competitors", make_competitors, per_batch=True),  # after opportunities: its orders
    # Steps that need the whole portfolio go here, without per_batch.
    Step("pyramid_targets", write_targets),
    Step("activities", make_activities),
    Step("stage_plans", make_stage_plans),  # after activities: ties some to their orders
    Step("review_history", make_review_history),
    Step("member_grades", write_member_grades),  # who serves which tier (issue 17, part 7)
    Step("account_years", write_account_years),  # the periodic evaluation's yearly figures
    Step("currency_rates", write_rates),
)
