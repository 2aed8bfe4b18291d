"""The Plan tab of an account: the five parts as a tree, each with its completeness, the
strategy and execution map as linked entries, and what is missing for the selected part.

Keys: ``a`` adds under the selected node (a strategy under a customer goal, a SWOT note under
SWOT...), ``e`` or Enter edits, ``d`` deletes (refused while entries hang under it, so a
branch of the map is never lost by accident), Space folds a branch.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from katerm.app.context import on_data_change, workspace_of
from katerm.app.keynames import key_of
from katerm.app.localize import Localized
from katerm.app.plan.dialogs import category_prefix, open_item_form
from katerm.app.styles import tcss
from katerm.app.widgets.fitted_tree import FittedTree
from katerm.core.plan import (
    JOINT,
    KINDS,
    PARTS,
    SECTION_KINDS,
    PartScore,
    Plan,
    PlanItemRecord,
    PlanView,
    children_kinds,
    influence_tree,
    label,
    load_view,
    part_summary,
)
from katerm.i18n import t
from katerm.i18n.fmt import fmt_date, fmt_number, fmt_share

GROUPED = ("research", "look", "swot", "event", "executive")  # background: one node per kind


@dataclass(frozen=True)
class Ref:
    """What a tree node stands for: a part, a group of one kind, an entry, or read-only."""

    node: str  # part | group | item | info
    section: str = ""
    kind: str = ""
    item_id: str = ""

    @property
    def key(self) -> str:
        return f"{self.node}:{self.section}:{self.kind}:{self.item_id}"


def item_label(item: PlanItemRecord) -> Text:
    head = (
        label(f"plan.{category_prefix(item.kind)}", item.category)
        if item.category
        else label("plan.kind", item.kind)
    )
    text = Text.assemble((head, "bold"), t("plan.sep"), item.title or item.person_name)
    extras = [
        fmt_date(item.due_on) if item.due_on else "",
        item.person_name if item.title else "",
        item.contact_name if item.contact_name not in item.title else "",
        f"→ {item.opportunity_name}" if item.opportunity_name else "",
        label("plan.status", item.status) if item.status else "",
    ]
    extras = [e for e in extras if e]
    if extras:
        text.append("  · " + " · ".join(extras), style="dim")
    return text


def part_label(number: int, score: PartScore) -> Text:
    mark = "✓" if score.complete else f"{score.met}/{score.total}"
    return Text.assemble(
        (f"{number}. {t(f'plan.part.{score.part}')}", "bold"),
        f"  {mark}",
        (f"  {fmt_share(score.share, 0)}", "dim"),
    )


class PlanPane(Localized, Vertical):
    BINDINGS = [
        Binding("a", "add", "keys.add", id="plan.add"),
        Binding("e", "edit", "keys.edit", id="plan.edit"),
        Binding("d", "delete", "keys.delete", id="plan.delete"),
    ]
    DEFAULT_CSS = tcss(__file__, "plan_pane.tcss")

    def __init__(self, account_id: str) -> None:
        super().__init__()
        self.account_id = account_id
        self.view: PlanView | None = None
        self.refs: dict[int, Ref] = {}

    def compose(self) -> ComposeResult:
        yield Static(t("plan.loading"), id="plan-summary")
        tree: Tree[Ref] = FittedTree(t("plan.tab.plan"), id="plan-tree")
        tree.show_root = False
        tree.auto_expand = False
        yield tree
        yield Static("", id="plan-detail")

    def on_mount(self) -> None:
        on_data_change(self, self.load)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan-load")
    def load(self) -> None:
        view = load_view(workspace_of(self).db, self.account_id)
        self.app.call_from_thread(self._show, view)

    # --- drawing ---------------------------------------------------------------------------
    def _show(self, view: PlanView) -> None:
        self.view = view
        tree = self.query_one(Tree)
        current = tree.cursor_node.data.key if tree.cursor_node and tree.cursor_node.data else None
        tree.clear()
        for number, part in enumerate(PARTS, 1):
            score = view.score.part(part)
            node = tree.root.add(part_label(number, score), Ref("part", part), expand=True)
            getattr(self, f"_fill_{part}")(node, view)
        joint = tree.root.add(
            Text(t("plan.part.joint"), style="bold"), Ref("part", JOINT), expand=True
        )
        self._items(joint, view.plan, view.plan.roots(JOINT))
        summary = (
            t("plan.summary", share=fmt_share(view.score.share, 0)) + "  ·  " + t("plan.keys_hint")
        )
        self.query_one("#plan-summary", Static).update(summary)
        self._restore(tree, current)

    def _restore(self, tree: Tree[Ref], key: str | None) -> None:
        def find(node: TreeNode[Ref]) -> TreeNode[Ref] | None:
            if node.data is not None and node.data.key == key:
                return node
            for child in node.children:
                found = find(child)
                if found is not None:
                    return found
            return None

        target = find(tree.root) if key else None
        if target is not None:
            tree.move_cursor(target)
        elif tree.cursor_node is None:
            tree.move_cursor_to_line(0)
        self._describe(tree.cursor_node)

    def _items(self, parent: TreeNode[Ref], plan: Plan, items: list[PlanItemRecord]) -> None:
        for item in items:
            section = KINDS[item.kind].section
            node = parent.add(
                item_label(item),
                Ref("item", section, item.kind, item.id),
                expand=True,
                allow_expand=bool(plan.children(item.id)),
            )
            self._items(node, plan, plan.children(item.id))

    def _fill_team(self, node: TreeNode[Ref], view: PlanView) -> None:
        self._items(node, view.plan, view.plan.roots("team"))

    def _fill_background(self, node: TreeNode[Ref], view: PlanView) -> None:
        for kind in GROUPED:
            items = [i for i in view.plan.roots("background") if i.kind == kind]
            group = node.add(
                Text(t(f"plan.group.{kind}"), style="bold"),
                Ref("group", "background", kind),
                expand=True,
                allow_expand=bool(items),
            )
            self._items(group, view.plan, items)

    def _fill_map(self, node: TreeNode[Ref], view: PlanView) -> None:
        self._items(node, view.plan, view.plan.roots("map"))

    def _fill_goals(self, node: TreeNode[Ref], view: PlanView) -> None:
        self._items(node, view.plan, view.plan.roots("goals"))

    def _fill_relationships(self, node: TreeNode[Ref], view: PlanView) -> None:
        info = Ref("info", "relationships")
        people = node.add(Text(t("plan.doc.influence"), style="bold"), info, expand=True)
        stack: list[TreeNode[Ref]] = [people]
        for depth, p in influence_tree(view.people):
            del stack[depth + 1 :]
            notes = [
                label("plan.person_role", p.role),
                label("plan.attitude", p.attitude),
                t("plan.doc.covered_by", name=p.coverage) if p.coverage else "",
            ]
            text = Text.assemble((p.name, "bold"), f"  {p.title}")
            extra = " · ".join(n for n in notes if n)
            if extra:
                text.append(f"  · {extra}", style="dim")
            stack.append(stack[-1].add(text, info, expand=True))
        if not view.people:
            people.add_leaf(Text(t("plan.doc.no_contacts")), info)
        gaps = node.add(Text(t("plan.doc.gaps"), style="bold"), info, expand=True)
        if view.gaps is None:
            gaps.add_leaf(Text(t("plan.doc.not_available", what=t("plan.unavailable.gaps"))), info)
        for g in view.gaps or []:  # Text, not a string: user text is not markup
            gaps.add_leaf(
                Text(f"{g.contact}  {fmt_number(g.current)} → {fmt_number(g.target)}  {g.action}"),
                info,
            )
        strategic = node.add(Text(t("plan.doc.strategic"), style="bold"), info, expand=True)
        if view.strategic is None:
            strategic.add_leaf(
                Text(t("plan.doc.not_available", what=t("plan.unavailable.strategic"))), info
            )
        for s in view.strategic or []:
            strategic.add_leaf(
                Text(" · ".join(x for x in (s.partner, s.relationship, s.usage) if x)), info
            )

    # --- the detail line -----------------------------------------------------------------------
    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        self._describe(event.node)

    def _describe(self, node: TreeNode[Ref] | None) -> None:
        detail = self.query_one("#plan-detail", Static)
        view = self.view
        if node is None or node.data is None or view is None:
            detail.update("")
            return
        ref = node.data
        if ref.node in ("part", "group") and ref.section in PARTS:
            detail.update(part_summary(view.score.part(ref.section)))
        elif ref.node == "info":
            detail.update(t("plan.hint_related"))
        elif ref.node == "item":
            item = view.plan.get(ref.item_id)
            detail.update(Text(item.detail or item.title) if item else "")
        else:
            detail.update(t("plan.hint_add"))

    # --- actions -----------------------------------------------------------------------------
    def _ref(self) -> Ref | None:
        node = self.query_one(Tree).cursor_node
        return node.data if node is not None else None

    def action_add(self) -> None:
        ref, view = self._ref(), self.view
        if ref is None or view is None:
            return
        if ref.node == "info" or ref.section == "relationships":
            self.notify(t("plan.hint_related"), timeout=4)
            return
        if ref.node == "item":
            item = view.plan.get(ref.item_id)
            kinds = children_kinds(ref.kind)
            if item is not None and kinds:
                self._choose_then_add(kinds, parent_id=item.id)
            elif item is not None:  # a leaf: add another like it, beside it
                self._add(
                    item.kind,
                    parent_id=item.parent_id,
                    preset={"category": item.category} if item.category else None,
                )
            return
        if ref.node == "group":
            self._add(ref.kind)
            return
        roots = [k for k in SECTION_KINDS[ref.section] if not KINDS[k].parent_required]
        self._choose_then_add(tuple(roots), parent_id=None)

    def _choose_then_add(self, kinds: tuple[str, ...], parent_id: str | None) -> None:
        if len(kinds) == 1:
            self._add(kinds[0], parent_id=parent_id)
            return
        from katerm.app.widgets.choose import ChoiceScreen

        def chosen(kind: str | None) -> None:
            if kind:
                self._add(kind, parent_id=parent_id)

        self.app.push_screen(
            ChoiceScreen(t("plan.choose_kind"), [(t(f"plan.kind.{k}"), k) for k in kinds]), chosen
        )

    def _add(
        self, kind: str, *, parent_id: str | None = None, preset: dict[str, str] | None = None
    ) -> None:
        assert self.view is not None
        open_item_form(
            self.app,
            self.account_id,
            kind,
            None,
            self.view.choices,
            parent_id=parent_id,
            preset=preset,
        )

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if event.node.data is not None and event.node.data.node == "item":
            self.action_edit()
        else:
            event.node.toggle()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            ref = self._ref()
            return None if ref is None or ref.node != "item" else True
        return True

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        """e and d act on an entry; a part's or a section's heading is not one."""
        if action in ("edit", "delete"):
            return t("plan.why.not_an_entry", add=key_of(self, "plan.add"))
        return None

    def action_edit(self) -> None:
        ref, view = self._ref(), self.view
        if ref is None or view is None or ref.node != "item":
            return
        item = view.plan.get(ref.item_id)
        if item is not None:
            open_item_form(self.app, self.account_id, item.kind, item, view.choices)

    def action_delete(self) -> None:
        ref, view = self._ref(), self.view
        if ref is None or view is None or ref.node != "item":
            return
        item = view.plan.get(ref.item_id)
        if item is None:
            return
        below = len(view.plan.children(item.id))
        if below:
            self.notify(t("plan.err.has_children", count=below), severity="error")
            return
        from katerm.app.widgets.dialogs import confirm_delete

        confirm_delete(self.app, "plan_items", item.id, item.title or item.person_name)
