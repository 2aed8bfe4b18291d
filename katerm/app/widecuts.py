"""A Chinese character drawn over another widget's edge stays whole.

Textual's compositor divides each screen line at every widget's left and right edge ("cuts")
and fills each piece from the topmost widget there. A widget drawn over others (a toast, a
tooltip, a drop-down list) has its line divided at the edges of the widgets beneath it too,
and a double-width character across such an edge is split in two halves, each drawn as a
space: the character is lost (a refused key's toast at 80 columns read
``这里没有人`` / ``你汇报。``, the ``向`` gone where the box below had its right border).
Upstream: https://github.com/Textualize/textual/issues/6357 (open for Textual 8.2).

Here a cut is not made inside a wide character when the same widget fills the pieces on both
sides of it: the character goes whole into the left piece and the right piece's place is
filled with nothing, so no widget beneath can claim it. A cut where a higher widget begins
still splits the character (half of it is covered; the terminal cannot draw half a glyph).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

_EMPTY = Strip([], 0)


def wide_starts(strip: Strip) -> set[int]:
    """The cells (from the strip's left) where a double-width character begins."""
    starts: set[int] = set()
    x = 0
    for segment in strip:
        text = segment.text
        width = cell_len(text)
        if width != len(text) and not segment.control:
            for char in text:
                char_width = cell_len(char)
                if char_width == 2:
                    starts.add(x)
                x += char_width
        else:
            x += width
    return starts


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip]]:
    """Textual's ``Compositor._render_chops`` that keeps a wide character whole."""
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    for region, clip, strips in self._get_renders(crop):
        render_region = region.intersection(clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips, strict=False):
            if not is_rendered_line(y):
                continue
            line = chops[y]
            final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            skipped: list[int] = []
            if len(final_cuts) > 2:
                starts = wide_starts(strip)
                if starts:
                    kept = [final_cuts[0]]
                    for cut in final_cuts[1:-1]:
                        inside = cut - render_x - 1 in starts
                        if inside and line.get(kept[-1]) is None and line.get(cut) is None:
                            skipped.append(cut)  # the character goes whole to the left piece
                        else:
                            kept.append(cut)
                    kept.append(final_cuts[-1])
                    final_cuts = kept
            pieces = strip.divide([cut - render_x for cut in final_cuts[1:]])
            for cut, piece in zip(final_cuts, pieces, strict=False):
                if line.get(cut) is None:
                    line[cut] = piece
            for cut in skipped:
                line[cut] = _EMPTY  # filled by the piece on its left; nothing beneath shows
    return chops  # type: ignore[return-value]


def install() -> None:
    """Use this compositing for every screen; idempotent."""
    method: Any = _render_chops
    Compositor._render_chops = method  # type: ignore[method-assign]
