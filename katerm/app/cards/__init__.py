"""The expansion-card room: the account screen's cards tab (``tab``) and strategic
relationships tab (``strategic``), one person's card (``screen``) and the card dialogs.

Modes and tabs import these modules lazily (``katerm.app.modes``): start-up loads only the
first screen.
"""
