"""A line of stage figures wraps between stages, never between a stage and its amount."""

from __future__ import annotations

from rich.cells import cell_len

from katerm.app.widgets.phrases import wrap_phrases

STAGES = ["线索 20 · ≈ 1,733.86万", "商机 54 · ≈ 6,796.07万", "合同 10 · 2,316.60万"]
STAGES += ["交付 8 · 467.80万", "回款 13 · 1,694.70万"]


def test_wraps_between_phrases_only_and_fits_the_width():
    lines = wrap_phrases(STAGES, 78)
    assert len(lines) == 2
    assert "  ".join(lines) == "  ".join(STAGES)  # nothing lost, nothing cut inside a phrase
    assert all(line.split("  ")[0] in STAGES for line in lines)
    assert all(cell_len(line) <= 78 for line in lines)


def test_one_line_when_it_fits_and_a_long_phrase_gets_its_own_line():
    assert wrap_phrases(STAGES, 200) == ["  ".join(STAGES)]
    assert wrap_phrases(["a", "b" * 30, "c"], 10) == ["a", "b" * 30, "c"]
    assert wrap_phrases(["x", "y"], 10, gap=" · ") == ["x · y"]
