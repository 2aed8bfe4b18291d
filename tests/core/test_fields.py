"""Field rules shared by forms and imports: the fast paths give the same answers."""

from __future__ import annotations

import pytest

from katerm.core import fields
from katerm.core.errors import FieldError, ValidationFailed


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5000000", 5_000_000.0),
        (" 12 ", 12.0),
        ("1_000", 1000.0),
        ("1e3", 1000.0),
        ("1234.567", 1234.57),
        ("1,234", 1234.0),
        ("500万", 5_000_000.0),
        ("", 0.0),
        (None, 0.0),
        (7, 7.0),
    ],
)
def test_money_reads_plain_and_decorated_figures(raw, expected):
    assert fields.money("annual_revenue", raw) == expected


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("-5", "fields.err.negative"),
        ("nan", "fields.err.not_a_number"),
        ("inf", "fields.err.not_a_number"),
        ("abc", "fields.err.not_a_number"),
    ],
)
def test_money_refuses_negative_and_non_numbers(raw, key):
    with pytest.raises(FieldError) as caught:
        fields.money("annual_revenue", raw)
    assert caught.value.key == key


def test_a_remembered_value_gives_the_same_answer_and_a_refusal_repeats():
    for _ in range(3):
        clean = fields.clean_account(
            {"name": "Acme", "tier": "a类", "industry": " Steel "}, new=True
        )
        assert clean["tier_revenue"] == "A" and clean["industry"] == "Steel"
        with pytest.raises(ValidationFailed) as caught:
            fields.clean_account({"name": "Acme", "tier": "whale"}, new=True)
        assert caught.value.by_field().keys() == {"tier"}


def test_tier_is_checked_against_the_rows_scheme():
    assert fields.clean_account({"tier": "海豚", "tier_scheme": "fish"})["tier_fish"] == "dolphin"
    with pytest.raises(ValidationFailed):
        fields.clean_account({"tier": "海豚"}, default_scheme="revenue")
    assert fields.clean_account({"tier": "海豚"}, default_scheme="fish")["tier_fish"] == "dolphin"


def test_lifecycle_defaults_from_revenue_for_a_new_account():
    assert (
        fields.clean_account({"name": "A", "annual_revenue": "10"}, new=True)["lifecycle"]
        == "customer"
    )
    assert fields.clean_account({"name": "A"}, new=True)["lifecycle"] == "prospect"
