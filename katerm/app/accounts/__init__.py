"""The accounts room: the accounts list (mode 1, ``screen``), one account (``account``)
with its contacts (``contacts``), and the first start on an empty database (``welcome``).

Modes and tabs import these modules lazily (``katerm.app.modes``): start-up loads only the
first screen.
"""
