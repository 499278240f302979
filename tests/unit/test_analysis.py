"""Answer analysis: clear cases asserted here; the labelled set's figures come from bench/."""

from __future__ import annotations

import pytest

from mockint.core.analysis import (
    analyse,
    count_words,
    delivery,
    key_point_coverage,
    sentences,
    star_parts,
    stem,
)
from mockint.core.deck import KeyPoint, Question


def question(category="technical", **extra) -> Question:
    return Question.model_validate({
        "id": "q", "category": category, "prompt": "?",
        "key_points": [
            {"point": "prefetch_related runs a second query", "cues": ["prefetch_related"]},
            {"point": "Indexes speed up lookups on filtered columns",
             "cues": ["index", "db_index"]},
            {"point": "Measure with the debug toolbar before optimising"},
        ],
        **extra,
    })


@pytest.mark.parametrize("phrase", [
    "I used prefetch_related here", "then prefetch related for the tags",
    "prefetching the tags fixed it", "We PREFETCHED them",
])
def test_a_cue_is_met_in_its_word_forms(phrase):
    (prefetch, *_rest) = key_point_coverage(question().key_points, phrase)
    assert prefetch.covered and prefetch.words


def test_plurals_and_cases_meet_and_unrelated_words_do_not():
    points = question().key_points
    covered = [e.covered for e in key_point_coverage(points, "We added INDEXES on email.")]
    assert covered == [False, True, False]
    assert not any(e.covered for e in key_point_coverage(points, "I like indigo pretzels."))


def test_a_point_without_cues_is_met_by_most_of_its_own_words():
    points = question().key_points
    text = "First I would measure it with the Django debug toolbar, then optimise."
    assert key_point_coverage(points, text)[2].covered
    assert not key_point_coverage(points, "the toolbar is nice")[2].covered


def test_star_parts_are_found_in_their_sentences_with_a_quantified_result():
    text = ("At my last job our checkout API was timing out every Friday. "
            "I was responsible for the payments service. "
            "I profiled the slow endpoint and added a composite index. "
            "As a result p95 latency dropped from 2.1 s to 300 ms.")
    parts, quantified = star_parts(text)
    assert {p: v.present for p, v in parts.items()} == dict.fromkeys(
        ["situation", "task", "action", "result"], True)
    assert parts["action"].sentences == ["I profiled the slow endpoint and added a composite index."]
    assert quantified


def test_a_vague_we_answer_has_no_action_or_result_and_says_so():
    q = question("behavioral", key_points=[])
    text = "We had a hard project. We worked on it as a team and we tried our best."
    analysis = analyse(q, text)
    assert not analysis.star["action"].present and not analysis.star["result"].present
    assert analysis.suggestions[0].startswith("No result stated")
    # All "we": the answer is asked to say what the speaker did.
    assert any("what you did yourself" in tip for tip in analysis.suggestions)


def test_an_unquantified_result_is_pointed_out():
    q = question("behavioral", key_points=[])
    text = ("At my previous company deploys kept failing. I wrote a checklist and "
            "automated the migrations step. In the end deploys were much calmer.")
    analysis = analyse(q, text)
    assert analysis.star["result"].present and not analysis.result_quantified
    assert "no figure" in analysis.suggestions[0]


def test_delivery_figures():
    text = "Basically I think, you know, basically it is kind of a cache cache cache thing."
    d = delivery(text, "technical", wpm=120)
    assert d.words == 15 and d.speaking_seconds == 7.5
    assert d.fillers["basically"] == 2 and d.fillers["kind of"] == 1
    assert d.repeated[0] == ("cache", 3)
    assert d.length_verdict == "short"


def test_i_and_we_are_counted():
    d = delivery("I led it. We shipped it; my team and I were proud of our work.", "behavioral")
    assert (d.i_count, d.we_count) == (3, 2)


@pytest.mark.parametrize("text", [
    "",
    "   \n\n ",
    "and then " * 400,
    "```python\nqs = Book.objects.select_related('author')[0:10]\n```",
    "- indexes\n- prefetch_related\n* measure first",
    "Utilicé prefetch_related y añadí índices; el resultado fue 50% más rápido.",
    "🚀🚀 I added an index 🔥 and latency fell 40% 🎉",
    "x" * 20000,
], ids=["empty", "blank", "run-on", "code-block", "bullets", "spanish", "emoji", "one-giant-word"])
def test_odd_input_is_analysed_without_error(text):
    analysis = analyse(question("behavioral"), text)
    assert analysis.delivery.words == count_words(text)
    assert len(analysis.key_points) == 3


def test_empty_answer_gets_one_plain_suggestion():
    assert analyse(question(), "").suggestions == [
        "Nothing was typed: even three bullet points beat a blank under pressure."]


def test_a_giant_run_on_sentence_is_cut_into_clauses():
    text = ("at my last job the site was slow " + "and the team was stuck " * 10 +
            "so I profiled the queries and then I added an index which cut load time by half")
    parts = sentences(text)
    assert len(parts) > 1
    found, quantified = star_parts(text)
    assert found["action"].present and found["result"].present and quantified


def test_stems_meet_common_forms():
    assert stem("caching") == stem("cache") == stem("cached")
    assert stem("queries") == stem("query")
    assert stem("indexes") == stem("index")


def test_key_points_without_cues_or_words_are_simply_not_covered():
    points = [KeyPoint(point="a"), KeyPoint(point="the and of")]
    assert [e.covered for e in key_point_coverage(points, "a the and of")] == [False, False]


def test_stemming_from_several_threads_at_once_gives_each_its_own_words():
    """The reveal's analysis and the story checks stem in worker threads at the same
    time; a shared stemmer mixed their words up (IndexError, or a wrong stem)."""
    import threading

    from mockint.core import analysis

    words = [f"{base}{suffix}" for base in ("connect", "cach", "query", "migrat", "deploy",
                                            "serializ", "index", "optimiz", "test", "scal")
             for suffix in ("ing", "ed", "ation", "ions", "ers", "ingly", "ness", "able")]
    words = [f"{w}{'x' * n}" for n in range(40) for w in words]  # distinct: no cache hits
    expected = {w: analysis._stemmer().stemWord(w) for w in words}
    analysis.stem.cache_clear()
    results: list[dict[str, str]] = [{} for _ in range(4)]
    errors: list[BaseException] = []

    def work(out: dict[str, str], order: list[str]) -> None:
        try:
            for w in order:
                out[w] = analysis.stem(w)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(results[i], words[i::2] + words[1 - i % 2::2]))
               for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    analysis.stem.cache_clear()
    assert not errors
    for out in results:
        assert out == {w: expected[w] for w in out}
