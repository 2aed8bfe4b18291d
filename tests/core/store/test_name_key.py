"""Account names are matched by their key (imports find an account by its name this way):
the quick paths (plain ASCII, a translate table) must give what folding each character does."""

from __future__ import annotations

import random

from katerm.core.store.values import fold_char, name_key


def by_character(name: str) -> str:
    joined = "".join(map(fold_char, name))
    return " ".join(part for part in joined.split(" ") if part)


def test_names_that_differ_only_in_width_case_and_spaces_have_one_key():
    assert name_key("  Same\tName  Co ") == name_key("ｓａｍｅ　name co") == "same name co"
    assert name_key("上海明珠 科技") == name_key("上海明珠\u3000科技")
    assert name_key("Straße") == name_key("STRASSE")
    assert name_key("上海明珠") != name_key("上海明珠（2）")


def test_the_key_is_the_fold_of_each_character():
    spaces = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2007\u2028\u3000"
    odd = "ßẞﬁİıΣσς①㈱ＡＢＣａ０１（）·Å\u0301K\u212a"
    pool = [*spaces, *odd, *"abcXYZ09-.,&", *"上海明珠科技有限公司"]
    rng = random.Random(23)
    names = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 14))) for _ in range(5000)]
    for name in [*pool, *names]:
        assert name_key(name) == by_character(name), repr(name)
