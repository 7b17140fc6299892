"""Token authentication: `Authorization: Bearer <token>`, a token its person made on their
"My actions" page (boards/views/api_tokens.py). The caller is then that user, and sees
what the user sees on the pages."""

from rest_framework import authentication, exceptions

from ...services import api_tokens

KEYWORD = "Bearer"


class BearerTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() != KEYWORD.lower():
            return None  # no token: anonymous, or a signed-in session
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Give the token after “Bearer ”, with no spaces in it.")
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("This token is not valid.") from None
        token = api_tokens.authenticate(raw)
        if token is None:
            raise exceptions.AuthenticationFailed("This token is not valid, or has been revoked.")
        return token.user, token

    def authenticate_header(self, request):
        return f'{KEYWORD} realm="api"'
