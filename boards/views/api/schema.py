"""The API's OpenAPI 3 schema, as JSON (or YAML for Accept: application/yaml)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer, OpenApiYamlRenderer2
from drf_spectacular.views import SpectacularAPIView

from .parameters import StrictParameters


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """The schema's word for authentication.BearerTokenAuthentication (registered by being
    defined: drf-spectacular finds extensions by subclass)."""

    target_class = "boards.views.api.authentication.BearerTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token made on your “API tokens” page (My actions). Without one, you read "
            "what anyone may: the public boards.",
        }


class Schema(StrictParameters, SpectacularAPIView):
    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer, OpenApiYamlRenderer2]
    http_method_names = ["get", "head", "options"]
    parameters = ()
