"""The influence map as people read it: the tree's columns, and text, Markdown and JSON.

The screen and ``katerm influence`` lay out the tree with :func:`tree_cells` and
:func:`layout`, so a row reads the same in both: tree lines, an attitude symbol (so the map
works without colour), a star for a rising star, the name, the role badge, influence as dots,
who on our side covers the person (``@name``), their title and the lines of influence they
send. Each cell carries a style key; the screen turns it into a theme colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len, set_cell_size

from katerm.core import levels
from katerm.core.roles import label
from katerm.i18n import t

if TYPE_CHECKING:
    from katerm.core.influence.read import Coverage, InfluenceMap, Person, TreeRow

ATTITUDE_SYMBOL = {"supporter": "✓", "neutral": "○", "opponent": "✗", "unknown": "?"}
INFLUENCE_DOTS = {"high": "●●●", "medium": "●●○", "low": "●○○", "": "···"}
STRENGTH_ARROW = {"strong": "⇒", "medium": "→", "weak": "⇢"}
STAR = "★"
# Column key -> (most cells it may take, priority: lower is dropped last).
COLUMNS: dict[str, tuple[int, int]] = {
    "person": (36, 0),
    "badge": (9, 1),
    "influence": (3, 2),
    "level": (2, 3),  # the relationship level 0–5: L3
    "coverage": (16, 4),
    "title": (16, 5),
    "lines": (40, 6),
}
GAP = "  "


@dataclass(frozen=True)
class Cell:
    text: str
    style: str = ""  # a style key: attitude.supporter, tree, muted, star, warning...


def badge(person: Person) -> str:
    """The short role label the tree shows; "+" when the person has more roles."""
    if not person.role:
        return "+" + t(f"influence.badge.{person.other_roles[0]}") if person.other_roles else ""
    text = t(f"influence.badge.{person.role}")
    return text + "+" if person.other_roles else text


def tree_cells(m: InfluenceMap, row: TreeRow) -> dict[str, list[Cell]]:
    """One row of the tree as cells per column (unpadded)."""
    p = row.person
    person = [
        Cell(row.prefix, "tree"),
        Cell(ATTITUDE_SYMBOL.get(p.attitude, "?"), f"attitude.{p.attitude}"),
        Cell(" "),
    ]
    if p.rising_star:
        person.append(Cell(STAR + " ", "star"))
    person.append(Cell(p.name, "name"))
    cover = (
        Cell("@" + m.our_name(p.covered_by), "coverage")
        if p.covered_by
        else Cell(
            "@—", "uncovered" if p.influence == "high" or p.has_role("decision_maker") else "muted"
        )
    )
    lines: list[Cell] = []
    for line in m.lines_from(p.id):
        if lines:
            lines.append(Cell(" "))
        lines.append(
            Cell(STRENGTH_ARROW.get(line.strength, "→") + m.people[line.target].name, "line")
        )
    return {
        "person": person,
        "badge": [Cell(badge(p), f"role.{p.role or 'none'}")],
        "influence": [Cell(INFLUENCE_DOTS.get(p.influence, "···"), f"influence.{p.influence}")],
        "level": [Cell(f"L{p.level}", "level" if p.level else "muted")],
        "coverage": [cover],
        "title": [Cell(p.title, "muted")],
        "lines": lines,
    }


def _width(cells: list[Cell]) -> int:
    return sum(cell_len(c.text) for c in cells)


def column_widths(
    m: InfluenceMap, columns: tuple[str, ...] = tuple(COLUMNS), *, limit: bool = True
) -> dict[str, int]:
    """Each column's width: its widest cell, at most the column's limit (``limit``: a screen
    or a terminal; text for a file or a pipe keeps every cell whole)."""
    widths = dict.fromkeys(columns, 0)
    for row in m.rows:
        cells = tree_cells(m, row)
        for key in columns:
            most = COLUMNS[key][0] if limit else _width(cells[key])
            widths[key] = max(widths[key], min(most, _width(cells[key])))
    return widths


def fit(widths: dict[str, int], space: int) -> tuple[str, ...]:
    """The columns that fit in ``space`` cells, least important dropped first."""
    keep = sorted(widths, key=lambda k: COLUMNS[k][1])
    while len(keep) > 1 and sum(widths[k] for k in keep) + len(GAP) * (len(keep) - 1) > space:
        keep.pop()
    return tuple(k for k in COLUMNS if k in keep)


def layout(
    cells: dict[str, list[Cell]], widths: dict[str, int], columns: tuple[str, ...]
) -> list[Cell]:
    """A row's cells, each column cut to its width (never mid-character) and padded."""
    out: list[Cell] = []
    for n, key in enumerate(columns):
        if n:
            out.append(Cell(GAP))
        room = widths[key]
        for cell in cells[key]:
            size = cell_len(cell.text)
            if size > room:
                text = set_cell_size(cell.text, max(room - 1, 0)) + "…" if room else ""
                out.append(Cell(text, cell.style))
                room = 0
                break
            out.append(cell)
            room -= size
        if room and n < len(columns) - 1:
            out.append(Cell(" " * room))
    return out


def row_text(cells: list[Cell]) -> str:
    """A laid-out row as plain text."""
    return "".join(c.text for c in cells).rstrip()


def tree_text(m: InfluenceMap, *, cut: bool = True) -> list[str]:
    """The tree as plain lines, every column shown (what the screen shows when wide enough);
    ``cut=False``: no cell cut with "…" (for a file or a pipe, where no width is to be kept)."""
    widths = column_widths(m, limit=cut)
    columns = tuple(COLUMNS)
    return [row_text(layout(tree_cells(m, r), widths, columns)) for r in m.rows]


def legend() -> str:
    """What the tree's symbols mean."""
    return (
        "  ".join(f"{ATTITUDE_SYMBOL[a]} {label('attitude', a)}" for a in ATTITUDE_SYMBOL)
        + f"  ·  ●●● {t('fields.contact.influence')}  L0–5 {t('fields.contact.level')}"
        f"  @ {t('fields.contact.covered_by')}"
        f"  {STAR} {t('fields.contact.rising_star')}"
    )


def heading(m: InfluenceMap) -> str:
    """Account, tier and head count: ``Acme · A · 8 people``."""
    parts = [m.account_name]
    if m.tier:
        parts.append(t(f"fields.tier.{m.tier}"))
    parts.append(t("influence.people", count=len(m.people)))
    return " · ".join(parts)


def line_text(m: InfluenceMap, source: str, target: str, strength: str) -> str:
    """``A → B (Strong)``."""
    return t(
        "influence.line_out",
        source=m.people[source].name,
        target=m.people[target].name,
        strength=label("strength", strength),
    )


# --- coverage -------------------------------------------------------------------------------


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = max(0, width - cell_len(text))
    return " " * gap + text if right else text + " " * gap


def coverage_lines(m: InfluenceMap, cov: Coverage) -> list[str]:
    """Our people (columns) × their people (rows, in tree order): ● marks who covers whom,
    ✗ someone nobody covers; the last rows count each of our people's load here and at all
    accounts, so overload and gaps show."""
    names = [o.display for o in cov.ours] + [t("influence.coverage_uncovered")]
    widths = [max(cell_len(n), 3) for n in names]
    first = max(
        [cell_len(r.person.name) + 2 * r.depth for r in m.rows]
        + [cell_len(t("influence.coverage_total")), cell_len(t("influence.coverage_elsewhere"))]
    )
    first = min(first, 30)

    def line(label_: str, marks: list[str]) -> str:
        cells = [_pad(set_cell_size(label_, first) if cell_len(label_) > first else label_, first)]
        cells += [_pad(mark, w) for mark, w in zip(marks, widths, strict=True)]
        return "  ".join(cells).rstrip()

    out = [line("", names)]
    column = {o.id: i for i, o in enumerate(cov.ours)}
    for row in m.rows:
        marks = [""] * len(names)
        who = row.person.covered_by
        if who in column:
            marks[column[who]] = "●"
        elif who is None:
            marks[-1] = "✗"
        out.append(line("  " * row.depth + row.person.name, marks))
    out.append(
        line(
            t("influence.coverage_total"),
            [str(cov.here.get(o.id, 0)) for o in cov.ours] + [str(cov.uncovered)],
        )
    )
    out.append(
        line(
            t("influence.coverage_elsewhere"),
            [str(cov.everywhere.get(o.id, 0)) for o in cov.ours] + [""],
        )
    )
    return out


def coverage_json(m: InfluenceMap, cov: Coverage) -> list[dict[str, Any]]:
    """Our people with their logins, load here and everywhere, and whom they cover here."""
    return [
        {
            "login": o.login,
            "name": o.name,
            "covers": cov.here.get(o.id, 0),
            "covers_everywhere": cov.everywhere.get(o.id, 0),
            "contacts": [p.id for p in m.people.values() if p.covered_by == o.id],
        }
        for o in cov.ours
    ]


# --- whole reports --------------------------------------------------------------------------


def as_text(m: InfluenceMap, cov: Coverage | None = None, *, cut: bool = True) -> str:
    """The map for a terminal: heading, legend, the tree as the screen draws it, the lines
    of influence, the warnings with their codes, and the coverage matrix."""
    out = [heading(m), "", legend(), ""]
    out.extend(tree_text(m, cut=cut) or [t("influence.cli.no_people")])
    out += ["", t("influence.cli.lines")]
    out.extend(f"  {line_text(m, x.source, x.target, x.strength)}" for x in m.lines)
    if not m.lines:
        out.append("  " + t("influence.cli.no_lines"))
    out += [
        "",
        t("influence.cli.warnings_count", label=t("influence.cli.warnings"), count=len(m.warnings)),
    ]
    out.extend(f"  ⚠ [{w.code}] {w.message}" for w in m.warnings)
    if not m.warnings:
        out.append("  " + t("influence.cli.no_warnings"))
    if cov is not None and m.rows:
        out += ["", t("influence.coverage_title")]
        out.extend("  " + x if x else "" for x in coverage_lines(m, cov))
    return "\n".join(out) + "\n"


def _describe(m: InfluenceMap, p: Person) -> str:
    parts = []
    if p.title:
        parts.append(p.title)
    if p.roles:
        parts.append(" / ".join(label("role", r) for r in p.roles))
    if p.influence:
        parts.append(f"{t('fields.contact.influence')} {label('influence', p.influence)}")
    attitude = label("attitude", p.attitude)
    if p.support_level:
        attitude = t(
            "influence.with_support",
            attitude=attitude,
            support=label("support_level", p.support_level),
        )
    parts.append(attitude)
    parts.append(f"{t('fields.contact.level')} {levels.label(p.level)}")
    parts.append(
        f"{t('influence.cli.covered_by')} {m.our_name(p.covered_by)}"
        if p.covered_by
        else t("influence.cli.uncovered")
    )
    if p.favours_competitor:
        parts.append(f"{t('fields.contact.favours_competitor')} {p.favours_competitor}")
    return " · ".join(parts)


def _md(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in text)


def as_markdown(m: InfluenceMap, cov: Coverage | None = None) -> str:
    """The map as Markdown: people as a nested list, lines, warnings, coverage as a table."""
    out = [
        f"# {t('influence.md_title', name=_md(m.account_name))}",
        "",
        _md(heading(m)),
        "",
        f"## {t('influence.cli.people')}",
        "",
    ]
    for row in m.rows:
        p = row.person
        star = f" {STAR}" if p.rising_star else ""
        out.append(f"{'  ' * row.depth}- **{_md(p.name)}**{star} — {_md(_describe(m, p))}")
    if not m.rows:
        out.append(t("influence.cli.no_people"))
    out += ["", f"## {t('influence.cli.lines')}", ""]
    out.extend(f"- {_md(line_text(m, x.source, x.target, x.strength))}" for x in m.lines)
    if not m.lines:
        out.append(t("influence.cli.no_lines"))
    out += ["", f"## {t('influence.cli.warnings')}", ""]
    out.extend(f"- **{w.code}**: {_md(w.message)}" for w in m.warnings)
    if not m.warnings:
        out.append(t("influence.cli.no_warnings"))
    if cov is not None:
        out += [
            "",
            f"## {t('influence.cli.coverage')}",
            "",
            f"| | {t('influence.coverage_total')} | {t('influence.coverage_elsewhere')} |",
            "|---|---:|---:|",
        ]
        out.extend(
            f"| {_md(o.display)} | {cov.here.get(o.id, 0)} | {cov.everywhere.get(o.id, 0)} |"
            for o in cov.ours
        )
        out.append(f"| {t('influence.coverage_uncovered')} | {cov.uncovered} | |")
    return "\n".join(out) + "\n"


def as_json(m: InfluenceMap) -> dict[str, Any]:
    """Plain data: keys not labels, logins for our people, ids for links."""

    def login(user: str | None) -> str | None:
        return m.ours[user].login if user in m.ours else user

    people = []
    for row in m.rows:
        p = row.person
        people.append(
            {
                "id": p.id,
                "name": p.name,
                "title": p.title,
                "department": p.department,
                "depth": row.depth,
                "reports_to": row.boss,
                "role": p.role or None,
                "other_roles": list(p.other_roles),
                "influence": p.influence or None,
                "attitude": p.attitude,
                "support_level": p.support_level or None,
                "level": p.level,
                "level_word": levels.LEVELS[p.level],
                "covered_by": login(p.covered_by),
                "also_covered_by": [login(u) for u in p.also_covered_by],
                "rising_star": p.rising_star,
                "favours_competitor": p.favours_competitor or None,
                "favour_strength": p.favour_strength or None,
            }
        )
    return {
        "account": {
            "id": m.account_id,
            "name": m.account_name,
            "tier": m.tier,
            "tier_scheme": m.tier_scheme,
            "owner": login(m.owner_id),
        },
        "people": people,
        "lines": [{"from": x.source, "to": x.target, "strength": x.strength} for x in m.lines],
        "warnings": [w.as_json(m.people) for w in m.warnings],
    }
