"""Words for counts in messages: "1 action", "2 actions", "1 new person", "3 new people"."""


def count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number:,} {singular if number == 1 else (plural or singular + 's')}"
