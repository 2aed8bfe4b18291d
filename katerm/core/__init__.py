"""The katerm domain: models, rules, queries, import/export and sync.

Nothing in this package imports Textual; the TUI and the CLI both sit on top of it.
"""
