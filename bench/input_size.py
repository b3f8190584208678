"""Cost of one long article against its length: does a build stay linear?

    python bench/input_size.py                 # 0.25, 0.5, 1 and 1.9 MB texts, two kinds
    python bench/input_size.py --sizes 0.5 1

Each size is one `kg build FILE --no-html --no-validate` in a fresh process (model load
included, about 4 s), timed, with the process's peak memory. Two kinds of text: real news
(the 30 articles of ../shared/dev/news, or the sample article, repeated) and a list of
distinct people and companies (the worst case for name linking and coreference). It leaves
out validation and the HTML page, which do not depend on one article's length but on the
size of the graph. Files over kg's limit (kg.reader.MAX_FILE_BYTES, 2 MB) are refused at
once: the last line checks that.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "dev" / "news"


def news_text(size: int) -> str:
    files = sorted(NEWS.glob("*.fr.txt")) or [ROOT / "examples" / "meta-llama-open-source.fr.txt"]
    body = "\n\n".join(f.read_text(encoding="utf-8").split("\n", 1)[-1] for f in files)
    out = ["Un long dossier"]
    while sum(map(len, out)) < size:
        out.append(body)
    return "\n\n".join(out)[:size]


def names_text(size: int) -> str:
    rng = random.Random(7)
    first = ["Jean", "Marie", "Paul", "Anne", "Luc", "Sophie", "Marc", "Julie", "Hugo", "Léa"]
    last = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand"]
    lines = ["Dossier", ""]
    i = 0
    while sum(map(len, lines)) < size:
        lines.append(f"{rng.choice(first)} {rng.choice(last)}{i}, directeur général de "
                     f"Société{i % 500}, a annoncé le rachat de Groupe{i % 700}. Il a "
                     f"ajouté que le groupe investira à Lyon.")
        i += 1
    return "\n".join(lines)[:size]


_CHILD = """
import resource, sys
from kg.cli import main
try:
    main(sys.argv[1:], standalone_mode=True)
except SystemExit as stop:
    code = stop.code or 0
else:
    code = 0
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def run(path: Path, out: Path) -> tuple[float, float, int]:
    """One build in a fresh process: wall seconds, its peak memory in MB, its exit status."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, "build", str(path), "-o", str(out),
                           "--no-html", "--no-validate"], capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - started
    lines = done.stderr.strip().splitlines()
    peak = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else float("nan")
    return seconds, peak, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="*", type=float, default=[0.25, 0.5, 1.0, 1.9],
                        help="sizes in MB (1 MB = 10^6 characters)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for kind, make in (("news", news_text), ("names", names_text)):
            base: float | None = None
            for size in sorted(args.sizes):
                path = folder / f"{kind}-{size}.txt"
                path.write_text(make(int(size * 1_000_000)), encoding="utf-8")
                seconds, peak, status = run(path, folder / "out")
                base = base or seconds / size
                print(f"{kind:5} {size:5.2f} MB  {seconds:7.1f} s  peak {peak:7.0f} MB  "
                      f"s/MB {seconds / size:6.1f} (x{seconds / size / base:.2f} of the "
                      f"smallest)  exit {status}", flush=True)
        path = folder / "too-big.txt"
        path.write_text(news_text(30_000_000), encoding="utf-8")
        seconds, _, status = run(path, folder / "out")
        print(f"30 MB file: exit {status} in {seconds:.1f} s (refused up front)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
