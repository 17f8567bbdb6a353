"""`python benchmarks/peak_rss.py CMD...`: run CMD, then print its peak RSS as `PEAK_RSS_KB=N`.

A fresh wrapper per measurement, so RUSAGE_CHILDREN holds that one command and nothing else.
"""

from __future__ import annotations

import resource
import subprocess
import sys


def main(argv: list[str]) -> int:
    completed = subprocess.run(argv, check=False)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
    print(f"PEAK_RSS_KB={peak_kb}", flush=True)
    return completed.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
