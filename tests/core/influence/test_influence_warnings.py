"""Every warning rule of the influence map, each with a map that trips it and one that doesn't."""

from __future__ import annotations

import pytest

from katerm.core.influence.read import InfluenceMap, Member, Person, tree_rows
from katerm.core.influence.rules import WARNING_CODES, warnings

SELLER, LEAD = "u-seller", "u-lead"


def person(pid: str, **kw) -> Person:
    values = dict(
        id=pid,
        name=kw.pop("name", pid.upper()),
        title="",
        department="",
        role="",
        other_roles=(),
        influence="",
        attitude="unknown",
        support_level="",
        favours_competitor="",
        level=0,
        covered_by=None,
        reports_to=None,
        rising_star=False,
    )
    values.update(kw)
    return Person(**values)


def make_map(
    *people: Person,
    tier: str | None = "B",
    scheme: str = "revenue",
    planned: frozenset[str] = frozenset(),
) -> InfluenceMap:
    m = InfluenceMap("acc", "Acme", tier, scheme, SELLER)
    m.people = {p.id: p for p in people}
    m.ours = {SELLER: Member(SELLER, "li.na", "Li Na"), LEAD: Member(LEAD, "wang.lei", "Wang Lei")}
    m.planned = planned
    m.rows = tree_rows(m.people)
    m.warnings = warnings(m)
    return m


def healthy() -> list[Person]:
    """A map a lead would be happy with: no warning at all."""
    return [
        person(
            "gm",
            role="decision_maker",
            influence="high",
            attitude="supporter",
            covered_by=LEAD,
            level=2,
        ),
        person(
            "cio",
            role="recommender",
            other_roles=("executive_sponsor",),
            influence="high",
            attitude="supporter",
            covered_by=SELLER,
            level=3,
            reports_to="gm",
        ),
        person(
            "itm",
            role="coach",
            influence="medium",
            attitude="supporter",
            covered_by=SELLER,
            level=3,
            reports_to="cio",
        ),
        person("buyer", role="buyer", influence="low", attitude="neutral", reports_to="gm"),
    ]


def codes(m: InfluenceMap) -> list[str]:
    return [w.code for w in m.warnings]


def replace(people: list[Person], pid: str, **kw) -> list[Person]:
    from dataclasses import replace as dc_replace

    return [dc_replace(p, **kw) if p.id == pid else p for p in people]


def test_a_healthy_map_has_no_warning_even_at_a_top_tier_account():
    assert codes(make_map(*healthy(), tier="A")) == []


def test_an_empty_map_has_nothing_to_judge():
    assert codes(make_map(tier="A")) == []


def test_no_coach():
    people = replace(healthy(), "itm", role="user")
    assert "no_coach" in codes(make_map(*people))
    # A coach as a second role counts too.
    people = replace(people, "buyer", other_roles=("coach",))
    assert "no_coach" not in codes(make_map(*people))


def test_decision_maker_unknown():
    people = replace(healthy(), "gm", role="approver")
    m = make_map(*people)
    assert "decision_maker_unknown" in codes(m)
    assert "decision_maker_unknown" not in codes(make_map(*healthy()))


def test_decision_maker_uncovered_names_them_and_is_not_repeated_as_influential():
    m = make_map(*replace(healthy(), "gm", covered_by=None))
    found = {w.code: w for w in m.warnings}
    assert found["decision_maker_uncovered"].contacts == ("gm",)
    assert "GM" in found["decision_maker_uncovered"].message
    assert "influential_uncovered" not in found  # the same person, said once
    assert "decision_maker_uncovered" not in codes(make_map(*healthy()))


def test_decision_maker_opposed_by_attitude_or_support_level():
    m = make_map(*replace(healthy(), "gm", attitude="opponent"))
    assert "decision_maker_opposed" in codes(m)
    m = make_map(*replace(healthy(), "gm", attitude="neutral", support_level="does_not_accept"))
    assert "decision_maker_opposed" in codes(m)
    m = make_map(*replace(healthy(), "gm", attitude="neutral", support_level="neutral"))
    assert "decision_maker_opposed" not in codes(m)


def test_influential_opponent_without_a_planned_action():
    people = [
        *healthy(),
        person("cfo", influence="high", attitude="opponent", covered_by=LEAD, reports_to="gm"),
    ]
    m = make_map(*people)
    warning = next(w for w in m.warnings if w.code == "influential_opponent_unplanned")
    assert warning.contacts == ("cfo",)
    assert "influential_opponent_unplanned" not in codes(
        make_map(*people, planned=frozenset({"cfo"}))
    )
    # A medium-influence opponent is not the emergency.
    people = replace(people, "cfo", influence="medium")
    assert "influential_opponent_unplanned" not in codes(make_map(*people))


def test_influential_people_nobody_covers():
    m = make_map(*replace(healthy(), "cio", covered_by=None))
    assert [w.contacts for w in m.warnings if w.code == "influential_uncovered"] == [("cio",)]
    m = make_map(*replace(healthy(), "buyer", influence="medium"))
    assert "influential_uncovered" not in codes(m)


def test_single_threaded_when_one_of_us_covers_everyone():
    people = replace(healthy(), "gm", covered_by=SELLER)
    m = make_map(*people)
    warning = next(w for w in m.warnings if w.code == "single_threaded")
    assert "Li Na" in warning.message
    assert set(warning.contacts) == {"gm", "cio", "itm"}


def test_single_threaded_when_only_one_contact_is_covered():
    people = replace(healthy(), "cio", covered_by=None)
    people = replace(people, "itm", covered_by=None)
    m = make_map(*people)
    assert [w.contacts for w in m.warnings if w.code == "single_threaded"] == [("gm",)]
    # Two of us covering two people is not single-threaded.
    assert "single_threaded" not in codes(make_map(*healthy()))


def test_one_level_deep_when_nobody_we_reach_is_at_the_decision_level():
    people = replace(healthy(), "gm", level=0)
    people = replace(people, "cio", other_roles=(), level=3)
    m = make_map(*people)
    warning = next(w for w in m.warnings if w.code == "one_level_deep")
    assert set(warning.contacts) == {"cio", "itm"}
    # Reaching the top of the chart is enough, whatever the role.
    assert "one_level_deep" not in codes(make_map(*healthy()))
    # Reaching an approver lower down is enough too.
    people = replace(people, "itm", other_roles=("approver",))
    assert "one_level_deep" not in codes(make_map(*people))


def test_rising_star_nobody_covers():
    people = replace(healthy(), "buyer", rising_star=True)
    assert [
        w.contacts for w in make_map(*people).warnings if w.code == "rising_star_uncovered"
    ] == [("buyer",)]
    people = replace(people, "buyer", covered_by=LEAD)
    assert "rising_star_uncovered" not in codes(make_map(*people))


@pytest.mark.parametrize(
    ("tier", "scheme", "warned"),
    [
        ("A", "revenue", True),
        ("B", "revenue", False),
        ("strategic", "strategic", True),
        ("partner", "strategic", False),
        ("whale", "fish", True),
        (None, "revenue", False),
    ],
)
def test_no_executive_sponsor_at_a_top_tier_account(tier, scheme, warned):
    people = replace(healthy(), "cio", other_roles=())
    m = make_map(*people, tier=tier, scheme=scheme)
    assert ("no_executive_sponsor" in codes(m)) is warned
    assert "no_executive_sponsor" not in codes(make_map(*healthy(), tier=tier, scheme=scheme))


def test_warnings_come_in_the_stable_code_order():
    m = make_map(
        person(
            "a",
            influence="high",
            attitude="opponent",
            rising_star=True,
            level=1,
            reports_to="b",
        ),
        person("b", covered_by=SELLER, level=1),
        tier="A",
    )
    found = codes(m)
    assert found == [c for c in WARNING_CODES if c in found]
    assert set(found) == {
        "no_coach",
        "decision_maker_unknown",
        "influential_opponent_unplanned",
        "influential_uncovered",
        "single_threaded",
        "rising_star_uncovered",
        "no_executive_sponsor",
    }


def test_every_warning_says_what_to_do_in_both_languages():
    from katerm.i18n import t

    for code in WARNING_CODES:
        for lang in ("en", "zh_CN"):
            assert t(f"influence.warn.{code}", lang=lang) != f"influence.warn.{code}"
