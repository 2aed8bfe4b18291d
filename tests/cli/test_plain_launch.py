"""`katerm` alone opens the app without building the full parser: same arguments as the parser's."""

from __future__ import annotations

import pytest

from katerm.cli import build_parser, plain_launch
from katerm.cli.context import early_options


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--debug"],
        ["--db", "team.db"],
        ["--db=team.db", "--lang", "zh_CN"],
        ["--lang=en", "--debug", "--db", "a.db", "--db", "b.db"],
        ["--db", ""],
        ["--db=a=b.db"],
    ],
)
def test_a_plain_launch_reads_the_options_as_the_parser_does(argv):
    mine = plain_launch(argv, early_options(argv))
    assert mine is not None
    assert vars(mine) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["whoami"],
        ["--db", "x.db", "whoami"],
        ["--help"],
        ["--version"],
        ["--lang"],
        ["--db", "--debug"],
        ["--la", "en"],
        ["--"],
        ["--bogus"],
    ],
)
def test_anything_else_goes_to_the_parser(argv):
    assert plain_launch(argv, early_options(argv)) is None
