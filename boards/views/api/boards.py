"""The API's front door, the boards the caller may see, and people's public fields."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from ...access import visible_board, visible_boards, visible_people
from ...models import Person
from .base import ApiView
from .pagination import envelope, page_of, paged
from .parameters import PAGE_PARAMETERS
from .serializers import BoardDetailSerializer, BoardSerializer, PersonSerializer


class Root(ApiView):
    @extend_schema(
        operation_id="root",
        summary="What the API has",
        responses=inline_serializer(
            "ApiRoot", {name: serializers.CharField() for name in ("boards", "people", "schema")}
        ),
    )
    def get(self, request):
        return Response(
            {
                "boards": reverse("boards:api_boards"),
                "people": reverse("boards:api_people"),
                "schema": reverse("boards:api_schema"),
            }
        )


class Boards(ApiView):
    parameters = PAGE_PARAMETERS

    @extend_schema(
        operation_id="boards_list", summary="The boards you may see", responses=paged(BoardSerializer)
    )
    def get(self, request):
        boards = (
            visible_boards(request.user)
            .select_related("parent")
            .prefetch_related("organisations")
            .order_by("name", "pk")
        )
        page = page_of(request, boards)
        return Response(envelope(request, page, BoardSerializer(page.object_list, many=True).data))


class BoardDetail(ApiView):
    @extend_schema(operation_id="board", summary="A board, with its RAG key", responses=BoardDetailSerializer)
    def get(self, request, slug):
        board = visible_board(request.user, slug)
        return Response(BoardDetailSerializer(board).data)


class People(ApiView):
    parameters = PAGE_PARAMETERS

    @extend_schema(
        operation_id="people_list",
        summary="People on the boards you may see",
        description="Public fields only.",
        responses=paged(PersonSerializer),
    )
    def get(self, request):
        people = visible_people(request.user).select_related("organisation").order_by("name", "pk")
        page = page_of(request, people)
        return Response(envelope(request, page, PersonSerializer(page.object_list, many=True).data))


class PersonDetail(ApiView):
    @extend_schema(
        operation_id="person",
        summary="A person",
        description="Public fields only.",
        responses=PersonSerializer,
    )
    def get(self, request, pk):
        person = get_object_or_404(Person.objects.select_related("organisation", "merged_into"), pk=pk)
        # As the person's page: visible if the person the record stands for is.
        if not visible_people(request.user).filter(pk=person.current.pk).exists():
            raise Http404("No such person on a board you can see.")
        return Response(PersonSerializer(person).data)
