"""The sync rules in Python (clients) and in PL/pgSQL (app.check_value) give the same verdict.

A client sets aside what the server would refuse and nothing else; a form accepts what the
server takes. Hypothesis feeds both the same values for every rule of every synced table.
"""

from __future__ import annotations

import json
import os

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from katerm.core.sync.rules import problem
from katerm.core.sync.rules_tables import table_rules
from katerm.core.sync.schema import synced_tables

EXAMPLES = int(os.environ.get("KATERM_HYPOTHESIS_EXAMPLES", "20")) * 20
FIELDS = [(t.name, f) for t in synced_tables() for f in t.names]
# Characters that make rules differ if anything does: digits and date punctuation, every
# kind of space, full-width forms, letters of both cases.
ALPHABET = "0123456789-:T.+ZWabcfA_ \t\n\r\x0b\x0c\u3000ＡＢ１２，éß"
SAMPLES = [
    "",
    "2026-02-29",
    "2024-02-29",
    "02-29",
    "2026-13-01",
    "0000-01-01",
    "2026-01-01T23:59:59.123456+00:00",
    "2026-01-01T24:00:00+00:00",
    "2026-01-01\n",
    "A",
    "whale",
    "revenue",
    "prospect",
    "CNY",
    "lead",
    "open",
    "[]",
    "{}",
    '["00000000-0000-4000-8000-000000000001"]',
    "00000000-0000-4000-8000-000000000001",
    "decision_maker,coach",
    "coach,",
    "W48",
    "2026-W48",
    " ",
    "\t\n",
    "key_1",
]
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(SAMPLES),
    st.text(ALPHABET, max_size=14),
    st.text(max_size=3).filter(lambda s: "\x00" not in s),
)


@pytest.fixture
def admin_conn(admin_url):
    with psycopg.connect(admin_url, autocommit=True) as conn:
        yield conn


def test_python_and_postgresql_agree_on_every_rule(admin_url):
    with psycopg.connect(admin_url, autocommit=True) as conn:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        )
        @given(
            st.sampled_from(FIELDS),
            values,
            st.sampled_from(["revenue", "fish", "strategic", "size", "bogus", None]),
        )
        def agree(where, value, other):
            table, field = where
            rule = table_rules(table)[field]
            if isinstance(value, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in value):
                return  # not text PostgreSQL can hold at all
            expected = problem(rule, value, other)
            found = conn.execute(
                "SELECT app.check_value(r, %s::jsonb, %s::jsonb) FROM app.rules r "
                "WHERE r.tbl = %s AND r.field = %s",
                (json.dumps(value), json.dumps(other), table, field),
            ).fetchone()[0]
            assert found == expected, (table, field, value, other)

        agree()


NAMES = [
    "Same Name Co",
    "ｓａｍｅ　ＮＡＭＥ co",
    "  Acme\t\tLtd ",
    "㈱ 深圳远航",
    "Straße",
    "ΣΊΣΥΦΟΣ",
    "ﬁne",
    "客户 12 有限公司",
    "\x1cx\x1f",
    "İstanbul",
    "Ⅻ ⑴",
    "",
]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.one_of(
        st.sampled_from(NAMES),
        st.text(max_size=12).filter(
            lambda s: "\x00" not in s and not any(0xD800 <= ord(c) <= 0xDFFF for c in s)
        ),
    )
)
def test_python_and_postgresql_give_a_name_the_same_key(admin_conn, name):
    from katerm.core.store.values import name_key

    found = admin_conn.execute("SELECT app.name_key(%s)", (name,)).fetchone()[0]
    assert found == name_key(name), name
