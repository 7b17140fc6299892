"""How often an anonymous caller may call the API: API_ANON_RATE (settings), read at each
call so that a deployment (or a test) may change it."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_ANON_RATE
