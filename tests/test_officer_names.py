"""Officer names typed in forms and imports: "did you mean ...?", and a new person only by choice.

boards/officer_names.py decides who a name is; the Log actions page, the action edit page,
the action-log import and the minutes import ask the clerk about any other name.
"""

import html
from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.models import Action, ActionOfficer, Membership, Person, SetupKind, SetupRecord
from boards.officer_names import NEW, OfficerNames
from boards.services.imports.minutes import officer_questions

from .factories import make_action, make_board, make_meeting, make_person

pytestmark = pytest.mark.django_db

TYPO = "Vandna Gohill"
MESSAGE = "“Vandna Gohill” is not one of this board's people. Did you mean Vandna Gohil?"


@pytest.fixture
def board():
    return make_board("hwb", name="Health and Wellbeing Board")


@pytest.fixture
def vandna(board):
    person = make_person("Vandna Gohil", job_title="Director of Public Health")
    Membership.objects.create(board=board, person=person, role="officer")
    return person


@pytest.fixture
def meeting(board):
    return make_meeting(board, when=datetime(2016, 11, 17, 14, 0))


@pytest.fixture
def clerk(board):
    user = get_user_model().objects.create_user("clerk")
    Membership.objects.create(board=board, person=make_person("Clerk", user=user), role="clerk")
    client = Client()
    client.force_login(user)
    return client


def text_of(response) -> str:
    return html.unescape(response.content.decode())


# Who a name is ----------------------------------------------------------------------------


def test_the_same_name_is_that_person_whatever_the_case_spacing_or_title(board, vandna):
    officers, questions = OfficerNames(board).resolve(["vandna  GOHIL", "Dr Vandna Gohil"])
    assert [o.person for o in officers] == [vandna, vandna] and questions == []


def test_the_boards_people_come_first_then_anyone_then_a_merged_record_stands_for_its_person(board, vandna):
    elsewhere = make_person("Jim Bosworth")  # on no board
    twin = make_person("Vandna Gohil")  # someone of the same name, not on this board
    old = make_person("Mike Sandy", merged_into=elsewhere)  # entered twice, merged
    names = OfficerNames(board)
    assert names.same("Vandna Gohil") == [vandna] and twin not in names.same("Vandna Gohil")
    assert names.same("jim bosworth") == [elsewhere]
    assert names.same("Mike Sandy") == [old.current] == [elsewhere]


def test_a_merged_record_is_never_suggested(board, vandna):
    make_person("Vandna Gohell", merged_into=vandna)
    (question,) = OfficerNames(board).resolve([TYPO])[1]
    assert question.suggestions == (vandna,)


def test_a_near_miss_is_a_question_with_the_boards_people_first(board, vandna):
    other = make_person("Vandna Gohel")  # not on the board
    officers, (question,) = OfficerNames(board).resolve([TYPO])
    assert officers == [] and question.suggestions == (vandna, other)
    assert question.message == (
        "“Vandna Gohill” is not one of this board's people. Did you mean Vandna Gohil or Vandna Gohel?"
    )
    assert question.legend == "Who is “Vandna Gohill”?"
    assert question.new_label == "Add “Vandna Gohill” as a new person"


def test_an_answer_resolves_a_question_only_when_it_is_one_of_its_options(board, vandna):
    names = OfficerNames(board)
    stranger = make_person("Someone Else")
    assert names.resolve([TYPO], {"vandna gohill": str(stranger.pk)})[0] == []
    (officer,), _ = names.resolve([TYPO], {"vandna gohill": str(vandna.pk)})
    assert officer.person == vandna and not officer.is_new
    (officer,), _ = names.resolve([TYPO], {"vandna gohill": NEW})
    assert officer.is_new and officer.name == TYPO


def test_a_name_near_nobody_can_only_be_added(board, vandna):
    (question,) = officer_questions(["Jane Newcomer", "jane newcomer"], board)
    assert question.suggestions == ()
    assert question.message == (
        "“Jane Newcomer” is not one of this board's people. Check the spelling, or "
        "choose to add them as a new person."
    )


# The Log actions page --------------------------------------------------------------------


def rows(meeting, green, **row0):
    data = {
        "rows-TOTAL_FORMS": "3",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "50",
    }
    for i in range(3):
        data.update(
            {
                f"rows-{i}-resolution": "",
                f"rows-{i}-reference": "",
                f"rows-{i}-description": "",
                f"rows-{i}-officers": "",
                f"rows-{i}-due": "",
                f"rows-{i}-status": green,
            }
        )
    data.update(
        {
            "rows-0-reference": "326(c)",
            "rows-0-description": "Develop a plan.",
            "rows-0-officers": f"{TYPO}/ Jane Newcomer",
        }
    )
    data.update({f"rows-0-{k}": v for k, v in row0.items()})
    return data


def entry_url(meeting):
    return reverse("boards:actions_entry", args=[meeting.board.slug, meeting.pk])


def green(board):
    return board.rag_key.statuses.get(code="GREEN").pk


def test_a_typo_is_refused_until_the_clerk_chooses_and_nothing_is_saved(clerk, board, vandna, meeting):
    people = Person.objects.count()
    response = clerk.post(entry_url(meeting), rows(meeting, green(board)))
    assert response.status_code == 200
    page = text_of(response)
    assert f'<p class="error-message">{MESSAGE}</p>' in page
    assert f"Row 1, responsible officer(s): {MESSAGE}" in page  # the error summary
    assert '<legend class="label">Who is “Vandna Gohill”?</legend>' in page
    assert (
        '<label for="id_rows-0-officer_choice_0_0">Vandna Gohil</label><p class="hint" '
        'id="id_rows-0-officer_choice_0_0_hint">Director of Public Health</p>'
    ) in page
    assert '<label for="id_rows-0-officer_choice_0_new">Add “Vandna Gohill” as a new person</label>' in page
    assert '<label for="id_rows-0-officer_choice_1_new">Add “Jane Newcomer” as a new person</label>' in page
    assert 'name="rows-0-officers" id="id_rows-0-officers" value="Vandna Gohill/ Jane Newcomer"' in page
    assert not Action.objects.exists() and Person.objects.count() == people


def test_only_one_name_answered_is_still_refused(clerk, board, vandna, meeting):
    data = rows(meeting, green(board), officer_choice_0=str(vandna.pk), officer_asked_0=TYPO)
    page = text_of(clerk.post(entry_url(meeting), data))
    assert "“Jane Newcomer” is not one of this board's people." in page and MESSAGE not in page
    # The answer given is kept, ticked.
    assert f'value="{vandna.pk}" id="id_rows-0-officer_choice_0_0" checked' in page
    assert not Action.objects.exists()


def test_the_suggestion_accepted_is_the_existing_person_and_new_is_a_new_person(
    clerk, board, vandna, meeting
):
    people = Person.objects.count()
    data = rows(
        meeting,
        green(board),
        officer_choice_0=str(vandna.pk),
        officer_asked_0=TYPO,
        officer_choice_1=NEW,
        officer_asked_1="Jane Newcomer",
    )
    response = clerk.post(entry_url(meeting), data)
    assert response.status_code == 302
    action = Action.objects.get(reference="326(c)")
    assert [p.name for p in action.officers.order_by("officer_links__position")] == [
        "Vandna Gohil",
        "Jane Newcomer",
    ]
    assert Person.objects.count() == people + 1 and not Person.objects.filter(name=TYPO).exists()
    jane = Person.objects.get(name="Jane Newcomer")
    assert Membership.objects.filter(board=board, person=jane, role="officer").exists()
    record = SetupRecord.objects.get(kind=SetupKind.PEOPLE_ADDED, person=jane)
    assert record.board == board and record.by_user.username == "clerk"


def test_a_choice_never_lands_on_a_name_typed_afterwards(clerk, board, vandna, meeting):
    data = rows(
        meeting, green(board), officers="Someone Quite Different", officer_choice_0=NEW, officer_asked_0=TYPO
    )
    page = text_of(clerk.post(entry_url(meeting), data))
    assert "“Someone Quite Different” is not one of this board's people." in page
    assert not Person.objects.filter(name="Someone Quite Different").exists()


def test_the_names_are_looked_up_once_for_two_rows_or_six(clerk, board, vandna, meeting):
    """The rows share one look-up of the people (the page's other per-row queries, the
    status and resolution choices, are the formset's own, at most 50 rows)."""

    def refused(count):
        data = {
            "rows-TOTAL_FORMS": str(count),
            "rows-INITIAL_FORMS": "0",
            "rows-MIN_NUM_FORMS": "0",
            "rows-MAX_NUM_FORMS": "50",
        }
        for i in range(count):
            data.update(
                {
                    f"rows-{i}-reference": f"9{i}",
                    f"rows-{i}-description": "A.",
                    f"rows-{i}-officers": f"{TYPO}/ Vandna Gohil",
                    f"rows-{i}-due": "",
                    f"rows-{i}-status": green(board),
                    f"rows-{i}-resolution": "",
                }
            )
        with CaptureQueriesContext(connection) as queries:
            assert clerk.post(entry_url(meeting), data).status_code == 200
        return [q["sql"] for q in queries if 'FROM "boards_person"' in q["sql"]]

    assert len(refused(2)) == len(refused(6)) <= 5


# The action edit page ---------------------------------------------------------------------


def test_the_edit_page_asks_too_and_saves_the_person_chosen(clerk, board, vandna):
    action = make_action(board, "326(c)")
    url = reverse("boards:edit_action", args=[board.slug, action.pk])
    data = {
        "reference": "326(c)",
        "description": "Develop a plan.",
        "officers": TYPO,
        "due": "",
        "status": action.status_id,
        "reason": "Reassigned at the meeting.",
        "version": action.version,
    }
    page = text_of(clerk.post(url, data))
    assert MESSAGE in page and '<legend class="label">Who is “Vandna Gohill”?</legend>' in page
    assert '<label for="id_officer_choice_0_0">Vandna Gohil</label>' in page
    assert not ActionOfficer.objects.exists()
    response = clerk.post(url, {**data, "officer_choice_0": str(vandna.pk), "officer_asked_0": TYPO})
    assert response.status_code == 302
    assert list(action.officers.all()) == [vandna] and not Person.objects.filter(name=TYPO).exists()


def test_the_same_officers_typed_differently_are_not_a_reassignment(clerk, board, vandna):
    action = make_action(board, "326(c)", officers=[vandna])
    url = reverse("boards:edit_action", args=[board.slug, action.pk])
    response = clerk.post(
        url,
        {
            "reference": "326(c)",
            "description": "A new description.",
            "officers": "Dr  vandna gohil",
            "due": "",
            "status": action.status_id,
            "reason": "",
            "version": action.version,
        },
    )
    assert response.status_code == 302
    assert list(action.officers.all()) == [vandna]


# The imports ------------------------------------------------------------------------------

LOG = (
    b"No.,Date,Action,Responsible Officer,Comments,Status\r\n"
    b"1,17/11/16,Develop a plan.,Vandna Gohill,,GREEN\r\n"
    b"2,17/11/16,Report back.,Vandna Gohill/ Jane Newcomer,,GREEN\r\n"
)


def test_the_log_import_asks_once_per_name_and_applies_the_choice_to_every_row(clerk, board, vandna):
    url = reverse("boards:log_import", args=[board.slug])
    preview = clerk.post(url, {"step": "preview", "file": SimpleUploadedFile("log.csv", LOG)})
    page = text_of(preview)
    assert page.count('<legend class="label">Who is “Vandna Gohill”?</legend>') == 1
    assert f'<p class="error-message"><span class="visually-hidden">Error:</span> {MESSAGE}</p>' in page
    assert f'<a href="#id_officer-choice-0">Responsible Officer: {MESSAGE}</a>' in page
    assert '<label for="id_officer-choice-0_0">Vandna Gohil</label>' in page
    assert '<label for="id_officer-choice-1_new">Add “Jane Newcomer” as a new person</label>' in page
    assert "Import 2 actions" not in page
    form = {
        "table": preview.context["token"],
        "previewed": preview.context["previewed"],
        **{f"map_{k}": "" if v is None else str(v) for k, v in preview.context["preview"].mapping.items()},
        "officer-choice-0": str(vandna.pk),
        "officer-choice-0-name": TYPO,
        "officer-choice-1": NEW,
        "officer-choice-1-name": "Jane Newcomer",
    }
    again = clerk.post(url, {**form, "step": "preview"})
    assert "Import 2 actions" in text_of(again) and again.context["preview"].ok
    # Without the choices, the confirm step imports nothing.
    refused = clerk.post(
        url, {**{k: v for k, v in form.items() if not k.startswith("officer-")}, "step": "confirm"}
    )
    assert refused.status_code == 200 and not Action.objects.exists()
    done = clerk.post(url, {**form, "step": "confirm"})
    assert done.status_code == 302
    first, second = Action.objects.order_by("sort_key")
    assert list(first.officers.all()) == [vandna]
    assert [p.name for p in second.officers.order_by("officer_links__position")] == [
        "Vandna Gohil",
        "Jane Newcomer",
    ]
    assert not Person.objects.filter(name=TYPO).exists()
    assert Person.objects.filter(name="Jane Newcomer").count() == 1


def test_the_log_import_command_lists_the_suggestions_and_adds_only_with_its_flag(
    board, vandna, tmp_path, capsys
):
    path = tmp_path / "log.csv"
    path.write_bytes(LOG)
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_action_log", str(path), "--board", board.slug)
    err = capsys.readouterr().err
    assert f"Responsible Officer: {MESSAGE}" in err and "--add-new-people" in err
    assert not Action.objects.exists() and not Person.objects.filter(name=TYPO).exists()
    call_command("import_action_log", str(path), "--board", board.slug, "--add-new-people")
    out = capsys.readouterr().out
    assert f"Officer {MESSAGE} Added as a new person (--add-new-people)." in out
    assert Person.objects.filter(name=TYPO).count() == 1 and Action.objects.count() == 2


MINUTES = """326. BETTER CARE FUND
Members discussed the plan.
RESOLVED:
(a) That the Director of Public Health be requested to develop a plan by March 2017.
"""


def test_the_minutes_import_asks_and_uses_the_person_chosen(clerk, board, vandna):
    url = reverse("boards:minutes_import", args=[board.slug])
    preview = clerk.post(url, {"date": "17/11/2016", "text": MINUTES, "step": "preview"})
    form = preview.context["form"]
    (item,) = form.items
    (row,) = item.resolutions
    assert row.create.value()
    data = {
        "step": "confirm",
        "packed": form["packed"].value(),
        "edits": "[]",
        "date": "17/11/2016",
        "item-0-number": "326",
        "item-0-title": "BETTER CARE FUND",
        "item-0-res-0-create": "on",
        "item-0-res-0-officers": TYPO,
        "item-0-res-0-due": "March 2017",
    }
    page = text_of(clerk.post(url, data))
    assert f"Responsible officer(s) for 326(a): {MESSAGE}" in page
    assert '<legend class="label">Who is “Vandna Gohill”?</legend>' in page
    assert '<label for="id_officer-choice-0_0">Vandna Gohil</label>' in page
    assert not Action.objects.exists()
    done = clerk.post(url, {**data, "officer-choice-0": str(vandna.pk), "officer-choice-0-name": TYPO})
    assert done.status_code == 302
    assert list(Action.objects.get(reference="326(a)").officers.all()) == [vandna]
    assert not Person.objects.filter(name=TYPO).exists()


def test_the_minutes_command_prints_the_near_match_and_refuses_without_its_flag(
    board, vandna, tmp_path, capsys
):
    path = tmp_path / "minutes.txt"
    path.write_text(MINUTES)
    with pytest.raises(CommandError, match="1 officer name is none of the board's people"):
        call_command(
            "import_minutes", str(path), board=board.slug, date="17/11/2016", officers=[f"326(a)={TYPO}"]
        )
    assert f"officer {MESSAGE}" in capsys.readouterr().out
    assert not Action.objects.exists()
    call_command(
        "import_minutes",
        str(path),
        board=board.slug,
        date="17/11/2016",
        officers=[f"326(a)={TYPO}"],
        add_new_people=True,
    )
    assert [p.name for p in Action.objects.get(reference="326(a)").officers.all()] == [TYPO]
