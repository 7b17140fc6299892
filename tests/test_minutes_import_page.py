"""The clerk's minutes import page: paste or upload, preview and correct, confirm.

Nothing is saved before the confirmation; the confirmation saves everything or nothing.
"""

import html
import io
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boards.forms.minutes_import import pack_text, unpack_text
from boards.importers.minutes import parse_minutes
from boards.models import Action, ActionUpdate, Meeting, Membership, MinuteItem, Person, Resolution
from boards.services.imports.minutes import record_minutes
from boards.services.updating import Actor

from .data.long_minutes import big_minutes
from .factories import make_action, make_board, make_person

SEED = Path(__file__).parent / "data" / "minutes_2016_11_17.txt"
TEXT = SEED.read_text(encoding="utf-8")
PROPOSED = ["326(c)", "327(b)", "330(b)", "330(c)", "330(d)", "333(b)"]
# 330(d) is the 11th item's 4th resolution: its fields are keyed by those indexes.
KEY_330D = "item-10-res-3"
KEY_326C = "item-6-res-2"
KEY_330A = "item-10-res-0"

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    board = make_board("hwb", name="Health and Wellbeing Board")
    director = make_person("Mike Sandys", job_title="Director of Public Health")
    Membership.objects.create(board=board, person=director, role="officer")
    Membership.objects.create(board=board, person=make_person("Mike McHugh"), role="officer")
    return board


@pytest.fixture
def clerk(board, client):
    user = get_user_model().objects.create_user("clerk")
    Membership.objects.create(board=board, person=make_person("Clerk Person", user=user), role="clerk")
    client.force_login(user)
    return user


@pytest.fixture
def page_url(board):
    return reverse("boards:minutes_import", args=[board.slug])


def nothing_saved():
    return (
        Meeting.objects.count(),
        MinuteItem.objects.count(),
        Resolution.objects.count(),
        Action.objects.count(),
        ActionUpdate.objects.count(),
    ) == (0, 0, 0, 0, 0)


def preview(client, url, **data):
    return client.post(url, {"step": "preview", "date": "17/11/2016", **data})


def confirm_data(form, **changes):
    """What the browser would send from the preview page as shown, with `changes`."""
    data = {
        "step": "confirm",
        "packed": form.initial["packed"],
        "edits": form.initial.get("edits", "[]"),
        "date": "17/11/2016",
    }
    for name in form.fields:
        if name in ("packed", "edits", "date"):
            continue
        value = form[name].value()
        if name.endswith("-create"):
            if value:
                data[name] = "on"
        else:
            data[name] = value or ""
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def structure(form):
    return [
        (
            row.item.number,
            row.item.title,
            [(r.reference, r.res.text, r.res.creates_action, r.suggested) for r in row.resolutions],
        )
        for row in form.items
    ]


def docx_bytes(text):
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(text):
    """A PDF with a text layer: one drawn line per line of `text`, as many pages as needed."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas

    from boards.exports.pdf import fonts

    font = fonts()[0]  # TrueType, for the minutes' “quotes”, – and £
    width, height = landscape(A4)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(width, height))
    y = height - cm
    for line in text.splitlines():
        if y < cm:
            pdf.showPage()
            y = height - cm
        pdf.setFont(font, 8)
        pdf.drawString(cm, y, line)
        y -= 10
    pdf.save()
    return out.getvalue()


# Step 1 ------------------------------------------------------------------------------------


def test_the_board_page_links_clerks_to_the_import(client, clerk, board, page_url):
    assert f'href="{page_url}"' in client.get(reverse("boards:board", args=[board.slug])).content.decode()


def test_the_first_step_asks_for_the_date_and_the_text_or_a_file(client, clerk, page_url):
    response = client.get(page_url)
    assert response.status_code == 200
    page = response.content.decode()
    for label in ("Meeting date", "Paste the minutes text", "Or upload the minutes"):
        assert f">{label}" in page
    assert 'enctype="multipart/form-data"' in page


def test_an_anonymous_visitor_is_sent_to_sign_in(client, board, page_url):
    response = client.get(page_url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# Step 2: the preview -------------------------------------------------------------------------


def test_the_preview_shows_items_resolutions_and_unparsed_blocks_and_saves_nothing(client, clerk, page_url):
    response = preview(client, page_url, text=TEXT)
    assert response.status_code == 200
    assert response.templates[0].name == "boards/clerk/minutes_preview.html"
    page = response.content.decode()
    form = response.context["form"]
    assert [row.item.number for row in form.items] == [str(n) for n in range(320, 335)]
    assert "Minute 320. Minutes and Action Log" in page
    assert "Minute 334. Date of next meeting" in page
    proposed = [r.reference for row in form.items for r in row.resolutions if r.create.value()]
    assert proposed == PROPOSED
    # The classifier's reason, the suggestion and the due phrase, for the clerk to check.
    assert "Yes (creates work: &#x27;discuss&#x27;)" in page
    assert "No (notes or approves: no work follows)" in page
    assert form[f"{KEY_330D}-officers"].value() == "Mike Sandys"
    assert form[f"{KEY_326C}-due"].value() == "in due course"
    # The unparsed blocks, with their line numbers: nothing is dropped silently.
    assert "Text not read as minutes" in page
    assert "Lines 1 to 30" in page and "Lines 270 to 273" in page
    assert "CHAIRMAN" in page
    assert (
        "found 15 minute items and 19 resolutions, 6 of them marked to create an action".lower()
        in " ".join(page.split()).lower()
    )
    assert "Health and Wellbeing Board has no meeting on 17/11/2016" in page
    assert nothing_saved()


def test_the_preview_carries_the_text_in_a_hidden_field_unchanged(client, clerk, board, page_url):
    text = "\n\n" + TEXT + "\n  \n"  # leading blank lines count in the line numbers
    response = preview(client, page_url, text=text)
    packed = response.context["form"].initial["packed"]
    assert unpack_text(packed, board) == text
    assert f'name="packed" value="{html.escape(packed)}"' in response.content.decode()
    assert len(packed) < len(text) / 2  # compressed: a long meeting's minutes fit in a POST


def test_a_packed_text_altered_or_for_another_board_is_refused_not_read(client, clerk, board, page_url):
    form = preview(client, page_url, text=TEXT).context["form"]
    other = make_board("other", name="Other Board")
    for packed in (form.initial["packed"][:-2] + "xx", pack_text("326. Title", other), ""):
        response = client.post(page_url, {**confirm_data(form), "packed": packed})
        assert response.status_code == 200
        assert "could not be read back: paste or upload the minutes again" in response.content.decode()
    assert nothing_saved()


def test_user_text_is_escaped_in_the_preview(client, clerk, page_url):
    text = "<b>Before</b>\n340. <script>alert(1)</script> Item\nRESOLVED:\n(a) That <i>x</i> be submitted."
    page = preview(client, page_url, text=text).content.decode()
    assert "<script>alert(1)</script>" not in page and "<i>x</i>" not in page and "<b>Before</b>" not in page
    assert "&lt;i&gt;x&lt;/i&gt;" in page


# Step 3: the confirmation --------------------------------------------------------------------


def test_confirm_with_one_officer_corrected_saves_it_with_its_history(client, clerk, board, page_url):
    form = preview(client, page_url, text=TEXT).context["form"]
    response = client.post(page_url, confirm_data(form, **{f"{KEY_330D}-officers": "Mike McHugh"}))
    meeting = Meeting.objects.get(board=board)
    assert response.status_code == 302
    assert response["Location"] == reverse("boards:meeting", args=[board.slug, meeting.pk])
    assert meeting.date.isoformat() == "2016-11-17"
    assert MinuteItem.objects.filter(board=board, meeting=meeting).count() == 15
    assert Resolution.objects.filter(minute_item__board=board).count() == 19
    assert sorted(Action.objects.filter(board=board).values_list("reference", flat=True)) == PROPOSED
    corrected = Action.objects.get(board=board, reference="330(d)")
    assert [p.name for p in corrected.officers.all()] == ["Mike McHugh"]
    update = corrected.updates.get()
    assert (update.via, update.by_user, update.version) == ("web", clerk, 1)
    assert update.changes["officers"] == {"from": [], "to": ["Mike McHugh"]}
    # The others keep the suggestion the clerk left alone.
    assert [p.name for p in Action.objects.get(reference="330(b)").officers.all()] == []
    followed = client.get(response["Location"])
    assert (
        "Minutes of the meeting of 17 November 2016 imported: 15 minute items, 19 resolutions and 6 actions."
    ) in followed.content.decode()


def test_confirm_follows_the_ticks_and_the_due_typed(client, clerk, board, page_url):
    form = preview(client, page_url, text=TEXT).context["form"]
    data = confirm_data(
        form,
        **{
            f"{KEY_326C}-create": None,
            f"{KEY_330A}-create": "on",
            f"{KEY_330A}-officers": "Mike Sandys",
            f"{KEY_330A}-due": "31/03/2017",
        },
    )
    assert client.post(page_url, data).status_code == 302
    references = set(Action.objects.values_list("reference", flat=True))
    assert "326(c)" not in references and "330(a)" in references
    noted = Action.objects.get(reference="330(a)")
    assert noted.due_date.isoformat() == "2017-03-31"
    assert [p.name for p in noted.officers.all()] == ["Mike Sandys"]


def test_a_new_officer_name_is_added_to_the_board_as_the_action_entry_form_does(
    client, clerk, board, page_url
):
    form = preview(client, page_url, text=TEXT).context["form"]
    # "Jane Newcomer" is nobody's name yet: the clerk chooses to add her as a new person.
    response = client.post(
        page_url,
        confirm_data(
            form,
            **{
                f"{KEY_330D}-officers": "Jane Newcomer/ Mike Sandys",
                "officer-choice-0": "new",
                "officer-choice-0-name": "Jane Newcomer",
            },
        ),
        follow=True,
    )
    assert "New officer added to the board: Jane Newcomer." in response.content.decode()
    action = Action.objects.get(reference="330(d)")
    assert [p.name for p in action.officers.order_by("officer_links__position")] == [
        "Jane Newcomer",
        "Mike Sandys",
    ]
    assert Membership.objects.filter(board=board, person__name="Jane Newcomer", role="officer").exists()


def test_the_preview_asks_about_names_that_would_be_added(client, clerk, board, page_url):
    form = preview(client, page_url, text=TEXT).context["form"]
    data = confirm_data(form, **{f"{KEY_330D}-officers": "Mike Sandy", f"{KEY_330D}-due": "x" * 101})
    page = html.unescape(client.post(page_url, data).content.decode())
    assert "“Mike Sandy” is not one of this board's people. Did you mean Mike Sandys?" in page
    assert "Who is “Mike Sandy”?" in page and "Add “Mike Sandy” as a new person" in page
    assert nothing_saved()


def test_the_meeting_of_that_date_is_used_when_it_exists(client, clerk, board, page_url):
    from .factories import make_meeting

    meeting = make_meeting(board)
    response = preview(client, page_url, text=TEXT)
    assert "The minutes will be added to the meeting of" in response.content.decode()
    client.post(page_url, confirm_data(response.context["form"]))
    assert Meeting.objects.count() == 1
    assert MinuteItem.objects.filter(meeting=meeting).count() == 15


# Uploads -------------------------------------------------------------------------------------


def test_a_word_upload_gives_the_same_structure_as_the_paste(client, clerk, page_url):
    pasted = structure(preview(client, page_url, text=TEXT).context["form"])
    upload = SimpleUploadedFile("minutes.docx", docx_bytes(TEXT))
    response = preview(client, page_url, text="", document=upload)
    assert response.status_code == 200 and "form" in response.context
    assert structure(response.context["form"]) == pasted
    assert nothing_saved()


def test_a_pdf_upload_gives_the_same_structure_as_the_paste(client, clerk, page_url):
    pasted = structure(preview(client, page_url, text=TEXT).context["form"])
    upload = SimpleUploadedFile("minutes.pdf", pdf_bytes(TEXT), content_type="application/pdf")
    response = preview(client, page_url, text="", document=upload)
    assert structure(response.context["form"]) == pasted
    assert nothing_saved()


def test_an_uploaded_file_can_be_confirmed(client, clerk, board, page_url):
    upload = SimpleUploadedFile("minutes.docx", docx_bytes(TEXT))
    form = preview(client, page_url, text="", document=upload).context["form"]
    assert client.post(page_url, confirm_data(form)).status_code == 302
    assert Action.objects.filter(board=board).count() == 6


# Errors: nothing saved, nothing lost -----------------------------------------------------------


def errors_of(response):
    form = response.context["form"]
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


@pytest.mark.parametrize(
    "filename, content, message",
    [
        ("minutes.rtf", b"{\\rtf1 320. Minutes}", "is not a file type that can be read"),
        ("minutes.docx", b"not a zip", "could not be opened as a Word document"),
        ("minutes.pdf", b"%PDF-1.4 broken", "could not be read as a PDF"),
        ("minutes.txt", b"", "The submitted file is empty."),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_error(client, clerk, page_url, filename, content, message):
    response = preview(client, page_url, text="", document=SimpleUploadedFile(filename, content))
    assert response.templates[0].name == "boards/clerk/minutes_import.html"
    assert any(message in e for e in errors_of(response)["document"])
    assert "There is a problem" in response.content.decode()
    assert nothing_saved()


def test_a_pdf_without_a_text_layer_is_explained(client, clerk, page_url):
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    scan = canvas.Canvas(out)  # a black rectangle and no text, as a scanned page
    scan.rect(2 * cm, 20 * cm, 5 * cm, 5 * cm, stroke=0, fill=1)
    scan.save()
    scanned = out.getvalue()
    response = preview(client, page_url, text="", document=SimpleUploadedFile("scan.pdf", scanned))
    assert errors_of(response)["document"][0].startswith("This PDF has no text layer (a scanned image?)")
    assert nothing_saved()


def test_a_file_over_5_mb_is_refused(client, clerk, page_url):
    big = SimpleUploadedFile("minutes.txt", b"x" * (5 * 1024 * 1024 + 1))
    response = preview(client, page_url, text="", document=big)
    assert errors_of(response)["document"] == ["The file is larger than 5 MB."]
    assert nothing_saved()


def test_empty_input_is_refused(client, clerk, page_url):
    response = preview(client, page_url, text="   ")
    assert errors_of(response) == {"text": ["Paste the minutes text or upload a file."]}
    assert nothing_saved()


def test_text_with_no_minute_numbers_is_one_item_for_the_clerk_to_number(client, clerk, board, page_url):
    text = "Members discussed the plan.\nRESOLVED: That a report be submitted to the next meeting."
    response = preview(client, page_url, text=text)
    form = response.context["form"]
    assert [(row.item.number, [r.res.text for r in row.resolutions]) for row in form.items] == [
        ("", ["That a report be submitted to the next meeting."])
    ]
    assert "No minute number was found in the text" in response.content.decode()
    # Confirming without a number is refused at the field, and nothing is saved ...
    response = client.post(page_url, confirm_data(form))
    assert response.context["form"].errors["item-0-number"] == [
        "Enter the minute's number, as printed in the minutes (326, 337/18)."
    ]
    assert nothing_saved()
    # ... and with one, the minute, its resolution and its action are saved under it.
    response = client.post(page_url, confirm_data(form, **{"item-0-number": "12", "item-0-title": "Plan"}))
    assert response.status_code == 302
    assert list(MinuteItem.objects.values_list("number", "title")) == [("12", "Plan")]
    assert list(Action.objects.values_list("reference", flat=True)) == ["12"]


def test_text_with_only_page_furniture_is_refused_and_kept(client, clerk, page_url):
    response = preview(client, page_url, text="Page 1 of 2\n\nChairman ..........")
    assert "No minutes were found in the text" in errors_of(response)["text"][0]
    assert response.context["form"]["text"].value() == "Page 1 of 2\n\nChairman .........."


@pytest.mark.parametrize("date", ["", "31/02/2016", "2016-13-01x", "next week"])
def test_a_bad_date_is_refused_and_the_pasted_text_is_kept(client, clerk, page_url, date):
    response = client.post(page_url, {"step": "preview", "date": date, "text": TEXT})
    assert "date" in errors_of(response)
    assert response.context["form"]["text"].value() == TEXT
    assert html.escape("323. Position Statement by the Chairman.") in response.content.decode()
    assert nothing_saved()


def test_both_text_and_a_file_is_refused_and_the_text_kept(client, clerk, page_url):
    response = preview(client, page_url, text=TEXT, document=SimpleUploadedFile("m.txt", TEXT.encode()))
    assert "not both" in errors_of(response)["document"][0]
    assert response.context["form"]["text"].value() == TEXT


def test_an_upload_read_before_another_error_is_kept_in_the_text_box(client, clerk, page_url):
    upload = SimpleUploadedFile("minutes.docx", docx_bytes(TEXT))
    response = client.post(
        page_url, {"step": "preview", "date": "not a date", "text": "", "document": upload}
    )
    assert set(errors_of(response)) == {"date"}
    assert response.context["form"]["text"].value().splitlines() == TEXT.splitlines()
    assert "The text of “minutes.docx” is in the text box below" in response.content.decode()


def test_a_bad_confirmation_keeps_every_correction_and_saves_nothing(client, clerk, page_url):
    form = preview(client, page_url, text=TEXT).context["form"]
    data = confirm_data(
        form, date="17/13/2016", **{f"{KEY_330D}-officers": "Mike McHugh", f"{KEY_326C}-due": "y" * 101}
    )
    response = client.post(page_url, data)
    assert response.status_code == 200
    assert set(errors_of(response)) == {"date", f"{KEY_326C}-due"}
    form = response.context["form"]
    assert form[f"{KEY_330D}-officers"].value() == "Mike McHugh"
    assert form["date"].value() == "17/13/2016"
    page = response.content.decode()
    assert "There is a problem" in page and f'href="#id_{KEY_326C}-due"' in page
    assert nothing_saved()


def test_the_change_the_text_button_goes_back_with_the_text(client, clerk, page_url):
    form = preview(client, page_url, text=TEXT).context["form"]
    response = client.post(page_url, {**confirm_data(form), "step": "edit"})
    assert response.templates[0].name == "boards/clerk/minutes_import.html"
    assert response.context["form"]["text"].value() == TEXT
    assert response.context["form"]["date"].value() == "17/11/2016"
    assert nothing_saved()


# Refusals: a repeat import, and one failing row ------------------------------------------------


def test_a_repeat_import_is_refused_at_the_preview(client, clerk, board, page_url):
    record_minutes(
        parse_minutes(TEXT), board=board, meeting_date=date(2016, 11, 17), actor=Actor(via="import")
    )
    before = (MinuteItem.objects.count(), Action.objects.count(), ActionUpdate.objects.count())
    response = preview(client, page_url, text=TEXT)
    assert errors_of(response)["text"] == [
        "Health and Wellbeing Board already has minutes 320, 321, 322, 323, 324, 325, 326, 327, 328, "
        "329, 330, 331, 332, 333, 334: nothing was imported."
    ]
    assert response.context["form"]["text"].value() == TEXT
    assert (MinuteItem.objects.count(), Action.objects.count(), ActionUpdate.objects.count()) == before


def test_a_repeat_import_is_refused_at_the_confirmation(client, clerk, board, page_url):
    form = preview(client, page_url, text=TEXT).context["form"]
    data = confirm_data(form, **{f"{KEY_330D}-officers": "Mike McHugh"})
    assert client.post(page_url, data).status_code == 302  # the first import
    before = (
        Meeting.objects.count(),
        MinuteItem.objects.count(),
        Action.objects.count(),
        ActionUpdate.objects.count(),
    )
    response = client.post(page_url, data)  # the same page confirmed again
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["item-0-number"] == ["Health and Wellbeing Board already has a minute 320."]
    assert len([name for name in errors if name.endswith("-number")]) == 15
    assert response.context["form"][f"{KEY_330D}-officers"].value() == "Mike McHugh"
    assert (
        Meeting.objects.count(),
        MinuteItem.objects.count(),
        Action.objects.count(),
        ActionUpdate.objects.count(),
    ) == before


def test_one_failing_row_saves_nothing_at_all(client, clerk, board, page_url):
    """333(b) is already an action on the board (entered by hand): the import fails on its
    row, after the items before it and a new officer were made: all of it is undone."""
    existing = make_action(board, "333(b)")
    form = preview(client, page_url, text=TEXT).context["form"]
    data = confirm_data(
        form,
        **{
            f"{KEY_326C}-officers": "Nobody Known Yet",
            f"{KEY_330D}-officers": "Mike McHugh",
            "officer-choice-0": "new",
            "officer-choice-0-name": "Nobody Known Yet",
        },
    )
    response = client.post(page_url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Health and Wellbeing Board already has an action 333(b): nothing was imported." in page
    assert response.context["form"][f"{KEY_326C}-officers"].value() == "Nobody Known Yet"
    assert list(Action.objects.all()) == [existing]
    assert ActionUpdate.objects.count() == 1  # the existing action's own
    assert (Meeting.objects.count(), MinuteItem.objects.count(), Resolution.objects.count()) == (0, 0, 0)
    assert not Person.objects.filter(name="Nobody Known Yet").exists()


# Structural edits on the preview ---------------------------------------------------------------


def edit(client, url, form, op, **changes):
    """Press one of the preview's split / join / move buttons, with the page's fields as shown."""
    data = confirm_data(form, **changes)
    data.pop("step")
    return client.post(url, {**data, "op": op})


def test_joining_two_resolutions_keeps_the_clerks_entries_elsewhere_and_saves_as_shown(
    client, clerk, page_url
):
    form = preview(client, page_url, text=TEXT).context["form"]
    response = edit(client, page_url, form, "join:6:0", **{f"{KEY_330D}-officers": "Mike McHugh"})
    assert response.status_code == 200 and nothing_saved()
    form = response.context["form"]
    assert [r.reference for r in form.items[6].resolutions] == ["326(a)", "326(c)"]
    assert (
        form.items[6]
        .resolutions[0]
        .res.text.startswith("That the Joint Health and Wellbeing Strategy 2017-2022")
    )
    assert " (b) " in form.items[6].resolutions[0].res.text
    assert form[f"{KEY_330D}-officers"].value() == "Mike McHugh"  # another item: kept as typed
    assert form.initial["edits"] == '["join:6:0"]'
    assert client.post(page_url, confirm_data(form)).status_code == 302
    assert list(Resolution.objects.filter(minute_item__number="326").values_list("label", flat=True)) == [
        "(a)",
        "(c)",
    ]
    assert Action.objects.get(reference="330(d)").officers.get().name == "Mike McHugh"


def test_splitting_a_resolution_then_confirming_saves_both_parts(client, clerk, page_url):
    text = "14. Grants\nRESOLVED: That the grants be approved; the Clerk to write to each applicant."
    form = preview(client, page_url, text=text).context["form"]
    row = form.items[0].resolutions[0]
    assert row.split_at is not None
    [at] = [at for at, label in row.split_at.field.choices if label.startswith("“the Clerk to write")]
    response = edit(client, page_url, form, "split:0:0", **{"item-0-res-0-split-at": str(at)})
    form = response.context["form"]
    assert [(r.res.text, r.create.value()) for r in form.items[0].resolutions] == [
        ("That the grants be approved;", False),
        ("the Clerk to write to each applicant.", True),
    ]
    assert client.post(page_url, confirm_data(form)).status_code == 302
    assert list(Resolution.objects.values_list("text", flat=True)) == [
        "That the grants be approved;",
        "the Clerk to write to each applicant.",
    ]
    assert Action.objects.get().description == "the Clerk to write to each applicant."


def test_a_paragraph_moved_to_the_decisions_becomes_a_resolution_the_clerk_can_action(
    client, clerk, page_url
):
    text = "15. Parks\nMembers discussed the play areas.\n\nThe Clerk would obtain quotes for new swings.\n"
    form = preview(client, page_url, text=text).context["form"]
    assert form.items[0].resolutions == []
    page = edit(client, page_url, form, "to-decision:0:1")
    form = page.context["form"]
    assert [(r.res.text, r.create.value()) for r in form.items[0].resolutions] == [
        ("The Clerk would obtain quotes for new swings.", True)
    ]
    assert form.items[0].item.text == "Members discussed the play areas."
    assert client.post(page_url, confirm_data(form)).status_code == 302
    assert MinuteItem.objects.get().text == "Members discussed the play areas."
    assert Action.objects.get().description == "The Clerk would obtain quotes for new swings."


def test_an_edit_that_no_longer_fits_is_explained_and_changes_nothing(client, clerk, page_url):
    form = preview(client, page_url, text=TEXT).context["form"]
    response = edit(client, page_url, form, "join:14:0")  # 334 has one resolution: nothing to join
    assert "That change could not be made" in response.content.decode()
    assert response.context["form"].initial["edits"] == "[]"


def test_two_items_given_the_same_number_are_refused_at_the_fields_not_a_500(client, clerk, page_url):
    # An issue page: the same item at two meetings, numbered 5 at both.
    text = (
        "Issue - meetings\n\nMeeting: 01/02/2024 - Board (Item 5)\n\n5 Plan\n\nRESOLVED: That the plan be "
        "noted.\n\nMeeting: 01/03/2024 - Board (Item 5)\n\n5 Plan\n\nRESOLVED: That the plan be noted.\n"
    )
    form = preview(client, page_url, text=text).context["form"]
    assert [row.item.number for row in form.items] == ["5", "5"]
    response = client.post(page_url, confirm_data(form))
    assert response.status_code == 200
    assert response.context["form"].errors["item-1-number"] == [
        "Minute 5 is also the number of item 1: give each minute its own number."
    ]
    assert nothing_saved()
    assert client.post(page_url, confirm_data(form, **{"item-1-number": "6"})).status_code == 302
    assert list(MinuteItem.objects.order_by("number").values_list("number", flat=True)) == ["5", "6"]


def test_a_long_meetings_preview_of_over_a_thousand_fields_can_be_confirmed(client, clerk, page_url):
    items = "\n".join(
        f"{n}. Item {n}\nRESOLVED:\n"
        + "\n".join(f"({letter}) That report {n}{letter} be noted." for letter in "abcde")
        for n in range(400, 500)
    )
    form = preview(client, page_url, text=items).context["form"]
    data = confirm_data(form)
    assert len(data) > 1000
    assert client.post(page_url, data).status_code == 302
    assert Resolution.objects.count() == 500


# Awkward input: never a traceback -----------------------------------------------------------


@pytest.mark.parametrize(
    "name, upload",
    [
        (
            "a Windows-1252 text file",
            "12. Caf\u00e9 grants \u2013 \u00a3500\nRESOLVED: That the grants be approved.\n".encode(
                "cp1252"
            ),
        ),
        ("a text file with NUL bytes", b"12. Plan\x00\nRESOLVED: That the \x00plan be noted.\n"),
        ("a binary file named .txt", bytes(range(256)) * 80),
        ("a text file with a byte-order mark", b"\xef\xbb\xbf12. Plan\nRESOLVED: That the plan be noted.\n"),
    ],
)
def test_awkward_uploads_are_previewed_or_refused_with_a_message_never_a_500(
    client, clerk, page_url, name, upload
):
    response = preview(client, page_url, document=SimpleUploadedFile("minutes.txt", upload))
    assert response.status_code == 200, name
    form = response.context["form"]
    if form.errors:
        assert all(str(e) for errors in form.errors.values() for e in errors)
    else:
        assert "\x00" not in response.content.decode()
        assert client.post(page_url, confirm_data(form, **{"item-0-number": "12"})).status_code in (200, 302)
    saved = [i.number + i.title + i.text for i in MinuteItem.objects.all()] + list(
        Resolution.objects.values_list("text", flat=True)
    )
    assert not any("\x00" in text for text in saved)


def test_pasted_text_with_nul_bytes_is_read_with_spaces_and_saves(client, clerk, page_url):
    response = preview(client, page_url, text="12. Plan\nRESOLVED: That the\x00plan be noted.\n")
    form = response.context["form"]
    assert [r.res.text for r in form.items[0].resolutions] == ["That the plan be noted."]
    assert client.post(page_url, confirm_data(form)).status_code == 302
    assert Resolution.objects.get().text == "That the plan be noted."


def test_a_two_megabyte_paste_is_previewed(client, clerk, page_url):
    """A year of minutes pasted at once (the benchmark measures the time: make bench)."""
    text = big_minutes(2_000_000)
    response = preview(client, page_url, text=text)
    assert response.status_code == 200
    assert len(response.context["form"].items) > 1500
    assert nothing_saved()
