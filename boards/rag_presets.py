"""The RAG keys shipped with the app. Boards pick one and clerks may edit it.

`install_presets` takes the model classes so the data migration can call it
with the historical models.
"""

from typing import TypedDict

# A status: code, label, colour, definition, is complete, shown when overdue.
StatusPreset = tuple[str, str, str, str, bool, bool]


class Preset(TypedDict):
    slug: str
    name: str
    description: str
    statuses: list[StatusPreset]


PRESETS: list[Preset] = [
    {
        "slug": "rag",
        "name": "Red / Amber / Green",
        "description": "The key of the Leicestershire Health and Wellbeing Board's action log.",
        "statuses": [
            ("RED", "Red", "#d4351c", "Off track, or not started and past its due date.", False, False),
            (
                "AMBER",
                "Amber",
                "#f47738",
                "In progress with a risk of delay, or awaiting something.",
                False,
                False,
            ),
            ("GREEN", "Green", "#00703c", "On track, or completed.", False, False),
        ],
    },
    {
        "slug": "brag",
        "name": "Blue / Red / Amber / Green (BRAG)",
        "description": "Blue marks work that is complete and ready for the board to close.",
        "statuses": [
            ("RED", "Red", "#d4351c", "Off track, or not started and past its due date.", False, False),
            (
                "AMBER",
                "Amber",
                "#f47738",
                "In progress with a risk of delay, or awaiting something.",
                False,
                False,
            ),
            ("GREEN", "Green", "#00703c", "On track.", False, False),
            ("BLUE", "Blue", "#1d70b8", "Complete and ready to close.", True, False),
        ],
    },
    {
        "slug": "date-based",
        "name": "Date-based (Red when overdue)",
        "description": "Red is set by the date: any action past its due date and not complete shows Red.",
        "statuses": [
            (
                "RED",
                "Red",
                "#d4351c",
                "Overdue: the due date has passed and the action is not complete.",
                False,
                True,
            ),
            (
                "AMBER",
                "Amber",
                "#f47738",
                "In progress with a risk of delay, or awaiting something.",
                False,
                False,
            ),
            ("GREEN", "Green", "#00703c", "On track.", False, False),
            ("COMPLETE", "Complete", "#505a5f", "Complete.", True, False),
        ],
    },
]


def install_presets(RagKey, RagStatus):
    """Create the preset keys that are missing. Existing keys are left as clerks edited them."""
    for preset in PRESETS:
        key, created = RagKey.objects.get_or_create(
            slug=preset["slug"],
            defaults={"name": preset["name"], "description": preset["description"]},
        )
        if not created:
            continue
        for position, (code, label, colour, definition, complete, overdue) in enumerate(preset["statuses"]):
            RagStatus.objects.create(
                key=key,
                code=code,
                label=label,
                colour=colour,
                definition=definition,
                is_complete=complete,
                shown_when_overdue=overdue,
                position=position,
            )
