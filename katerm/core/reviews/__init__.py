"""Reviews: the activity log, daily and weekly checklists, and the evening review (issue 8).

* ``clock``: the user's time zone, today, and periods (a day, an ISO week) as UTC ranges;
* ``activities``: logging visits, calls, meetings... and finding the account and contacts;
* ``registry``: measures (ticked from data) and evening-review sections that features plug
  into by registering a function; ``measures`` and ``sections`` hold the built-in ones;
* ``templates``: the checklist each team uses, kept as versioned data so edits only reach
  future checklists;
* ``checklist``: a person's checklist for a day or week, computed once for screen and CLI;
* ``plans``: tomorrow's plan, the weekly plan sheet and follow-ups;
* ``evening``: the team lead's evening review and its summary; ``weekly``: 8-week trends;
* ``render``: the same results as text, Markdown or JSON.
"""
