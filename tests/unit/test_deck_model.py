"""The deck model: what a valid deck gives the app, and how a broken one is reported.

Every problem must name the file, the place (a field path a person can follow
in their editor, with the question id beside the index) and what is wrong.
"""

from __future__ import annotations

from typing import Any

import pytest

from mockint.core.deck import (
    DEFAULT_TIME_LIMIT,
    ID_PATTERN,
    Deck,
    DeckProblem,
    format_location,
    parse_deck,
    slugify,
)

FILE = "my-deck.toml"


def problems_of(data: dict[str, Any]) -> list[DeckProblem]:
    deck, problems = parse_deck(data, FILE)
    assert deck is None, "expected the deck to be rejected"
    assert problems, "a rejected deck must come with at least one problem"
    return problems


def places(problems: list[DeckProblem]) -> list[str]:
    return [p.place for p in problems]


# --- a valid deck -----------------------------------------------------------


def test_valid_deck_loads_with_everything_the_app_shows(deck_data):
    deck, problems = parse_deck(deck_data, FILE)

    assert problems == []
    assert isinstance(deck, Deck)
    assert deck.schema_version == 1
    assert deck.id == "sample-backend"
    assert deck.interviewer is not None and deck.interviewer.name == "Priya"
    assert [q.id for q in deck.questions] == [
        "orm-n-plus-one",
        "conflict-with-colleague",
        "design-url-shortener",
    ]
    orm = deck.question("orm-n-plus-one")
    assert orm.key_points[0].cues == ["select_related", "join"]
    behavioral = deck.question("conflict-with-colleague")
    assert behavioral.star is not None and behavioral.star.result == "Shipped with zero downtime"
    assert behavioral.uses_star and not orm.uses_star


def test_time_limit_comes_from_the_question_or_else_the_deck(deck_data):
    deck, _ = parse_deck(deck_data, FILE)
    assert deck is not None
    assert deck.time_limit_for(deck.question("orm-n-plus-one")) == 90
    assert deck.time_limit_for(deck.question("design-url-shortener")) == 300

    del deck_data["time_limit"]
    deck, _ = parse_deck(deck_data, FILE)
    assert deck is not None and deck.time_limit == DEFAULT_TIME_LIMIT


def test_unknown_question_id_is_a_key_error(deck_data):
    deck, _ = parse_deck(deck_data, FILE)
    assert deck is not None
    with pytest.raises(KeyError):
        deck.question("no-such-question")


def test_defaults_for_optional_question_fields(deck_data):
    deck_data["questions"] = [{"id": "q", "category": "intro", "prompt": "Tell me about yourself."}]
    deck, problems = parse_deck(deck_data, FILE)
    assert problems == [] and deck is not None
    question = deck.questions[0]
    assert question.level == "mid"
    assert question.key_points == [] and question.star is None and question.time_limit is None


def test_problem_str_names_file_place_and_message():
    assert str(DeckProblem("a.toml", "questions[0].id", "bad")) == "a.toml: questions[0].id: bad"
    assert str(DeckProblem("a.toml", "", "file not found")) == "a.toml: file not found"


# --- missing and unknown fields ---------------------------------------------


def test_missing_field_names_the_question_by_index_and_id(deck_data):
    del deck_data["questions"][1]["key_points"][0]["point"]

    problems = problems_of(deck_data)

    assert problems == [
        DeckProblem(
            FILE,
            'questions[1] (id "conflict-with-colleague").key_points[0].point',
            "field required",
        )
    ]
    assert str(problems[0]) == (
        'my-deck.toml: questions[1] (id "conflict-with-colleague").key_points[0].point: '
        "field required"
    )


def test_missing_top_level_field(deck_data):
    del deck_data["title"]
    assert problems_of(deck_data) == [DeckProblem(FILE, "title", "field required")]


def test_missing_question_prompt_and_category(deck_data):
    del deck_data["questions"][0]["prompt"]
    del deck_data["questions"][0]["category"]

    problems = problems_of(deck_data)

    assert sorted(places(problems)) == [
        'questions[0] (id "orm-n-plus-one").category',
        'questions[0] (id "orm-n-plus-one").prompt',
    ]
    assert all(p.message == "field required" for p in problems)


def test_question_without_id_is_named_by_index_only(deck_data):
    del deck_data["questions"][2]["id"]
    assert problems_of(deck_data) == [DeckProblem(FILE, "questions[2].id", "field required")]


def test_unknown_top_level_key_is_an_error_not_silently_dropped(deck_data):
    deck_data["titel"] = "typo of title"

    (problem,) = problems_of(deck_data)

    assert problem.place == "titel"
    assert "unknown field" in problem.message


def test_unknown_key_inside_a_question(deck_data):
    deck_data["questions"][0]["sample_anwser"] = "typo"

    (problem,) = problems_of(deck_data)

    assert problem.place == 'questions[0] (id "orm-n-plus-one").sample_anwser'
    assert "unknown field" in problem.message


def test_unknown_key_inside_star_and_interviewer(deck_data):
    deck_data["questions"][1]["star"]["outcome"] = "not a STAR part"
    deck_data["interviewer"]["mood"] = "grumpy"

    problems = problems_of(deck_data)

    assert sorted(places(problems)) == [
        "interviewer.mood",
        'questions[1] (id "conflict-with-colleague").star.outcome',
    ]


# --- wrong values -------------------------------------------------------------


def test_wrong_category_lists_the_allowed_ones(deck_data):
    deck_data["questions"][0]["category"] = "tech"

    (problem,) = problems_of(deck_data)

    assert problem.place == 'questions[0] (id "orm-n-plus-one").category'
    assert problem.message.startswith("must be ")
    for category in ("intro", "technical", "behavioral", "situational", "system-design", "ask-them"):
        assert f"'{category}'" in problem.message


def test_wrong_level_lists_the_allowed_ones(deck_data):
    deck_data["questions"][2]["level"] = "expert"

    (problem,) = problems_of(deck_data)

    assert problem.place == 'questions[2] (id "design-url-shortener").level'
    assert problem.message == "must be 'junior', 'mid' or 'senior'"


@pytest.mark.parametrize("bad_id", ["Orm_Select", "orm select", "-leading", "trailing-", "double--dash", ""])
def test_bad_question_id_pattern_says_what_an_id_looks_like(deck_data, bad_id):
    deck_data["questions"][0]["id"] = bad_id

    problems = problems_of(deck_data)

    assert [p.place for p in problems] == [f'questions[0] (id "{bad_id}").id']
    assert "lowercase words joined by hyphens" in problems[0].message


def test_bad_deck_id_pattern(deck_data):
    deck_data["id"] = "My Deck"
    (problem,) = problems_of(deck_data)
    assert problem.place == "id"
    assert "lowercase words joined by hyphens" in problem.message


@pytest.mark.parametrize("good_id", ["a", "orm-n-plus-one", "http2-vs-http3", "q1"])
def test_ids_matching_the_pattern_are_accepted(deck_data, good_id):
    deck_data["questions"][0]["id"] = good_id
    deck, problems = parse_deck(deck_data, FILE)
    assert problems == [] and deck is not None
    assert deck.questions[0].id == good_id


def test_time_limit_out_of_range(deck_data):
    deck_data["questions"][0]["time_limit"] = 0
    deck_data["time_limit"] = 99999

    problems = problems_of(deck_data)

    assert sorted(places(problems)) == ['questions[0] (id "orm-n-plus-one").time_limit', "time_limit"]


def test_questions_as_a_table_instead_of_an_array(deck_data):
    deck_data["questions"] = {"id": "x"}
    (problem,) = problems_of(deck_data)
    assert problem.place == "questions"


# --- blank prompt --------------------------------------------------------------


@pytest.mark.parametrize("prompt", ["   ", "\n\t\n"])
def test_blank_prompt_is_rejected_with_a_hint(deck_data, prompt):
    deck_data["questions"][0]["prompt"] = prompt

    (problem,) = problems_of(deck_data)

    assert problem.place == 'questions[0] (id "orm-n-plus-one").prompt'
    assert "the prompt is empty" in problem.message
    assert not problem.message.startswith("Value error")


def test_empty_prompt_is_rejected(deck_data):
    deck_data["questions"][0]["prompt"] = ""
    (problem,) = problems_of(deck_data)
    assert problem.place == 'questions[0] (id "orm-n-plus-one").prompt'


# --- duplicate ids ---------------------------------------------------------------


def test_duplicate_question_ids_are_rejected(deck_data):
    deck_data["questions"][2]["id"] = "orm-n-plus-one"

    (problem,) = problems_of(deck_data)

    assert 'id "orm-n-plus-one"' in problem.message
    assert "more than once" in problem.message or "unique" in problem.message


def test_duplicate_question_id_alone_names_the_place(deck_data):
    deck_data["questions"][2]["id"] = "orm-n-plus-one"

    (problem,) = problems_of(deck_data)

    assert problem.place == 'questions[2] (id "orm-n-plus-one").id'


def test_duplicate_ids_reported_together_with_other_errors(deck_data):
    deck_data["questions"][2]["id"] = "orm-n-plus-one"
    deck_data["questions"][1]["level"] = "principal"
    deck_data["questions"][0]["colour"] = "blue"
    del deck_data["title"]

    problems = problems_of(deck_data)

    assert sorted(places(problems)) == sorted(
        [
            "title",
            'questions[0] (id "orm-n-plus-one").colour',
            'questions[1] (id "conflict-with-colleague").level',
            'questions[2] (id "orm-n-plus-one").id',
        ]
    )
    (duplicate,) = [p for p in problems if p.place.endswith(").id")]
    assert "questions[0]" in duplicate.message and "unique" in duplicate.message


def test_three_questions_sharing_an_id_report_each_repeat(deck_data):
    for question in deck_data["questions"]:
        question["id"] = "same"
    deck_data["questions"][0]["category"] = "nope"  # forces the all-at-once path

    problems = problems_of(deck_data)

    duplicate_places = [p.place for p in problems if "unique" in p.message]
    assert duplicate_places == ['questions[1] (id "same").id', 'questions[2] (id "same").id']


def test_every_problem_in_a_file_is_reported_at_once(deck_data):
    del deck_data["schema"]
    deck_data["id"] = "Bad Id"
    deck_data["questions"][0]["category"] = "tech"
    deck_data["questions"][1]["prompt"] = " "
    deck_data["questions"][2]["key_points"][0]["weight"] = 3

    problems = problems_of(deck_data)

    assert sorted(places(problems)) == sorted(
        [
            "schema",
            "id",
            'questions[0] (id "orm-n-plus-one").category',
            'questions[1] (id "conflict-with-colleague").prompt',
            'questions[2] (id "design-url-shortener").key_points[0].weight',
        ]
    )
    assert all(p.file == FILE for p in problems)


# --- schema ---------------------------------------------------------------------


def test_missing_schema(deck_data):
    del deck_data["schema"]
    assert problems_of(deck_data) == [DeckProblem(FILE, "schema", "field required")]


def test_schema_2_is_unsupported_and_says_what_to_do(deck_data):
    deck_data["schema"] = 2

    (problem,) = problems_of(deck_data)

    assert problem.place == "schema"
    assert "schema 2 is not supported" in problem.message
    assert "upgrade mockint" in problem.message and "schema = 1" in problem.message
    assert "Value error" not in problem.message


def test_schema_is_reported_under_its_toml_name_not_the_python_one():
    assert format_location(("schema_version",), {}) == "schema"


# --- content survives as written ---------------------------------------------------


def test_unicode_content_survives(deck_data):
    deck_data["title"] = "面接の練習 🎤"
    deck_data["interviewer"]["name"] = "Zoë Ørsted"
    deck_data["questions"][0]["prompt"] = "Was ist ein N+1-Problem? 🤔 什么是 N+1 问题？"
    deck_data["questions"][0]["key_points"][0]["cues"] = ["結合", "джойн"]

    deck, problems = parse_deck(deck_data, FILE)

    assert problems == [] and deck is not None
    assert deck.title == "面接の練習 🎤"
    assert deck.interviewer is not None and deck.interviewer.name == "Zoë Ørsted"
    assert deck.questions[0].prompt == "Was ist ein N+1-Problem? 🤔 什么是 N+1 问题？"
    assert deck.questions[0].key_points[0].cues == ["結合", "джойн"]


def test_unicode_in_error_place_for_question_id(deck_data):
    deck_data["questions"][0]["id"] = "日本語"
    (problem,) = problems_of(deck_data)
    assert problem.place == 'questions[0] (id "日本語").id'


@pytest.mark.parametrize(
    "text",
    ["[bold]x[/]", "queryset[0:10]", "[red]unclosed", "\x1b[31mred\x1b[0m", "  padded  \n"],
)
def test_markup_and_escape_looking_text_is_kept_verbatim(deck_data, text):
    deck_data["questions"][0]["prompt"] = text
    deck_data["questions"][0]["sample_answer"] = text
    deck_data["questions"][0]["key_points"][0]["point"] = text

    deck, problems = parse_deck(deck_data, FILE)

    assert problems == [] and deck is not None
    question = deck.questions[0]
    assert question.prompt == text
    assert question.sample_answer == text
    assert question.key_points[0].point == text


def test_to_toml_data_uses_the_file_names_and_drops_unset_optionals(deck_data):
    deck, _ = parse_deck(deck_data, FILE)
    assert deck is not None

    data = deck.to_toml_data()

    assert data["schema"] == 1 and "schema_version" not in data
    assert "star" not in data["questions"][0]
    assert "time_limit" not in data["questions"][0]
    reparsed, problems = parse_deck(data, FILE)
    assert problems == [] and reparsed == deck


# --- slugify ------------------------------------------------------------------------


def test_slugify_makes_a_valid_id_from_a_prompt():
    assert slugify("What is the N+1 query problem?") == "what-is-the-n-1-query"


def test_slugify_is_unique_among_taken_ids():
    assert slugify("List vs tuple", taken=["list-vs-tuple"]) == "list-vs-tuple-2"
    assert slugify("List vs tuple", taken=["list-vs-tuple", "list-vs-tuple-2"]) == "list-vs-tuple-3"


def test_slugify_repeated_use_never_collides():
    taken: list[str] = []
    for _ in range(5):
        taken.append(slugify("Tell me about yourself", taken=taken))
    assert len(set(taken)) == 5


@pytest.mark.parametrize("text", ["", "   ", "???", "日本語の質問", "🎤🎤"])
def test_slugify_without_ascii_words_still_gives_a_valid_unique_id(text):
    import re

    first = slugify(text)
    second = slugify(text, taken=[first])
    assert re.fullmatch(ID_PATTERN, first) and re.fullmatch(ID_PATTERN, second)
    assert first != second


def test_slugify_limits_the_number_of_words():
    assert slugify("one two three four five six seven eight") == "one-two-three-four-five-six"
    assert slugify("one two three", max_words=2) == "one-two"
