"""The longest run of numbers going up in small steps: how minutes number their items.

Shared by the item segmentation (segment.py) and the re-splitting of texts that lost
their line breaks (normalise.py). Pure.
"""

from __future__ import annotations

LOOKBACK = 60  # entries looked back at for a predecessor (a board has few items)


def varying(values: list[tuple[int, ...]]) -> int:
    """The part of the numbers that counts the items: the one taking the most values."""
    width = len(values[0])
    distinct = [len({v[i] for v in values}) for i in range(width)]
    return max(range(width), key=lambda i: (distinct[i], i))


def follows(a: tuple[int, ...], b: tuple[int, ...], counting: int) -> bool:
    """Whether `b` can be the next item's number after `a`."""
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x == y:
            continue
        if y < x:
            return False
        return (y - x) <= (8 if i == counting else 1)
    return False


def longest_run(values: list[tuple[int, ...]]) -> list[int]:
    """The positions (in order) of the longest run in `values` (all of one width)."""
    if not values:
        return []
    counting = varying(values)
    best = [1] * len(values)
    parent = [-1] * len(values)
    for i, value in enumerate(values):
        for j in range(max(0, i - LOOKBACK), i):
            if best[j] + 1 > best[i] and follows(values[j], value, counting):
                best[i], parent[i] = best[j] + 1, j
    end = max(range(len(values)), key=lambda i: (best[i], -i))
    run = []
    while end != -1:
        run.append(end)
        end = parent[end]
    return run[::-1]
