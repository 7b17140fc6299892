"""Whether reminders are reaching people: what the board page shows its clerks, and the
notice the site's staff see on every page while mail is failing. Reads only."""

from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Min, OuterRef

from ..models import Action, Board, Digest, DigestStatus, Person


@dataclass(frozen=True)
class MailTrouble:
    count: int
    since: object  # the earliest failed attempt still waiting
    last_error: str


def undelivered(board: Board) -> list[Digest]:
    """Emails about this board's actions that failed (and are being tried again), or could
    not be delivered at all and nothing has reached that person since, newest first."""
    reached_since = Digest.objects.filter(
        person=OuterRef("person"), status=DigestStatus.SENT, created_at__gt=OuterRef("created_at")
    )
    digests = (
        Digest.objects.filter(reminders__action__board=board)
        .distinct()
        .filter(status__in=[DigestStatus.FAILED, DigestStatus.UNDELIVERABLE])
        .exclude(Exists(reached_since))
    )
    return list(digests.select_related("person").order_by("-created_at")[:50])


def unreachable_officers(board: Board) -> list[Person]:
    """The officers of the board's outstanding actions who have no email address: no reminder
    can reach them (the clerks get a list of them instead, if the clerks can be emailed)."""
    return list(
        Person.objects.filter(
            email="", officer_links__action__in=Action.objects.filter(board=board).outstanding()
        )
        .annotate(open_actions=Count("officer_links", distinct=True))
        .order_by("name")
    )


def mail_trouble() -> MailTrouble | None:
    """Across the site: the emails failing now, if any (one query)."""
    found = Digest.objects.filter(status=DigestStatus.FAILED).aggregate(
        count=Count("pk"), since=Min("claimed_at"), latest=Max("claimed_at")
    )
    if not found["count"]:
        return None
    last = (
        Digest.objects.filter(status=DigestStatus.FAILED, claimed_at=found["latest"])
        .values_list("error", flat=True)
        .first()
        or ""
    )
    return MailTrouble(found["count"], found["since"], last)
