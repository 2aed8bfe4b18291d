"""The lines of influence between the people at an account (who sways whom, how strongly)."""

from __future__ import annotations

from katerm.core.io.kind import ID, NOTE, USER, Col, Kind, Ref

_STRENGTHS = ("strong", "medium", "weak")
_ACCOUNT = Ref("account_id", "accounts", "account_id", "account", required=True)

INFLUENCE_LINES = Kind(
    name="influence_lines",
    table="influence_lines",
    depends=("contacts",),
    refs=(
        _ACCOUNT,
        Ref(
            "from_contact_id",
            "contacts",
            "from_contact_id",
            "from_contact",
            within="account_id",
            required=True,
        ),
        Ref(
            "to_contact_id",
            "contacts",
            "to_contact_id",
            "to_contact",
            within="account_id",
            required=True,
        ),
    ),
    columns=(
        Col("id", ID, template=False),
        Col("account_id", ID, template=False),
        Col("account", required=True),
        Col("from_contact_id", ID, template=False),
        Col("from_contact", required=True),
        Col("to_contact_id", ID, template=False),
        Col("to_contact", required=True),
        Col("strength", choices=_STRENGTHS, default="medium", words="influence.strength"),
        Col("owner", USER),
        Col("notes", NOTE),
    ),
    key=("from_contact_id", "to_contact_id"),
    sheet_aliases=("influence", "影响关系"),
    aliases=("influence", "lines"),
)
