"""A tree whose labels fit its width: a label too long is cut with an ellipsis.

Textual's ``Tree`` draws a long label past its right edge and scrolls sideways: the Plan
tab's "The customer: Listed since 2019, pressure from investors to raise marg" ended mid-word
with nothing to say more was there, at 80 and 120 columns (issue 18). Here each label is cut
to the room its depth leaves, in terminal cells (a Chinese character is two), ending in "…";
the whole text stays in the node (the detail line under the tree shows it).
"""

from __future__ import annotations

from typing import TypeVar

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from katerm.app.widgets.columns import fit_text

Data = TypeVar("Data")


class FittedTree(Tree[Data]):
    def render_label(self, node: TreeNode[Data], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        room = self.scrollable_content_region.width - self._indent(node)
        return fit_text(label, room) if room > 0 else label

    def _indent(self, node: TreeNode[Data]) -> int:
        """The cells the guides take before ``node``'s label (as Tree draws them)."""
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        # The root's children start at the left edge when the root is hidden.
        levels = depth if self.show_root else depth - 1
        return max(levels, 0) * self.guide_depth
