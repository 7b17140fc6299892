"""A person's own API tokens (README "JSON API"), in the "My actions" area: made, shown once,
listed and revoked. Each change is recorded by boards.services.api_tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..forms.people import ApiTokenForm
from ..models import ApiToken
from ..services import api_tokens as token_service

# The new token waits in the session for the one page that shows it, then is gone: it is
# never put in an address, and never stored anywhere else.
NEW_TOKEN = "api_token_new"


@never_cache
@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = token_service.create(request.user, form.cleaned_data["name"])
        request.session[NEW_TOKEN] = {"id": token.pk, "token": raw}
        return redirect("boards:api_tokens")
    new = request.session.pop(NEW_TOKEN, None)
    tokens = ApiToken.objects.filter(user=request.user).order_by(
        F("revoked_at").asc(nulls_first=True), "-created_at", "-id"
    )
    return render(
        request,
        "boards/api_tokens.html",
        {"form": form, "tokens": tokens, "new_token": new["token"] if new else None},
    )


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if token_service.revoke(request.user, token):
        messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    else:
        messages.info(request, f"The token “{token.name}” was already revoked.")
    return redirect("boards:api_tokens")
