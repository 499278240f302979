"""How well the answer analysis agrees with hand labels, and how fast it is.

Reads tests/data/analysis_examples.toml (answers written and labelled by hand,
without looking at the analysis code: which key points and STAR parts each
really contains) and prints precision, recall and F1 for key-point coverage
and for each STAR part, plus the time to analyse a 1,000-word answer.

    .venv/bin/python bench/analysis_quality.py [--show-misses]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mockint.core.analysis import analyse
from mockint.core.deck import STAR_PARTS, Question
from mockint.storage.decks import read_deck

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "data" / "analysis_examples.toml"


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


def evaluate(show_misses: bool) -> dict[str, Score]:
    bank = questions()
    scores = {"key points": Score(), **{part: Score() for part in STAR_PARTS},
              "quantified result": Score()}
    examples = tomllib.loads(EXAMPLES.read_text(encoding="utf-8"))["examples"]
    for example in examples:
        question = bank[(example["deck"], example["question"])]
        result = analyse(question, example["answer"])
        truth_points = set(example.get("key_points", []))
        for i, evidence in enumerate(result.key_points):
            scores["key points"].add(evidence.covered, i in truth_points)
            if show_misses and evidence.covered != (i in truth_points):
                kind = "FP" if evidence.covered else "FN"
                print(f"{kind} {example['id']} kp{i} {question.key_points[i].point!r} "
                      f"{evidence.words}")
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
    print(f"{len(examples)} labelled answers ({EXAMPLES.relative_to(ROOT)})\n")
    return scores


def speed() -> tuple[float, int]:
    question = questions()[("behavioral", "disagree-colleague")] if (
        ("behavioral", "disagree-colleague") in questions()) else next(iter(questions().values()))
    text = " ".join([question.sample_answer] * 8)
    words = len(text.split())
    runs = []
    for _ in range(30):
        start = time.perf_counter()
        analyse(question, text)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000 * 1000 / words, words


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    scores = evaluate(args.show_misses)
    print(f"{'':<22} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, score in scores.items():
        print(score.row(name))
    star = Score(*(sum(getattr(scores[p], k) for p in STAR_PARTS) for k in ("tp", "fp", "fn")))
    print(star.row("STAR (all parts)"))
    per_thousand, words = speed()
    print(f"\nanalysis time: {per_thousand:.1f} ms per 1,000 words (median of 30 runs on "
          f"{words} words; target < 10 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
