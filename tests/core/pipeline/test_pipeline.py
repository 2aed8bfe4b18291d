"""Pipeline figures: by stage, win rate and cycle time, in SQL and from loaded rows alike."""

from __future__ import annotations

from datetime import date

import pytest

from katerm.core import money
from katerm.core.errors import ValidationFailed
from katerm.core.money import load_rates
from katerm.core.pipeline.board import figures_of, money_lines, pipeline_figures, pipeline_rows
from katerm.core.pipeline.opportunities import save_opportunity
from katerm.core.pipeline.steps import close_lost, validate_lead
from tests.core.plan_helpers import account, team

JAN = date(2026, 1, 1)


def opportunity(ws, acc, name, amount, probability, *, stage="lead", opened=JAN, currency="CNY"):
    return save_opportunity(
        ws,
        acc,
        None,
        {
            "name": name,
            "amount": amount,
            "probability": probability,
            "stage": stage,
            "opened_on": opened.isoformat(),
            "currency": currency,
        },
        today=opened,
    )


@pytest.fixture
def pipeline(workspace):
    acc, _ = account(workspace)
    a = opportunity(workspace, acc, "A", 100, 30)
    save_opportunity(workspace, acc, a, {"stage": "contract"}, today=date(2026, 2, 1))
    b = opportunity(workspace, acc, "B", 300, 30)
    save_opportunity(workspace, acc, b, {"stage": "contract"}, today=date(2026, 3, 2))
    save_opportunity(workspace, acc, b, {"stage": "delivery"}, today=date(2026, 4, 1))
    c = opportunity(workspace, acc, "C", 50, 30)
    close_lost(workspace, c, today=date(2026, 2, 15), loss_reason="Price", winner="Globex")
    opportunity(workspace, acc, "D", 200, 50, stage="opportunity")
    opportunity(workspace, acc, "E", 100, 10)
    f = opportunity(workspace, acc, "F", 999, 10)
    validate_lead(workspace, f, [], "close", today=JAN)
    return workspace


def test_win_rate_counts_won_against_lost_and_cycle_time_the_won(pipeline):
    with pipeline.db.reading() as conn:
        figures = pipeline_figures(conn, None)
    assert (figures.won, figures.lost, figures.dropped) == (2, 1, 1)
    assert figures.win_rate == pytest.approx(2 / 3)
    assert figures.cycle_days == pytest.approx((31 + 60) / 2)
    assert figures.won_amount == 400


def test_stages_hold_open_and_won_opportunities_with_weighted_amounts(pipeline):
    with pipeline.db.reading() as conn:
        figures = pipeline_figures(conn, None)
    by_stage = {s.stage: (s.count, s.amount, s.weighted) for s in figures.stages}
    assert by_stage == {
        "lead": (1, 100, 10),
        "opportunity": (1, 200, 100),
        "contract": (1, 100, 100),
        "delivery": (1, 300, 300),
        "cash": (0, 0, 0),
    }
    assert (figures.open_count, figures.open_amount) == (2, 300)


def test_sql_figures_equal_the_figures_of_loaded_rows(pipeline):
    with pipeline.db.reading() as conn:
        rows = pipeline_rows(conn, None, JAN)
        assert figures_of(rows, load_rates(conn)) == pipeline_figures(conn, None)


def test_the_first_page_is_the_start_of_the_whole_board_with_its_figures(pipeline):
    from katerm.core.pipeline.board import load_board, load_board_start

    me = pipeline.me.id
    board = load_board(pipeline.db, me, JAN)
    listed = [r for r in board.rows if r.opportunity.outcome in ("open", "won")]
    start = load_board_start(pipeline.db, me, JAN, limit=3)
    assert start.rows == listed[:3]
    assert start.listed == len(listed) == 4
    assert start.figures == figures_of(board.rows, board.rates)
    assert start.teams == board.teams


def test_nothing_closed_means_no_rate_rather_than_zero(workspace):
    acc, _ = account(workspace)
    opportunity(workspace, acc, "Only", 10, 10)
    with workspace.db.reading() as conn:
        figures = pipeline_figures(conn, None)
    assert figures.win_rate is None and figures.cycle_days is None


def test_figures_follow_owner_and_tier(workspace):
    lead, seller = team(workspace)
    mine, _ = account(workspace, "Mine", tier="A")
    theirs, _ = account(workspace, "Theirs", owner=seller, tier="C")
    opportunity(workspace, mine, "M", 10, 10)
    opportunity(workspace, theirs, "T", 20, 10)
    with workspace.db.reading() as conn:
        assert pipeline_figures(conn, [seller]).open_amount == 20
        assert pipeline_figures(conn, [lead, seller], tier="A").open_amount == 10
        assert pipeline_figures(conn, []).open_count == 0


def test_bad_opportunity_values_are_refused_field_by_field(workspace):
    acc, _ = account(workspace)
    with pytest.raises(ValidationFailed) as info:
        save_opportunity(
            workspace,
            acc,
            None,
            {
                "name": " ",
                "amount": "lots",
                "probability": "140",
                "stage": "won",
                "expected_close": "2026-13-01",
            },
            today=JAN,
        )
    assert set(info.value.by_field()) == {
        "name",
        "amount",
        "probability",
        "stage",
        "expected_close",
    }
    with workspace.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM opportunities").fetchone()[0] == 0


def test_a_deleted_account_takes_its_opportunities_out_of_the_pipeline(workspace):
    from katerm.core.accounts.edit import delete_record

    gone, _ = account(workspace, "Gone")
    kept, _ = account(workspace, "Kept")
    opportunity(workspace, gone, "G", 10, 10)
    opportunity(workspace, kept, "K", 20, 10)
    delete_record(workspace, "accounts", gone)
    with workspace.db.reading() as conn:
        assert pipeline_figures(conn, None).open_amount == 20
        rows = pipeline_rows(conn, None, JAN)
        assert figures_of(rows, load_rates(conn)) == pipeline_figures(conn, None)


def test_amounts_in_other_currencies_are_converted_or_listed_never_added_as_base(workspace):
    acc, _ = account(workspace)
    opportunity(workspace, acc, "Yuan", 1_000, 50)
    opportunity(workspace, acc, "Dollars", 100, 50, currency="USD")
    opportunity(workspace, acc, "Euros", 100, 50, currency="EUR")
    money.set_rate(workspace.db, "USD", "7.1", workspace.me.id)
    with workspace.db.reading() as conn:
        figures = pipeline_figures(conn, None)
        rows = pipeline_rows(conn, None, JAN)
        assert figures_of(rows, load_rates(conn)) == figures
    lead = figures.stages[0]
    assert lead.amount == 1_710  # 1,000 CNY + 100 USD x 7.1; EUR is not added
    assert lead.weighted == 855
    assert figures.open_total.not_converted == (money.Amount("EUR", 100),)
    assert figures.open_total.converted_from == ("USD",)
    lines = money_lines(figures)
    assert lines[0] == "Open pipeline: ≈ 1,710 CNY at your rates"
    assert lines[-1].startswith("EUR 100 not converted")
