"""The API's OpenAPI 3 schema, as JSON (or YAML for Accept: application/yaml)."""

from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.views import SpectacularAPIView

from .parameters import StrictParameters


class Schema(StrictParameters, SpectacularAPIView):
    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    http_method_names = ["get", "head", "options"]
    parameters = ()
