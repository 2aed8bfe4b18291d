"""The competitors room: the account screen's Competitors tab (``pane``) — who competes at
the account and in its orders with the seed's questions answered, and who favours them.

The tab imports its module lazily (``katerm.app.modes``).
"""
