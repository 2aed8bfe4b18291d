"""Leads in the app: the weekly lead meeting (screen 5 → `n`), beside the weekly review."""
