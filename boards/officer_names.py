"""Officer names as typed in forms and imports: who each name is, and the clerk's explicit
choice for a name that is nobody's yet.

    names = OfficerNames(board)                      # the board's people, looked up once
    officers, questions = names.resolve(["Vandna Gohill"], answers)
    # answers: {normal(name): "new" or a suggested person's pk}, what the clerk chose

A name that is the same (people_names.same_name: case, spacing, titles) as one of the
board's people (not merged) is that person; failing that, the same as anyone's; failing
that, the name of a merged record stands for the person it was merged into. Any other
name is a Question: "Who is “Vandna Gohill”?", answered with one of its suggestions
(people_names.near_matches among the board's people, then others) or "new". Nothing
is added silently: services.recording.officers_for creates a Person only for an Officer
the clerk chose to add (`is_new`).

The forms carry a choice per name as `<prefix>-officer_choice_<n>` (a person's pk or
"new") with `<prefix>-officer_asked_<n>` (the name it answers, so that a choice never
lands on a name typed afterwards); the imports carry one choice per distinct name
(`officer-choice-<i>` with `officer-choice-<i>-name`), applied to every row using it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Board, Person
from .people_names import near_matches, normal, same_name

NEW = "new"
SUGGESTIONS = 3  # at most, the board's people first
FORM_CHOICE = "officer_choice_"  # + the name's position in the field
FORM_ASKED = "officer_asked_"
IMPORT_CHOICE = "officer-choice-"  # + the distinct name's position in the preview


@dataclass(frozen=True)
class Officer:
    """A name resolved: the person it is, or (person None) a new person the clerk chose to add."""

    name: str
    person: Person | None = None

    @property
    def is_new(self) -> bool:
        return self.person is None


@dataclass(frozen=True)
class Question:
    """A name that is none of the board's people: the clerk chooses who it is."""

    name: str
    suggestions: tuple[Person, ...] = ()  # best first
    answer: str = ""  # "new" or a suggestion's pk (as text), if the clerk chose; else ""
    position: int = 0  # where the name is in its field (forms) or in the preview's list (imports)

    @property
    def answered(self) -> bool:
        return bool(self.answer)

    @property
    def chosen(self) -> Person | None:
        return next((p for p in self.suggestions if str(p.pk) == self.answer), None)

    @property
    def officer(self) -> Officer | None:
        if self.answer == NEW:
            return Officer(self.name)
        return Officer(self.name, self.chosen) if self.chosen else None

    @property
    def legend(self) -> str:
        return f"Who is “{self.name}”?"

    @property
    def new_label(self) -> str:
        return f"Add “{self.name}” as a new person"

    @property
    def notice(self) -> str:
        """“Vandna Gohill” is not one of this board's people. Did you mean Vandna Gohil?"""
        start = f"“{self.name}” is not one of this board's people."
        if not self.suggestions:
            return start
        names = [p.name for p in self.suggestions]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        return f"{start} Did you mean {listed}?"

    @property
    def message(self) -> str:
        """The error while it is not answered."""
        if not self.suggestions:
            return f"{self.notice} Check the spelling, or choose to add them as a new person."
        return self.notice

    def with_answer(self, answer: str) -> Question:
        """The question answered by `answer`, if it is one of its options; else unanswered."""
        valid = answer == NEW or any(str(p.pk) == answer for p in self.suggestions)
        return Question(self.name, self.suggestions, answer if valid else "", self.position)


@dataclass(frozen=True)
class Asked:
    """A question as a page asks it (templates/boards/_officer_question.html): the radio
    group's name, the hidden field naming the name it answers, the inputs' id."""

    question: Question
    field: str
    name_field: str
    id: str
    show_error: bool = False
    message: str = ""  # shown in the fieldset (a form shows it on its officers field instead)


def import_asked(questions: list[Question], *, submitted: bool = True) -> list[Asked]:
    """An import preview's questions, one per distinct name, numbered in order."""
    return [
        Asked(
            q,
            f"{IMPORT_CHOICE}{i}",
            f"{IMPORT_CHOICE}{i}-name",
            f"id_{IMPORT_CHOICE}{i}",
            submitted and not q.answered,
            q.message if submitted and not q.answered else "",
        )
        for i, q in enumerate(questions)
    ]


class OfficerNames:
    """Matching names to the people of one board (and everyone's), looked up once."""

    def __init__(self, board: Board):
        self.board = board
        self._board_people: list[Person] | None = None
        self._others: list[Person] | None = None
        self._merged: list[Person] | None = None

    def _people(self) -> QuerySet[Person]:
        return Person.objects.only("name", "job_title", "merged_into_id").order_by("name", "pk")

    @property
    def board_people(self) -> list[Person]:
        if self._board_people is None:
            self._board_people = list(
                self._people().filter(
                    merged_into__isnull=True, pk__in=self.board.memberships.values("person_id")
                )
            )
        return self._board_people

    @property
    def others(self) -> list[Person]:
        """Everyone else not merged: read only when a name is not one of the board's people."""
        if self._others is None:
            self._others = list(
                self._people()
                .filter(merged_into__isnull=True)
                .exclude(pk__in=self.board.memberships.values("person_id"))
            )
        return self._others

    def _merged_people(self) -> list[Person]:
        if self._merged is None:
            self._merged = list(self._people().filter(merged_into__isnull=False))
        return self._merged

    def same(self, name: str) -> list[Person]:
        """The people whose name is this one: the board's, else anyone's, else the people
        that merged records of this name stand for."""
        for people in (self.board_people, self.others):
            found = [p for p in people if same_name(p.name, name)]
            if found:
                return found
        current: dict[int, Person] = {}
        for record in self._merged_people():
            if same_name(record.name, name):
                person = record.current
                current.setdefault(person.pk, person)
        return list(current.values())

    def suggestions(self, name: str) -> list[Person]:
        found = near_matches(name, self.board_people, limit=SUGGESTIONS)
        if len(found) < SUGGESTIONS:
            found += near_matches(name, self.others, limit=SUGGESTIONS - len(found))
        return found

    def question(self, name: str, position: int = 0) -> Question | None:
        """None if the name is one person's; else what to ask the clerk."""
        same = self.same(name)
        if len(same) == 1:
            return None
        return Question(name, tuple(same or self.suggestions(name)), "", position)

    def resolve(
        self, names: list[str], answers: Mapping[str, str] | None = None, *, add_new: bool = False
    ) -> tuple[list[Officer], list[Question]]:
        """(the officers, in order, for the names that are someone's or answered; every
        question asked, answered or not). All names are resolved when no question is
        unanswered. `answers`: {normal(name): "new" or a pk}. `add_new` (the import
        commands' --add-new-people): a name not answered is a new person."""
        answers = answers or {}
        officers: list[Officer] = []
        questions: list[Question] = []
        for position, name in enumerate(names):
            asked = self.question(name, position)
            if asked is None:
                officers.append(Officer(name, self.same(name)[0]))
                continue
            asked = asked.with_answer(str(answers.get(normal(name), "")))
            if add_new and not asked.answered:
                asked = asked.with_answer(NEW)
            questions.append(asked)
            if asked.officer is not None:
                officers.append(asked.officer)
        return officers, questions


def unanswered(questions: Iterable[Question]) -> list[Question]:
    return [q for q in questions if not q.answered]


def form_answers(
    data: Mapping[str, str], add_prefix: Callable[[str], str], names: list[str]
) -> dict[str, str]:
    """{normal(name): answer} from a form's posted choices: `add_prefix` is the form's
    (it names the fields as the form does). A choice counts only for the name it was
    asked about, at the same place."""
    answers: dict[str, str] = {}
    for position, name in enumerate(names):
        value = data.get(add_prefix(f"{FORM_CHOICE}{position}"))
        asked = data.get(add_prefix(f"{FORM_ASKED}{position}"))
        if value and asked is not None and normal(asked) == normal(name):
            answers[normal(name)] = value
    return answers


def import_answers(data: Mapping[str, str]) -> dict[str, str]:
    """{normal(name): answer} from an import preview's choices, one per distinct name."""
    answers: dict[str, str] = {}
    for key, value in data.items():
        if key.startswith(IMPORT_CHOICE) and not key.endswith("-name") and value:
            name = data.get(f"{key}-name")
            if name:
                answers[normal(name)] = value
    return answers
