"""Accounts and their contacts: the records every other feature hangs off.

* :mod:`~katerm.core.accounts.read`: an account or its contacts as plain records, the
  palette's name search, counts;
* :mod:`~katerm.core.accounts.edit`: saving accounts and contacts (every field checked, names
  unique), deleting and restoring any record;
* :mod:`~katerm.core.accounts.lookup`: finding the account a user names (CLI and dialogs);
* :mod:`~katerm.core.accounts.listing`: the accounts list held in memory, filtered and sorted
  per keystroke.

The read path (``read``, ``listing``) uses plain sqlite3 only: showing the first screen does
not import SQLAlchemy.
"""

from katerm.core.accounts.edit import (
    computed_tiers,
    delete_record,
    restore_record,
    save_account,
    save_contact,
    tier_rule,
    use_tier_rule,
)
from katerm.core.accounts.listing import (
    COLUMNS,
    AccountIndex,
    Preview,
    Query,
    View,
    first_page,
    load_index,
)
from katerm.core.accounts.lookup import (
    complete_name,
    load_account_choices,
    pick_accounts,
    resolve_account,
)
from katerm.core.accounts.read import (
    ACCOUNT_FIELDS,
    CONTACT_FIELDS,
    AccountRecord,
    ContactRecord,
    SearchHit,
    account_name,
    contact_choices,
    count_accounts,
    get_account,
    list_contacts,
    name_key,
    name_taken,
    search_names,
)

__all__ = [
    "ACCOUNT_FIELDS",
    "COLUMNS",
    "CONTACT_FIELDS",
    "AccountIndex",
    "AccountRecord",
    "ContactRecord",
    "Preview",
    "Query",
    "SearchHit",
    "View",
    "account_name",
    "complete_name",
    "computed_tiers",
    "contact_choices",
    "count_accounts",
    "delete_record",
    "first_page",
    "get_account",
    "list_contacts",
    "load_account_choices",
    "load_index",
    "name_key",
    "name_taken",
    "pick_accounts",
    "resolve_account",
    "restore_record",
    "save_account",
    "save_contact",
    "search_names",
    "tier_rule",
    "use_tier_rule",
]
