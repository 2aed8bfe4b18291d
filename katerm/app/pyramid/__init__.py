"""The pyramid room (mode 2): the screen and its tabs (figures, a tier's accounts,
re-tier suggestions, settings), the share chart, and the account screen's tier-history tab
(``history``).

Modes and tabs import these modules lazily (``katerm.app.modes``): start-up loads only the
first screen.
"""
