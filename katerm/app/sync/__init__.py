"""The sync room (mode 7): the status and conflicts screen, and the background sync
(``worker``) that keeps the footer's status.

Modes and tabs import these modules lazily (``katerm.app.modes``): start-up loads only the
first screen.
"""
