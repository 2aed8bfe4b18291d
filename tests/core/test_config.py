from __future__ import annotations

import pytest

from katerm.core.config import get_value, load_settings, set_value
from katerm.core.errors import ConfigProblem


def test_defaults_take_the_login_from_the_os(tmp_path):
    settings = load_settings(tmp_path / "missing.toml")
    assert settings.login == "tester" and settings.tier_scheme == "revenue"


def test_set_validates_and_keeps_other_sections(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[sync]\nserver = "postgresql://x"\n', encoding="utf-8")
    assert set_value(path, "language", "zh-CN") == "zh_CN"
    assert set_value(path, "keys.accounts.search", "ctrl+f") == "ctrl+f"
    settings = load_settings(path)
    assert settings.language == "zh_CN" and settings.keys == {"accounts.search": "ctrl+f"}
    assert settings.section("sync") == {"server": "postgresql://x"}
    assert get_value(path, "lang") == "zh_CN"


@pytest.mark.parametrize(
    ("key", "value", "error"),
    [
        ("language", "klingon", "config.bad_language"),
        ("tier_scheme", "colour", "config.bad_scheme"),
        ("user.login", "has space", "config.bad_login"),
        ("favourite_colour", "red", "config.unknown_key"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(tmp_path, key, value, error):
    path = tmp_path / "config.toml"
    with pytest.raises(ConfigProblem) as info:
        set_value(path, key, value)
    assert info.value.key == error
    assert not path.exists()


def test_a_broken_file_names_itself(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[user\nlogin = 1", encoding="utf-8")
    with pytest.raises(ConfigProblem) as info:
        load_settings(path)
    assert str(path) in info.value.message
