"""Who may see what. Every page and export starts from these querysets."""

from django.db.models import Q

from .models import Board


def visible_boards(user):
    """Public boards for everyone; private boards for their members and for staff."""
    if user is not None and user.is_authenticated:
        if user.is_staff:
            return Board.objects.all()
        return Board.objects.filter(Q(is_public=True) | Q(memberships__person__user=user)).distinct()
    return Board.objects.filter(is_public=True)
