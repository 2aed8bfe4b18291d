"""The relationship-gap room (mode 4): the screen, the table shared with the account
screen's gaps tab (``pane``, ``table``) and the row editor and history (``dialogs``).

Modes and tabs import these modules lazily (``katerm.app.modes``): start-up loads only the
first screen.
"""
