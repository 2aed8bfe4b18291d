"""The plan room: the account screen's Plan tab (``tab``), its entry forms (``dialogs``)
and the customer-voice tab (``voice``).

Modes and tabs import these modules lazily (``katerm.app.modes``): start-up loads only the
first screen.
"""
