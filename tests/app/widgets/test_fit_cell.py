"""A table cell cut short says so (an ellipsis), in Latin and CJK text alike."""

from __future__ import annotations

from rich.cells import cell_len

from katerm.app.widgets.lazy_table import fit_cell


def test_a_cell_that_fits_is_padded_numbers_to_the_right():
    assert fit_cell("Acme", 6) == "Acme  "
    assert fit_cell("9,795", 7, numeric=True) == "  9,795"


def test_a_cut_cell_ends_in_an_ellipsis_within_its_width():
    assert fit_cell("Goldenbrook Microelectronics", 12) == "Goldenbrook…"
    # A wide character that does not fit whole: the ellipsis next to the text, then the cell.
    cut = fit_cell("下周二拜访，带上技术方案", 10)
    assert cut.rstrip().endswith("…") and "  " not in cut.rstrip() and cell_len(cut) == 10
    assert fit_cell("上海明珠电子科技有限公司", 9) == "上海明珠…"
    assert fit_cell("Acme", 1) == "A"
