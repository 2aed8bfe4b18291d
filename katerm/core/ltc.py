"""Shared vocabulary: the stages of lead to cash as the relationship plan sees them
(DOMAIN.md §7, the LTC seed): need-shaping (引导需求), bidding (招投标), contract
execution (合同执行) and collection (回款).

They are coarser than the pipeline's stages and split the opportunity stage in two: before
the order is locked the team is shaping the need, once it is locked it is bidding.
"""

from __future__ import annotations

LTC_STAGES = ("need", "bidding", "contract", "collection")


def ltc_stage(stage: str, locked: bool) -> str:
    """The LTC stage an order at pipeline ``stage`` is in (``locked``: 锁单 done)."""
    if stage in ("contract", "delivery"):
        return "contract"
    if stage == "cash":
        return "collection"
    return "bidding" if locked and stage == "opportunity" else "need"
