"""A stale edit, handled once: the action changed since the editor loaded it (StaleAction).

Nothing was saved, and the refused attempt is kept in the record: `keep_refusal` writes it
when the service ran inside the view's transaction (the clerk's edit) and does nothing when
the service wrote it itself. A form page then shows what changed meanwhile and keeps what
was typed, at the current version, so a second save is deliberate; a confirmation step says
so in a message and goes back to the action. Call these in the `except StaleAction` clause,
after any transaction the view opened has ended.
"""

from django.contrib import messages

from ..history import changes_since
from ..services.updating import StaleAction, keep_refusal


def kept_form(request, refused: StaleAction, form_class, action):
    """The form again with what was typed, at the version of `action` (read again by the
    caller since the refusal), validated so its errors show."""
    keep_refusal(refused)
    posted = request.POST.copy()
    posted["version"] = action.version
    form = form_class(posted, action=action)
    form.is_valid()
    return form


def stale_context(refused: StaleAction | None) -> dict:
    """The template's "stale" warning and the changes made meanwhile (none if not refused)."""
    return {
        "stale": refused,
        "stale_changes": changes_since(refused.current, refused.expected_version) if refused else [],
    }


def say_refused(request, refused: StaleAction, action, doing: str) -> None:
    """For a step with no form to keep, a message: "326(c) changed while you were
    withdrawing it. Nothing was saved: check it and try again." """
    keep_refusal(refused)
    messages.error(
        request,
        f"{action.reference} changed while you were {doing} it. Nothing was saved: check it and try again.",
    )
