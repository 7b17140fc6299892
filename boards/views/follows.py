"""Following a board or an action, confirming a follow, and unsubscribing from alerts.

Signed in, Follow is one button (a POST). Anonymous, it is an email form: the address is sent
a confirmation link, and the page says the same thing whether or not it already follows. The
emailed links (confirm, unsubscribe) show a page with a button on GET and act only on POST,
so a mail scanner that opens links changes nothing; unsubscribing also takes the one-click
POST of RFC 8058 from a mail client, with the signed token as its only credential.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ..access import action_for, board_for
from ..forms.follow import FollowEmailForm
from ..services.follows import (
    FollowRefused,
    Target,
    confirm,
    follow,
    follower_for_unsubscribe,
    is_following,
    read_confirm_token,
    request_follow,
    unfollow,
    unsubscribe,
)

CHECK_EMAIL = (
    "Check your email: if that address can be sent alerts, a link to confirm is on its way. "
    "Nothing is followed until you press the button on the page the link opens."
)


@require_http_methods(["GET", "HEAD", "POST"])
def follow_board(request, slug):
    return _follow(request, Target(board=board_for(request, slug).board))


@require_http_methods(["GET", "HEAD", "POST"])
def follow_action(request, slug, pk):
    action, _access = action_for(request, slug, pk)
    return _follow(request, Target(action=action))


def _follow(request, target: Target):
    if request.user.is_authenticated:
        if request.method == "POST":
            follow(request.user, target)
            messages.success(request, f"You are following {target.name}. Alerts come at most once a day.")
            return redirect(target.url)
        following = is_following(request.user, target)
        return render(request, "boards/follow.html", {"target": target, "following": following})
    form = FollowEmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        request_follow(form.cleaned_data["email"], target)
        messages.success(request, CHECK_EMAIL)
        return redirect(target.url)
    return render(
        request, "boards/follow.html", {"target": target, "form": form}, status=400 if form.errors else 200
    )


def _back(request, fallback="boards:my_actions"):
    """Where an Unfollow button asked to go back to (this site only), or My actions."""
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    return redirect(fallback)


@login_required
@require_POST
def unfollow_board(request, slug):
    if unfollow(request.user, board_slug=slug):
        messages.success(request, "You are no longer following that board.")
    return _back(request)


@login_required
@require_POST
def unfollow_action(request, slug, pk):
    if unfollow(request.user, action_pk=pk):
        messages.success(request, "You are no longer following that action.")
    return _back(request)


def _refused(request, refused: FollowRefused):
    return render(request, "boards/follow_refused.html", {"reason": refused.reason}, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def follow_confirm(request, token):
    """GET: what the link would confirm, and a button; POST: confirm."""
    try:
        if request.method == "POST":
            target = confirm(token)
            messages.success(request, f"Confirmed: you are following {target.name}.")
            return redirect(target.url)
        _follower, target = read_confirm_token(token)
    except FollowRefused as refused:
        return _refused(request, refused)
    return render(request, "boards/follow_confirm.html", {"target": target})


@csrf_exempt  # RFC 8058: the mail client's one-click POST carries no CSRF token; the signed token is the key
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_view(request, token):
    """GET: a button; POST (the button, or a mail client's one-click): no more alerts."""
    try:
        follower = follower_for_unsubscribe(token)
    except FollowRefused as refused:
        return _refused(request, refused)
    if request.method == "POST":
        unsubscribe(follower)
        messages.success(request, "You are unsubscribed: no more alerts will be sent to you.")
        return redirect("boards:home")
    return render(request, "boards/unsubscribe.html", {"follower": follower})
