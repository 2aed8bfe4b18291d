import pytest
from hypothesis import given
from hypothesis import strategies as st

from katerm.core.store.hlc import HybridClock, make_tag, parse_tag


def test_tags_sort_as_text_in_time_order():
    assert make_tag(999, 5, "b") < make_tag(1000, 0, "a")
    assert make_tag(1000, 9, "a") < make_tag(1000, 10, "a")


def test_tick_is_monotonic_when_the_wall_clock_goes_back():
    clock = HybridClock("dev")
    first = clock.tick(now_ms=5000)
    second = clock.tick(now_ms=4000)  # clock stepped back
    third = clock.tick(now_ms=4000)
    assert first < second < third
    assert parse_tag(second)[:2] == (5000, 1)


def test_receive_moves_past_a_remote_tag_from_the_future():
    clock = HybridClock("me")
    clock.tick(now_ms=1000)
    clock.receive(make_tag(9000, 3, "other"), now_ms=1001)
    assert clock.tick(now_ms=1002) > make_tag(9000, 3, "other")


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 10_000), st.integers(0, 50)), max_size=60))
def test_every_new_tag_is_later_than_everything_seen(events):
    clock = HybridClock("me")
    seen = ""
    for is_remote, ms, counter in events:
        if is_remote:
            remote = make_tag(ms, counter, "zz")
            clock.receive(remote, now_ms=ms // 2)
            seen = max(seen, remote)
        else:
            tag = clock.tick(now_ms=ms)
            assert tag > seen
            seen = tag


@pytest.mark.parametrize(
    ("start", "now", "count"),
    [(0, 1_000, 5), (2_000, 1_000, 3), (1_000, 1_000, 250_000), (0, 5, 1), (0, 5, 0)],
)
def test_many_ticks_at_once_are_the_same_as_one_at_a_time(start, now, count):
    one, bulk = HybridClock("dev", start, 7), HybridClock("dev", start, 7)
    expected = [one.tick(now) for _ in range(count)]
    assert bulk.ticks(now, count) == expected and bulk.last == one.last
