"""The broad-relationships room: the account screen's Routines tab (``pane``) — the routine
actions kept at the account (普遍客户关系) with their cadence, last done and next due.

The tab imports its module lazily (``katerm.app.modes``).
"""
