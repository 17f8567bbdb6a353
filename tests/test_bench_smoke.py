"""`benchmarks/run.py --scale tiny` still runs end to end and reports every figure."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT

# Every figure RESULTS.md must hold, by the number that starts its name.
FIGURES = ("1.", "1a.", "1b.", "1c.", "2.", "2a.", "2b.", "2c.", "2d.", "2e.", "2f.", "2g.",
           "3.", "3a.", "3b.", "4.", "4a.", "4b.", "4c.", "5a.", "5b.", "6.", "6a.",
           "7a.", "7b.", "8a.", "8b.", "8c.", "8d.", "8e.", "8f.", "8g.",
           "9.", "9a.", "9b.", "9c.", "9d.",
           "10a.", "10b.", "10c.", "10d.", "10e.", "10f.")  # fmt: skip
TRAFILATURA_FIGURES = {"2.", "2c.", "2d.", "2g."}
NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?$")


def result_rows(results: str) -> dict[str, list[list[str]]]:
    rows: dict[str, list[list[str]]] = {}
    for line in results.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if line.startswith("| ") and cells[0].split(" ")[0] in FIGURES:
            rows.setdefault(cells[0].split(" ")[0], []).append(cells)
    return rows


def test_tiny_benchmark_reports_every_figure(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    completed = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--scale", "tiny", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    results = output.read_text(encoding="utf-8")
    assert "- Machine: " in results and "- Date: " in results
    rows = result_rows(results)
    assert set(rows) == set(FIGURES)
    # All three kinds of search term are queried through Datasette.
    assert {kind for kind in ("rare", "common", "most") if kind in str(rows["6."])} == {
        "rare",
        "common",
        "most",
    }
    for number, figure_rows in rows.items():
        for cells in figure_rows:
            minimum, median, maximum, unit, target = cells[1:6]
            if number in TRAFILATURA_FIGURES and minimum == "not measured":
                assert "trafilatura not installed" in cells[7]
                continue
            assert all(NUMBER.match(value) for value in (minimum, median, maximum)), cells
            assert unit
            if number in {
                "1.",
                "1c.",
                "2.",
                "2e.",
                "3a.",
                "3b.",
                "4.",
                "5a.",
                "5b.",
                "6.",
                "7a.",
                "7b.",
                "8a.",
                "8b.",
                "8d.",
                "8e.",
                "8g.",
                "9.",
                "10d.",
                "10e.",
                "10f.",
            }:
                assert target and cells[6] in {"yes", "**no**"}, cells
