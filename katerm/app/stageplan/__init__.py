"""The stage-plan room: the account screen's Stages tab (``pane``), the stage expansion plan of
the account's default and of each opportunity still worked for.

The tab imports its module lazily (``katerm.app.modes``): start-up loads only the first screen.
"""
