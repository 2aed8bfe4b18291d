"""Broad relationships (普遍客户关系, DOMAIN.md §7, the LTC seed): the routine actions a team
keeps at an account — team activities (sports, entertainment, festival gatherings, family
events), business events (exchanges, brand events, management training) and routine care,
key-message updates and department socials — each with a cadence, carried out as activities
that name it, and counted per month (:func:`broad_count`, a plain function the monthly review
can call).

* :mod:`~katerm.core.broad.read`: the routines with their last and next time, those due by a
  day (my day), the count;
* :mod:`~katerm.core.broad.edit`: adding a routine, changing it, logging it done (an
  activity); deleting one is the store's tombstone, undone like any record.
"""

from katerm.core.broad.edit import ROUTINE_ACTIVITY, add_routine, edit_routine, log_routine
from katerm.core.broad.read import (
    KINDS,
    BroadCount,
    Routine,
    account_routines,
    broad_count,
    due_routines,
    find_routine,
    routines,
    routines_done_by_owner,
    routines_json,
)

__all__ = [
    "KINDS",
    "ROUTINE_ACTIVITY",
    "BroadCount",
    "Routine",
    "account_routines",
    "add_routine",
    "broad_count",
    "due_routines",
    "edit_routine",
    "find_routine",
    "log_routine",
    "routines",
    "routines_done_by_owner",
    "routines_json",
]
