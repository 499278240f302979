"""`mockint plan`, `plan add` and `plan remove`, in-process, against the real local today."""

from __future__ import annotations

import datetime as dt

import pytest

from mockint import paths
from mockint.cli import main
from mockint.core.deck import Deck
from mockint.core.session import Interview, SessionConfig, select_questions
from mockint.core.timing import FakeClock
from mockint.storage.history import HistoryStore
from mockint.storage.interviews import interviews_path

TODAY = dt.date.today()


def ahead(days: int) -> str:
    return f"{TODAY + dt.timedelta(days=days):%Y-%m-%d}"


@pytest.fixture
def small_deck(tmp_path, write_deck):
    data = {"schema": 1, "id": "small", "title": "Small deck", "time_limit": 120,
            "questions": [{"id": f"q{i}", "category": "technical", "level": "mid",
                           "prompt": f"Small question {i} [bold]literal[/]?",
                           "key_points": [{"point": "a"}]} for i in range(4)]}
    return write_deck(tmp_path / "decks" / "small.toml", data)


def plan(*args: str, deck=None) -> list[str]:
    extra = ["--deck-path", str(deck)] if deck else []
    return [*extra, "plan", *args]


def test_add_list_and_remove_interviews(capsys, small_deck):
    assert main(plan("add", ahead(6), "--label", "Acme — backend", "--deck", "small",
                     "--time", "14:00", deck=small_deck)) == 0
    assert "added: Acme — backend in 6 days" in capsys.readouterr().out
    assert main(plan("add", ahead(20), "--label", "Beta", "--deck", "small",
                     "--category", "technical", deck=small_deck)) == 0
    capsys.readouterr()

    assert main(plan(deck=small_deck)) == 0
    out = capsys.readouterr().out
    assert "1. Acme — backend in 6 days" in out and "14:00" in out
    assert "2. Beta in 20 days" in out and "small · technical · all levels" in out
    assert "Plan for Acme — backend: 4 questions in scope, 0 answered" in out
    assert "Today (" in out and "Small question 0 [bold]literal[/]?" in out
    assert "short mock" in out  # the day before the interview

    assert main(plan("remove", "acme — BACKEND")) == 0
    assert "removed: Acme — backend" in capsys.readouterr().out
    assert main(plan("remove", "5")) == 2
    assert "there is no interview number 5" in capsys.readouterr().err
    assert main(plan(deck=small_deck)) == 0
    assert "1. Beta in 20 days" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["add", "2020-01-01", "--deck", "small"], "is in the past (today is"),
    (["add", "15/12/2026", "--deck", "small"], "'15/12/2026' is not a date; write it as YYYY-MM-DD"),
    (["add", ahead(3), "--deck", "nope"], "no deck 'nope'; decks: "),
    (["add", ahead(3), "--deck", "small", "--level", "guru"], "unknown level 'guru'"),
    (["add", ahead(3), "--deck", "small", "--time", "2pm"], "'2pm' is not a time"),
    (["add", ahead(3), "--deck", "small", "--category", "behavioral"], "widen the scope"),
])
def test_bad_input_is_refused_clearly_and_nothing_is_written(capsys, small_deck, args, message):
    assert main(plan(*args, deck=small_deck)) == 2
    err = capsys.readouterr().err
    assert err.startswith("mockint plan add: ") and message in err
    assert "Traceback" not in err
    assert not interviews_path().exists()


def test_no_interviews_says_how_to_add_one(capsys):
    assert main(["plan"]) == 0
    assert "No interviews ahead. Add one:" in capsys.readouterr().out


def test_a_broken_interviews_file_is_named_and_left_alone(capsys):
    path = interviews_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("schema = 1\n[[interviews]]\nlabel = \n")
    assert main(["plan"]) == 1
    assert str(path) in capsys.readouterr().err
    assert main(plan("add", ahead(3), "--deck", "behavioral")) == 1
    assert "nothing was added" in capsys.readouterr().err
    assert path.read_text() == "schema = 1\n[[interviews]]\nlabel = \n"


def test_the_plan_counts_what_was_done_today(capsys, small_deck):
    from mockint.storage.decks import read_deck

    assert main(plan("add", ahead(3), "--label", "Acme", "--deck", "small", deck=small_deck)) == 0
    assert main(plan(deck=small_deck)) == 0
    before = capsys.readouterr().out
    assert "Small question 0" in before and " done" not in before

    deck: Deck = read_deck(small_deck)
    config = SessionConfig(deck_ids=["small"], count=1)
    clock = FakeClock()
    interview = Interview.start(select_questions([deck], config), config, clock=clock)
    interview.begin()
    clock.advance(30)
    interview.submit("an answer")
    interview.reveal()
    interview.rate(3)
    interview.next()
    store = HistoryStore.open(paths.history_db_path())
    store.save_session(interview.record)
    store.close()

    assert main(plan(deck=small_deck)) == 0
    after = capsys.readouterr().out
    assert "1 done" in after and "4 questions in scope, 1 answered" in after
    assert "Small question 0" not in after.split("Next days:")[0]


def test_practice_offers_cramming_in_its_help(capsys):
    with pytest.raises(SystemExit):
        main(["practice", "--help"])
    assert "--cram" in capsys.readouterr().out
