"""Server-admin detail lines in the language's punctuation (issue 18)."""

from __future__ import annotations


def test_server_admin_counts_per_table_read_the_languages_way(cli, monkeypatch):
    """`team reassign` and `server gc` listed "accounts: 3, contacts: 2" (half-width) in Chinese."""
    from katerm.core.sync import server

    counts = {"contacts": 2, "accounts": 3}
    monkeypatch.setattr(server, "reassign", lambda *_: counts)
    monkeypatch.setattr(server, "collect_garbage", lambda *_: counts)
    url = ["--server", "postgresql://admin@localhost/katerm"]
    zh = cli("--lang", "zh_CN", "team", "reassign", "s1", "s2", *url)
    assert zh.code == 0 and "（accounts：3、contacts：2）" in zh.out, zh.err
    zh = cli("--lang", "zh_CN", "server", "gc", *url)
    assert zh.code == 0 and "accounts：3、contacts：2。" in zh.out, zh.err
    en = cli("team", "reassign", "s1", "s2", *url)
    assert en.code == 0 and "(accounts: 3, contacts: 2)" in en.out
