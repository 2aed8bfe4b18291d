"""The pipeline room (mode 6): the screen, the account screen's Opportunities tab
(``opportunities``) and the order dialogs (``dialogs``).

Modes and tabs import these modules lazily (``katerm.app.modes``): start-up loads only the
first screen.
"""
