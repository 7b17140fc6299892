"""A year of a busy board's minutes pasted at once: the seed minutes again and again,
numbered on (1000, 1001, ...). For the preview's test and benchmark (bench/measure.py)."""

import re
from pathlib import Path

SEED = Path(__file__).resolve().parent / "minutes_2016_11_17.txt"


def big_minutes(chars: int) -> str:
    seed = SEED.read_text(encoding="utf-8")
    parts, base = [], 1000
    while sum(map(len, parts)) < chars:
        parts.append(re.sub(r"^3([23]\d)\.", lambda m, b=base: f"{b + int(m.group(1))}.", seed, flags=re.M))
        base += 20
    return "\n".join(parts)[:chars]
