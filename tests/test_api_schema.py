"""The API's schema at /api/v1/schema/ is valid OpenAPI 3, and describes what the API does."""

import pytest
import yaml
from django.urls import reverse
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3(client):
    response = client.get(reverse("boards:api_schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    validate(schema)  # raises on any error
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert "/api/v1/boards/{slug}/actions/" in paths
    parameters = {p["name"] for p in paths["/api/v1/boards/{slug}/actions/"]["get"]["parameters"]}
    assert {"view", "q", "status", "officer", "meeting", "overdue", "due_from", "due_to"} <= parameters
    assert {"raised_from", "raised_to", "sort", "page", "page_size"} <= parameters
    person = schema["components"]["schemas"]["Person"]["properties"]
    assert "email" not in person and "name" in person


def test_the_schema_as_yaml_is_the_same(client):
    as_json = client.get(reverse("boards:api_schema")).json()
    as_yaml = client.get(reverse("boards:api_schema"), HTTP_ACCEPT="application/yaml")
    assert as_yaml.status_code == 200
    assert yaml.safe_load(as_yaml.content) == as_json


def test_the_schema_refuses_unknown_parameters(client):
    response = client.get(reverse("boards:api_schema"), {"lang": "fr"})
    assert response.status_code == 400 and "lang" in response.json()["parameters"]


def test_the_schema_is_generated_without_a_warning(tmp_path):
    """drf-spectacular's own check: every view, field and authentication is described (a
    warning means the schema guessed, and a client generated from it would be wrong)."""
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3")
