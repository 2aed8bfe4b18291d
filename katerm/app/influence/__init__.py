"""The influence-map room (mode 3): the screen (``screen``), the tree and warnings
(``panes``, ``tree``), the person panel (``panel``), the dialogs (``dialogs``) and the account
screen's influence tab (``tab``).

Modes and tabs import these modules lazily (``katerm.app.modes``): start-up loads only the
first screen.
"""
