"""The shapes people's question files really have, each read to the exact questions.

Every fixture in tests/data/import/shapes/ was written for these tests (none is
copied from a real file); each test names the shape and checks every prompt and
answer, so a reader change that merges, splits or drops a question fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mockint.storage.formats.base import Options
from mockint.storage.formats.reading import parse_file

SHAPES = Path(__file__).resolve().parents[1] / "data" / "import" / "shapes"


def pairs(name: str, **options) -> list[tuple[str, str]]:
    result = parse_file(SHAPES / name, options=Options(**options) if options else None)
    return [(q.prompt, q.sample_answer) for q in result.questions]


def test_front_matter_is_skipped_and_gives_the_title():
    result = parse_file(SHAPES / "front_matter.md")
    assert result.title == "Caching interview notes"
    assert pairs("front_matter.md") == [
        ("What is a cache hit ratio?",
         "The share of reads served from the cache instead of the origin."),
        ("When would you choose write-through caching?",
         "When reads must never see stale data and the extra write latency is acceptable."),
        ("How do you invalidate a cached page?",
         "Delete the key on every write, or give it a short time to live."),
    ]
    assert result.problems == [] and result.warnings == []


def test_a_list_after_an_intro_sentence_is_a_list_of_questions():
    result = parse_file(SHAPES / "list_after_intro.md")
    assert [(q.prompt, q.category) for q in result.questions] == [
        ("What is the difference between `let` and `var`?", "technical"),
        ("How does event delegation work?", "technical"),
        ("What is a closure?", "technical"),
        ("Explain the box model.", "technical"),
        ("How do you review code?", "ask-them"),  # from the section "Questions to ask ..."
        ("What does a normal week look like?", "ask-them"),
    ]
    assert all(q.sample_answer == "" for q in result.questions)
    assert all(q.topics == [] for q in result.questions)  # generic section names are no topic
    (warning,) = result.warnings
    assert warning.reason.startswith("6 of 6 questions have no answer")


def test_sub_headings_and_bold_lines_stay_in_the_answer():
    assert pairs("subheadings.md") == [
        ("What is the GIL?",
         "A lock that lets one thread run Python bytecode at a time.\n\n### Why does it exist\n\n"
         "It keeps reference counting simple and fast.\n\n**Consequences**\n\n"
         "CPU-bound threads do not run in parallel."),
        ("How does garbage collection work in CPython.",
         "Reference counting frees most objects at once.\n\n### Cycles\n\n"
         "A generational collector finds reference cycles.\n\n#### Generations\n\n"
         "Three of them; young objects are checked most often."),
    ]


def test_bold_q_and_a_pairs():
    assert pairs("qa_pairs.md") == [
        ("What is an index?", "A separate structure that finds rows without scanning the table."),
        ("What is a transaction?",
         "A group of statements that succeed or fail together.\nIt keeps the data consistent."),
        ("What is normalisation?", "Splitting tables so each fact is stored once."),
    ]


def test_numbered_bold_items_with_answers_under_them():
    assert pairs("numbered_bold.md") == [
        ("What happens when you type a URL into a browser?",
         "DNS lookup, TCP and TLS handshakes, then the HTTP request."),
        ("What is the difference between TCP and UDP?",
         "TCP is reliable and ordered; UDP is neither, but faster.\n- TCP: web pages, email\n"
         "- UDP: games, voice"),
        ("What is a CDN?", "Servers near users that cache static content."),
    ]


def test_link_only_bullets_are_dropped_but_a_question_written_as_a_link_is_kept():
    result = parse_file(SHAPES / "link_bullets.md")
    assert [(q.prompt, q.topics) for q in result.questions] == [
        ("What is a goroutine?", ["basics"]),
        ("How do you declare a constant?", ["basics"]),
        ("What does a buffered channel do?", ["concurrency"]),
        ("How is select used?", ["concurrency"]),
    ]
    assert result.problems == []  # the table of contents is not "text left out"


def test_html_jsx_comments_entities_links_and_source_lines_are_removed():
    result = parse_file(SHAPES / "html_noise.md")
    assert result.title == "Interview questions on APIs"
    assert pairs("html_noise.md") == [
        ("What does idempotent mean for an HTTP method?",
         "Calling it twice has the same effect as calling it once, e.g. `PUT` and `DELETE`.\n"
         'See RFC 9110 for the "safe" methods.'),
        ("How would you version a <public> API?",
         "Put the version in the path or in a header; keep old versions running while clients "
         "move."),
        ("Why use pagination?", "To keep responses small & fast."),
    ]


def test_cards_without_q_and_a():
    assert pairs("cards_plain.md") == [
        ("What is a message queue?",
         "A buffer between producers and consumers, so each side works at its own pace."),
        ("Why would you use a dead-letter queue?",
         "Messages that keep failing go there instead of blocking the queue."),
        ("Explain at-least-once delivery.",
         "Each message arrives one or more times, so consumers must be idempotent."),
    ]


def test_code_belongs_to_the_question_it_follows_or_opens():
    assert pairs("code_cards.md") == [
        ("What does this print?\n\n```python\nprint([i * 2 for i in range(3)])\n```",
         "`[0, 2, 4]`: the comprehension doubles each number."),
        ("```python\ndef f(x, items=[]):\n    items.append(x)\n    return items\n```\n\n"
         "What is wrong with this function?",
         "The default list is shared between calls, so items pile up."),
        # nothing follows the code: it is the answer
        ("How do you reverse a list in place?", "```python\nitems.reverse()\n```"),
    ]


def test_literal_backslash_n_in_tsv_cells_is_a_line_break():
    result = parse_file(SHAPES / "newlines.tsv")
    assert [(q.prompt, q.sample_answer, q.topics) for q in result.questions] == [
        ("What is a shell pipe?", "It sends one command's output\nto the next command's input.",
         ["shell"]),
        ("What does chmod do?", "Changes file permissions.\nFor example chmod 600 file.",
         ["shell permissions"]),
    ]


def test_unknown_categories_take_the_default_and_can_be_mapped():
    result = parse_file(SHAPES / "categories.csv", options=Options(category="intro"))
    assert [(q.category, q.level) for q in result.questions] == [
        ("intro", "mid"), ("intro", "senior"), ("behavioral", "mid"), ("intro", "mid")]
    assert [p.line for p in result.problems] == [2, 3]
    assert all('unknown category "technicalfe": imported as "intro"' in p.reason
               for p in result.problems)
    mapped = parse_file(SHAPES / "categories.csv",
                        options=Options(map_category={"technicalfe": "technical"},
                                        map_level={"intermediate": "junior"}))
    assert [(q.category, q.level) for q in mapped.questions] == [
        ("technical", "junior"), ("technical", "senior"), ("behavioral", "mid"),
        ("technical", "mid")]
    assert mapped.problems == []


def test_json_deck_and_cards_with_extra_keys_reported_on_their_own_line():
    result = parse_file(SHAPES / "cards.json")
    assert result.title == "Kubernetes basics"
    pod, service = result.questions
    assert (pod.prompt, pod.sample_answer, pod.topics, pod.tip) == (
        "What is a pod?", "The smallest deployable unit: one or more containers.",
        ["k8s", "workloads"], "Mention shared network namespace.")
    assert (service.prompt, service.level) == ("What is a Service?", "junior")  # "difficulty"
    (problem,) = result.problems
    assert problem.line == 8 and '"image"' in problem.reason


def test_json_sections_give_topics_and_categories():
    result = parse_file(SHAPES / "sections.json")
    assert result.title == "Mixed interview"
    assert [(q.prompt, q.sample_answer, q.category, q.topics) for q in result.questions] == [
        ("Tell me about a conflict in your team.", "We agreed on a trial.", "behavioral", []),
        ("What is a generator?", "A function that yields values lazily.", "technical",
         ["python"]),
        ("What is a decorator?", "", "technical", ["python"]),
    ]


@pytest.mark.parametrize("name", sorted(p.name for p in SHAPES.glob("*.*")))
def test_no_shape_gives_a_prompt_that_looks_like_a_whole_answer(name):
    result = parse_file(SHAPES / name)
    assert result.questions
    assert all(len(q.prompt) < 300 for q in result.questions)


# --- warnings: results that look unlike what the file meant -----------------------------------


def warnings_of(tmp_path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [w.reason for w in parse_file(path).warnings]


def test_a_prompt_that_swallowed_its_answer_is_flagged(tmp_path):
    long_prompt = "What is this? " + "word " * 80
    (reason,) = warnings_of(tmp_path, "q.csv", f"prompt,answer\n{long_prompt},a\nWhat?,b\n")
    assert reason.startswith("1 prompt over 300 characters") and "(line 2)" in reason


def test_several_questions_in_one_prompt_are_flagged(tmp_path):
    (reason,) = warnings_of(tmp_path, "q.csv", "prompt,answer\nWhy? How? When?,a\n")
    assert reason.startswith("1 prompt with several question marks")


def test_an_answer_full_of_questions_is_flagged(tmp_path):
    text = "## Questions\n\nThe list:\n\nWhat is A?\nWhat is B?\nWhat is C?\nWhat is D?\n"
    reasons = warnings_of(tmp_path, "q.md", text)
    assert any(r.startswith('1 answer holds several lines ending in "?"') for r in reasons)


def test_far_fewer_questions_than_question_lines_is_flagged(tmp_path):
    body = "\n".join(f"Is {n} a question?" for n in range(12))
    reasons = warnings_of(tmp_path, "q.md", f"## Read me\n\nSome text.\n\n```\n{body}\n```\n"
                                           f"### Intro?\n\n{body}\n")
    assert any("1 question read, but the file has 13 lines ending in \"?\"" in r for r in reasons)


def test_a_tidy_file_has_no_warnings():
    assert parse_file(SHAPES / "qa_pairs.md").warnings == []


def test_form_key_points_round_trip_any_text():
    from mockint.core.deck import KeyPoint
    from mockint.core.editing import key_points_text, parse_key_points

    points = [KeyPoint(point="|starts with a pipe", cues=["a, b", "c\\"]),
              KeyPoint(point="C:\\tmp | and a pipe", cues=[])]
    assert [KeyPoint.model_validate(p) for p in parse_key_points(key_points_text(points))] == points


def test_a_readme_s_own_sections_are_not_questions():
    result = parse_file(SHAPES / "readme_sections.md")
    assert pairs("readme_sections.md") == [
        ("What is the JVM?", "It runs bytecode."),
        ("Explain garbage collection", "It frees unused objects."),
    ]
    assert result.problems == []


def test_numbered_items_that_open_with_a_heading_and_back_to_top_links():
    result = parse_file(SHAPES / "heading_items.md")
    assert result.title == "Rust questions"
    assert pairs("heading_items.md") == [
        ("What is ownership",
         "Each value has one owner; the value is dropped when the owner goes out of scope.\n\n"
         "- **Example:** a `String` moved into a function is no longer usable by the caller."),
        ("What is borrowing", "Taking a reference without taking ownership."),
        ("Explain lifetimes", "Names for how long references stay valid."),
    ]


def test_setext_headings_are_sections_not_card_separators():
    result = parse_file(SHAPES / "setext.md")
    assert result.title == "Operating systems"
    assert [(q.prompt, q.sample_answer, q.topics) for q in result.questions] == [
        ("What is a process?", "A program in execution with its own memory.", ["processes"]),
        ("What is a context switch?", "Saving one task's state and loading another's.",
         ["processes"]),
        ("What is virtual memory?",
         "Each process sees its own address space, mapped to physical pages.", ["memory"]),
    ]


def test_bold_labels_with_a_colon_in_an_answer_are_part_of_the_answer_not_questions():
    """`- **Define**: …` reads like an imperative ("Define …"), but a bold label followed by
    a colon labels a point of the answer: the heading above is the question."""
    result = parse_file(SHAPES / "labelled_lists_in_answers.md")
    prompts = [q.prompt for q in result.questions]
    assert prompts == ["How do you create a Django app?", "What is a queryset?"]
    first = result.questions[0].sample_answer
    assert "**Define**: run `startapp`" in first and "**Create a Package by Hand**" in first
    assert "#### App Config" in first and "Name the class after the app." in first
    assert "**Lazy**: nothing runs" in result.questions[1].sample_answer
    assert result.problems == []


def test_a_label_only_heading_takes_its_question_from_the_lines_under_it():
    """`## Q.` is only a label; the question is the paragraph under it, written plainly or
    indented (which Markdown reads as code). Both were "empty prompt" problems before."""
    result = parse_file(SHAPES / "label_headings.md")
    assert [q.prompt for q in result.questions] == [
        "Write a function that returns the squares of 1 to n as a dictionary.\n"
        "Given 3, it returns {1: 1, 2: 4, 3: 9}.",
        "Write a function that counts the vowels in a word",
    ]
    first, second = (q.sample_answer for q in result.questions)
    assert first.startswith("Hints:\nUse a dict comprehension.")
    assert second.startswith("Solution:") and "def vowels(word):" in second
    assert result.problems == []


def test_bold_labels_before_a_question_keep_the_question():
    """`- **Q1**: What …?`, `- **Python**: What …?`, `- **Task**: Write a …`: the label
    says which question or topic; what follows the colon asks, so each item is one."""
    result = parse_file(SHAPES / "bold_label_questions.md")
    assert [(q.prompt, q.sample_answer) for q in result.questions] == [
        ("What is a list comprehension?", ""),
        ("Python: What is the GIL?", ""),
        ("Task: Write a function that reverses a string.", ""),
        ("What is an index?", "A structure that finds rows without scanning the table."),
        ("SQL: Which isolation level stops dirty reads?", "Read committed and above."),
    ]


def test_a_label_only_heading_splits_question_and_answer_and_takes_code_above_the_question():
    result = parse_file(SHAPES / "label_headings_inline.md")
    assert [(q.prompt, q.sample_answer) for q in result.questions] == [
        ("What is a closure?", "A function that keeps the variables of the scope it was made in."),
        ("What does calling f() twice return?\n\n```python\ndef f(x=[]):\n    x.append(1)\n"
         "    return x\n```", "[1] and then [1, 1]: the default list is made once."),
    ]
    assert result.problems == []


def test_folded_details_are_questions_and_an_answer_label_folds_the_answer():
    """`<details><summary>Q</summary> A </details>` (the folded lists of many READMEs) is
    a question and its answer, whatever the summary's form; a summary that only says
    "Answer" folds the answer of the question above; nothing inside code is read."""
    result = parse_file(SHAPES / "details_summary.md")
    assert [(q.prompt, q.topics) for q in result.questions] == [
        ("What does DNS do?", ["networking"]),
        ("Explain the `traceroute` command", ["networking"]),
        ("True or False? A zombie process uses memory", ["processes"]),
        ("What is a signal?", ["processes"]),
    ]
    dns, traceroute, zombie, signal = (q.sample_answer for q in result.questions)
    assert dns == "It turns names into addresses."
    assert "It lists the hops to a host." in traceroute and "rising TTLs" in traceroute
    assert zombie == "False: only its process-table entry is left."
    assert "A small message" in signal and "SIGKILL forces." in signal
    assert "<" not in dns + traceroute + zombie  # no markup left in the answers
    assert result.problems == [] and result.warnings == []
