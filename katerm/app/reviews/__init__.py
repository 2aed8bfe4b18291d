"""The reviews room (mode 5): my day and my week (``screen``), the evening review
(``meeting``, ``summary``), the checklist template (``template``), the quick activity log
(``log_activity``, key l from anywhere), their dialogs and widgets.

Modes and tabs import these modules lazily (``katerm.app.modes``): start-up loads only the
first screen.
"""
