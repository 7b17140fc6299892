"""The one refusal of an import, minutes or action log: nothing was imported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import wording

if TYPE_CHECKING:
    from .action_log import Preview


class ImportRefused(Exception):
    """Nothing was imported; the message says why. A log's import gives its `preview`, which
    holds the rows and their problems: the message then counts them, unless one is given."""

    def __init__(self, message: str = "", *, preview: Preview | None = None):
        self.preview = preview
        if not message and preview is not None:
            message = f"{wording.count(len(preview.errors), 'problem')} found: nothing was imported."
        super().__init__(message)
