"""The Textual side of katerm. It depends on ``katerm.core``; the core never imports it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from katerm.app.app import KatermApp
    from katerm.core.workspace import Workspace


def create_app(workspace: Workspace, *, lang: str = "en") -> KatermApp:
    """The one app factory, used by the CLI and the tests."""
    from katerm.app.app import KatermApp

    return KatermApp(workspace, lang=lang)


def run(workspace: Workspace, *, lang: str = "en") -> int:
    app = create_app(workspace, lang=lang)
    result = app.run()
    # return_code is non-zero when the app stopped on an error.
    return app.return_code or int(result or 0)
