"""Import speed: parse a generated CSV and a generated Markdown file, in one process each.

    .venv/bin/python bench/import_speed.py [--rows 100000] [--headings 8000]

Prints the seconds `parse_file` takes on a CSV of ROWS questions and on a
Markdown file of HEADINGS `## question?` headings with a short answer each. It
works against the importer before the split too (`mockint.storage.importers`),
so the same script measured both sides of the fix: run it with PYTHONPATH
pointing at an older checkout's src/.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path


def _parse_file():  # the importer, wherever this checkout keeps it
    try:
        from mockint.storage.formats.reading import parse_file
    except ImportError:
        from mockint.storage.importers import parse_file  # type: ignore[no-redef]
    return parse_file


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["prompt", "answer", "category", "topics"])
        for n in range(rows):
            writer.writerow([f"What is thing number {n} in the system?",
                             f"It is the {n}th thing; it does one job well.", "technical",
                             "bench; generated"])


def write_markdown(path: Path, headings: int) -> None:
    parts = ["# Generated questions", ""]
    for n in range(headings):
        parts += [f"## What is thing number {n}?", "", f"The {n}th thing, described briefly.", ""]
    path.write_text("\n".join(parts), encoding="utf-8")


def timed(path: Path) -> tuple[float, int]:
    parse_file = _parse_file()
    start = time.perf_counter()
    result = parse_file(path)
    return time.perf_counter() - start, len(result.questions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--headings", type=int, default=8_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        csv_path, md_path = Path(folder, "big.csv"), Path(folder, "big.md")
        write_csv(csv_path, args.rows)
        write_markdown(md_path, args.headings)
        for label, path in ((f"csv {args.rows} rows", csv_path),
                            (f"markdown {args.headings} headings", md_path)):
            seconds, count = timed(path)
            print(f"{label:<28} {seconds:8.2f} s  ({count} questions)")


if __name__ == "__main__":
    main()
