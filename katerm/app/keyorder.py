"""Keys reach the screen they were typed for, in the order they were typed.

Textual routes a key to the widget focused *when the app takes the key from the terminal*,
and a non-priority binding runs only once that key has bubbled from the focused widget up to
the app, one message queue after another. A second key typed before that (``l`` then at once
``S``) is routed meanwhile, to the screen still on top: it lands on the list underneath instead
of the dialog ``l`` opens, and the dialog gets none of it.

A key's effect may also travel as a message: Enter on a row runs the table's binding, which
posts "row chosen" to the table; the message bubbles up, queue by queue, to the screen that
opens the account. A key routed before that message arrives lands on the list, not the account.

So the app holds each key from the terminal until the one before it has finished its journey
(handled by a widget that kept it, or by the app's bindings), then until every node from the
widget it was routed to up to the app has handled what was queued on it meanwhile (a message
the key set off bubbles up ahead of that wave), and until the screen on top has mounted and
placed its focus; then it routes the next. Only the order changes: every key is delivered, and
a safety timer lets a key go on if its journey cannot be followed.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.timer import Timer

# A key whose journey could not be followed (a widget removed under it) lets the next go after
# this long, as Textual alone would have done at once. Not shorter: on a loaded machine a
# dialog can take over half a second to mount, and a key let go early lands underneath it
# (seen in CI at load 8: "v2" typed after Enter replaced the name the form opened with).
SAFETY_SECONDS = 1.5


class TrackedKey(events.Key):
    """A key from the terminal that knows where it is: each bubble to a parent is noted as it
    happens (synchronously, inside the handler of the node it leaves)."""

    def __init__(self, event: events.Key, order: KeyOrder) -> None:
        super().__init__(event.key, event.character)
        self._sender = event._sender  # the same routing rules as the key it stands for
        self.order = order
        self.at: MessagePump | None = None
        self.origin: MessagePump | None = None  # the node it was routed to
        self.settling = False  # its journey is over; what it set off is being waited for

    def _bubble_to(self, widget: MessagePump) -> None:
        self.at = widget
        super()._bubble_to(widget)
        self.order.follow(self, widget)


# Handlers are looked up by this name (``on_key``/``_on_key``), decorated ones by the class's
# ancestry: a tracked key is handled everywhere exactly as a key.
TrackedKey.handler_name = events.Key.handler_name


class KeyOrder:
    """The app's keys from the terminal, one journey at a time (see the module's text).

    ``route`` is Textual's own routing of a key from the terminal (``App.on_event``)."""

    def __init__(self, app: App[Any], route: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app = app
        self.route = route
        self.moving: TrackedKey | None = None
        self.waiting: deque[events.Key] = deque()
        self._safety: Timer | None = None
        self._screen_wait: asyncio.Task[None] | None = None

    async def take(self, event: events.Key) -> None:
        """Route a key from the terminal now, or once the keys before it are done."""
        if self.moving is not None or self.waiting or not self._screen_ready():
            self.waiting.append(event)
            self._wait_for_screen()
            return
        await self._go(self._track(event))

    def _track(self, event: events.Key) -> TrackedKey:
        self.moving = TrackedKey(event, self)
        return self.moving

    async def _go(self, key: TrackedKey) -> None:
        app = self.app
        target: MessagePump = app.focused or app.screen
        key.origin = target
        self._safety = app.set_timer(SAFETY_SECONDS, partial(self._finish, key))
        await self.route(key)
        if not key.is_forwarded:  # a priority binding took it, or nothing did
            self.done(key)
            return
        key.at = target
        self.follow(key, target)

    def follow(self, key: TrackedKey, node: MessagePump) -> None:
        """``key`` is in ``node``'s queue: once ``node`` has handled it, either it went on to
        the parent (noted in ``key.at``) or its journey ends there."""
        if node is self.app:
            scheduled = self.app.call_later(self.done, key)
        else:
            scheduled = node.call_later(self._handled_at, key, node)
        if not scheduled:  # the node is closing: it will not handle the key
            self.done(key)

    def _handled_at(self, key: TrackedKey, node: MessagePump) -> None:
        if key.at is node:  # not passed on: kept (an input typed it) or stopped here
            self.done(key)

    def done(self, key: TrackedKey) -> None:
        """``key``'s journey is over: wait for what it set off, then route the next key."""
        if self.moving is not key or key.settling:
            return
        key.settling = True
        origin = key.origin
        path = list(origin.ancestors_with_self) if isinstance(origin, DOMNode) else []
        self._settle(key, [node for node in path if node is not self.app])

    def _settle(self, key: TrackedKey, path: list[MessagePump]) -> None:
        """A wave up ``path`` (the origin first, the app last): on each node it runs after what
        is already queued there, so a message the key posted on the way, bubbling up one node
        ahead, has been handled by the time the wave reaches the app."""
        if self.moving is not key:
            return  # the safety timer let it go
        while path:
            node = path.pop(0)
            if node.call_later(self._settle, key, path):
                return
            # A closing node handles nothing more: go on to its parent at once.
        self.app.call_later(self._finish, key)

    def _finish(self, key: TrackedKey) -> None:
        if self.moving is not key:
            return
        self.moving = None
        if self._safety is not None:
            self._safety.stop()
            self._safety = None
        self._next()

    def _screen_ready(self) -> bool:
        screen = self.app.screen_stack[-1] if self.app.screen_stack else None
        return screen is None or screen.is_mounted

    def _wait_for_screen(self) -> None:
        if self._screen_ready() or self._screen_wait is not None:
            return
        screen = self.app.screen

        async def mounted() -> None:
            await screen._mounted_event.wait()
            self._screen_wait = None
            # After the focus the screen's on_mount asked for (queued on the app).
            self.app.call_later(self._next)

        self._screen_wait = asyncio.create_task(mounted())

    def _next(self) -> None:
        if self.moving is not None or not self.waiting:
            return
        if not self._screen_ready():
            self._wait_for_screen()
            return
        # Marked as moving at once: a newer key from the terminal queues behind it.
        self.app.call_later(self._go, self._track(self.waiting.popleft()))
