"""Styles live in ``.tcss`` files beside the widgets and screens they style.

Textual reads ``CSS_PATH`` files for apps and screens; a widget takes its styles as
``DEFAULT_CSS`` text. So every widget and screen here reads its file with :func:`tcss` into
``DEFAULT_CSS``, once, when its class is defined: they stay default styles, scoped to their
widget, and ``app.tcss`` and the themes keep their place above them in the cascade. Colours
come only from theme variables (``$primary``, ``$panel``...), never hex values.
"""

from __future__ import annotations

from pathlib import Path


def tcss(module_file: str, name: str) -> str:
    """The text of the stylesheet ``name`` beside the module ``module_file`` (its ``__file__``)."""
    return (Path(module_file).parent / name).read_text(encoding="utf-8")
