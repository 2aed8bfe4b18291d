"""Widgets and dialogs every room uses: the footer (``chrome``), forms (``form``,
``form_dialog``), lazy tables (``lazy_table``, ``row_cursor``), confirm and delete-with-undo
(``dialogs``), choosing one of a few things (``choose``).
"""
