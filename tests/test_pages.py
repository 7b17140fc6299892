"""The pages that issue 2 serves: the home page and the health check."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_lists_the_demo_board_with_its_counts(client, demo, settings):
    response = client.get(reverse("boards:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Leicestershire Health and Wellbeing Board" in html
    # All nine demo actions are outstanding; by today every dated one is overdue.
    assert "<td>9</td>" in html


def test_home_without_boards_explains_what_to_do(client):
    response = client.get(reverse("boards:home"))
    assert "There are no boards yet" in response.content.decode()


def test_healthz(client):
    response = client.get(reverse("boards:healthz"))
    assert response.status_code == 200
    assert response.content == b"OK"
