"""How well the answer analysis agrees with hand labels, and how fast it is.

Reads tests/data/analysis_examples.toml (answers written and labelled by hand,
without looking at the analysis code) and prints, for the tuning half and the
test half separately (rules are tuned on "tune" only):

- precision, recall and F1 for key-point coverage, each STAR part and
  quantified results;
- negated mentions: key points whose cue words appear only inside a denial
  ("I have never used select_related"), and the share of them wrongly ticked;
- follow-ups: key points labelled as covered only in the follow-up;
- derived key points: the authored key points of the bundled technical
  questions are hidden, key points are derived from each sample answer, and
  it prints how many authored points they cover (recall) and how many derived
  points match no authored point;
- the time to analyse a 1,000-word answer.

    .venv/bin/python bench/analysis_quality.py [--show-misses tune|test|all]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mockint.core.analysis import (
    Vocabulary,
    analyse,
    derive_key_points,
    key_point_coverage,
)
from mockint.core.deck import STAR_PARTS, Question
from mockint.storage.decks import read_deck

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "data" / "analysis_examples.toml"
SPLITS = ("tune", "test")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, truth: bool) -> None:
        self.tp += predicted and truth
        self.fp += predicted and not truth
        self.fn += truth and not predicted

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str) -> str:
        return (f"{name:<22} {self.precision:>9.2f} {self.recall:>7.2f} {self.f1:>6.2f}"
                f"   (tp {self.tp}, fp {self.fp}, fn {self.fn})")


def questions() -> dict[tuple[str, str], Question]:
    found = {}
    for path in sorted((ROOT / "decks").glob("*.toml")):
        deck = read_deck(path)
        found.update({(deck.id, q.id): q for q in deck.questions})
    return found


def evaluate(split: str, show_misses: bool) -> dict[str, Score | list[int]]:
    bank = questions()
    scores: dict = {"key points": Score(), **{part: Score() for part in STAR_PARTS},
                    "quantified result": Score()}
    negated = [0, 0]     # [ticked, all]
    follow_up = [0, 0]   # [ticked and marked "in follow-up", all]
    examples = [e for e in tomllib.loads(EXAMPLES.read_text(encoding="utf-8"))["examples"]
                if e["split"] == split]
    for example in examples:
        question = bank[(example["deck"], example["question"])]
        follow_ups = [example["follow_up"]] if example.get("follow_up") else []
        result = analyse(question, example["answer"], follow_ups=follow_ups)
        truth_points = set(example.get("key_points", []))
        for i, evidence in enumerate(result.key_points):
            scores["key points"].add(evidence.covered, i in truth_points)
            if show_misses and evidence.covered != (i in truth_points):
                kind = "FP" if evidence.covered else "FN"
                print(f"{kind} {example['id']} kp{i} {question.key_points[i].point!r} "
                      f"{evidence.words}")
        for i in example.get("negated", []):
            negated[1] += 1
            negated[0] += result.key_points[i].covered
        for i in example.get("in_follow_up", []):
            follow_up[1] += 1
            follow_up[0] += result.key_points[i].covered and result.key_points[i].in_follow_up
        if question.uses_star:
            truth = set(example.get("star", []))
            for part in STAR_PARTS:
                predicted = result.star[part].present
                scores[part].add(predicted, part in truth)
                if show_misses and predicted != (part in truth):
                    print(f"{'FP' if predicted else 'FN'} {example['id']} {part} "
                          f"{result.star[part].sentences[:1]}")
            scores["quantified result"].add(result.result_quantified,
                                            bool(example.get("quantified_result")))
            if show_misses and result.result_quantified != bool(example.get("quantified_result")):
                print(f"{'FP' if result.result_quantified else 'FN'} {example['id']} quantified")
    scores["_count"] = [len(examples)]
    scores["_negated"] = negated
    scores["_follow_up"] = follow_up
    return scores


def derived_figures() -> tuple[int, int, int, int]:
    """(authored points covered, authored points, derived matching none, derived points)."""
    bank = questions()
    vocabulary = Vocabulary(bank.values())
    covered = authored = unmatched = derived_total = 0
    for question in bank.values():
        if question.category != "technical" or not question.key_points:
            continue
        derived = derive_key_points(question.sample_answer, vocabulary)
        text = "\n".join(p.point for p in derived)
        authored += len(question.key_points)
        covered += sum(e.covered for e in key_point_coverage(question.key_points, text))
        for point in derived:
            derived_total += 1
            unmatched += not any(e.covered for e in
                                 key_point_coverage(question.key_points, point.point))
    return covered, authored, unmatched, derived_total


def speed() -> tuple[float, float, int]:
    bank = questions()
    question = bank[("behavioral", "critical-production-issue")]
    text = " ".join([question.sample_answer] * 5)
    words = len(text.split())
    vocabulary = Vocabulary(bank.values())
    analyse(question, text, vocabulary=vocabulary)
    runs = []
    for _ in range(30):
        # CPU time of this process: the machine may be shared, wall time would
        # measure the neighbours.
        start = time.process_time()
        analyse(question, text, vocabulary=vocabulary)
        runs.append(time.process_time() - start)
    return statistics.median(runs) * 1000 * 1000 / words, min(runs) * 1000 * 1000 / words, words


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", choices=("tune", "test", "all"))
    args = parser.parse_args(argv)
    for split in SPLITS:
        show = args.show_misses in (split, "all")
        scores = evaluate(split, show)
        print(f"\n== {split} half: {scores['_count'][0]} labelled answers "
              f"({EXAMPLES.relative_to(ROOT)})")
        print(f"{'':<22} {'precision':>9} {'recall':>7} {'F1':>6}")
        for name, score in scores.items():
            if not name.startswith("_"):
                print(score.row(name))
        star = Score(*(sum(getattr(scores[p], k) for p in STAR_PARTS)
                       for k in ("tp", "fp", "fn")))
        print(star.row("STAR (all parts)"))
        ticked, total = scores["_negated"]
        print(f"negated mentions ticked: {ticked} of {total}"
              f" ({ticked / total:.0%})" if total else "negated mentions: none labelled")
        ticked, total = scores["_follow_up"]
        print(f"points first covered in a follow-up, ticked and marked: {ticked} of {total}")
    covered, authored, unmatched, derived = derived_figures()
    print(f"\nderived key points (authored points of the technical questions hidden): "
          f"recall {covered}/{authored} = {covered / authored:.2f}; "
          f"{unmatched} of {derived} derived points match no authored point "
          f"({unmatched / derived:.0%})")
    per_thousand, best, words = speed()
    print(f"analysis time: {per_thousand:.1f} ms per 1,000 words (best {best:.1f}; CPU time, "
          f"median of 30 runs on {words} words, with the bundled decks' vocabulary; "
          f"target < 10 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
