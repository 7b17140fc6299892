"""The address a request came from, for sign-in throttling and the logs.

Without a proxy it is REMOTE_ADDR. Behind TRUSTED_PROXIES reverse proxies, each appends
the address it was reached from to X-Forwarded-For, so the client is the entry that
many places from the right; entries further left were written by the client and could
be anything. A header with fewer entries than proxies falls back to REMOTE_ADDR.
"""

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    if proxies <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    return chain[-proxies] if len(chain) >= proxies else remote
