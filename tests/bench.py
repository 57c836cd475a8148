"""`make bench`: build time with and without the build guard, on the real site and on 10×/50× copies.

Prints a table and writes bench-results/bench.json. Each figure is the median of
several builds (5 for the real site); wall time and CPU time (user + system of the
build process) are both given. The guard's budget (15 %) is judged on CPU time, the
steadier one on a busy machine; the wall-clock overhead is printed for information.
The guard is switched off with KIRKAS_GUARD=off, which only this benchmark uses.
The generated sites copy every page of the real site under new names in all three
languages (hinnat-kopio1.md, hinnat-kopio1.sv.md, ...), so time per page can be
compared as the site grows. If tests/bench_lighthouse.py exists it is run afterwards
(Lighthouse on every page type incl. the search and 404 pages; `make bench` installs
Lighthouse and Node 22 into .tools/ first). The whole bench takes 20-40 minutes on two cores.

    python -m tests.bench [--runs 5] [--scales 1,10,50] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.support.site import PROJECT_ROOT, TEST_SITE_URL, copy_project

RESULTS_DIR = PROJECT_ROOT / "bench-results"
#: The budget of the issue: the guard adds at most 15 % to a full build of the real site.
GUARD_BUDGET_PERCENT = 15.0
EXCLUDED_FOLDERS = {"_data", "_ohjeet"}


@dataclass
class Timing:
    """Median wall and CPU seconds of some builds."""

    wall_s: float
    cpu_s: float
    runs: list[float]


@dataclass
class ScaleResult:
    """Build time of one site size with and without the guard."""

    scale: int
    pages: int
    guard_on: Timing
    guard_off: Timing

    @property
    def overhead_percent(self) -> float:
        """How much the guard adds, in percent of the build without it (CPU time)."""
        return 100.0 * (self.guard_on.cpu_s - self.guard_off.cpu_s) / self.guard_off.cpu_s

    @property
    def overhead_wall_percent(self) -> float:
        """The same in wall time."""
        return 100.0 * (self.guard_on.wall_s - self.guard_off.wall_s) / self.guard_off.wall_s

    def as_dict(self) -> dict[str, object]:
        """JSON-ready figures."""
        return {
            **asdict(self),
            "overhead_percent_cpu": round(self.overhead_percent, 1),
            "overhead_percent_wall": round(self.overhead_wall_percent, 1),
            "ms_per_page_guard_on": round(1000 * self.guard_on.wall_s / self.pages, 2),
            "ms_per_page_guard_off": round(1000 * self.guard_off.wall_s / self.pages, 2),
            "guard_ms_per_page_cpu": round(1000 * (self.guard_on.cpu_s - self.guard_off.cpu_s) / self.pages, 2),
        }


def build_once(project: Path, site_dir: Path, *, guard: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `mkdocs build` of a project."""
    env = {**os.environ, "SITE_URL": TEST_SITE_URL, "NO_MKDOCS_2_WARNING": "1",
           "KIRKAS_GUARD": "on" if guard else "off"}
    command = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--quiet", "--clean",
               "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(project: Path, site_dir: Path, runs: int) -> tuple[Timing, Timing]:
    """Median timings with and without the guard, the two alternating (a warm-up build first)."""
    if runs > 1:
        build_once(project, site_dir, guard=True)
    samples: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for _ in range(runs):
        for guard in (False, True):
            samples[guard].append(build_once(project, site_dir, guard=guard))

    def timing(values: list[tuple[float, float]]) -> Timing:
        return Timing(
            wall_s=round(statistics.median(wall for wall, _ in values), 3),
            cpu_s=round(statistics.median(cpu for _, cpu in values), 3),
            runs=[round(wall, 3) for wall, _ in values],
        )

    return timing(samples[True]), timing(samples[False])


#: A translation's slug line in its front matter.
SLUG_LINE = re.compile(r"(?m)^slug:[ \t]*[a-z0-9-]+")


def multiply_pages(project: Path, scale: int) -> None:
    """Add scale-1 copies of every Markdown page (every language) under new names."""
    docs = project / "docs"
    pages = [
        path for path in docs.rglob("*.md")
        if not EXCLUDED_FOLDERS.intersection(path.relative_to(docs).parts)
    ]
    for path in pages:
        stem, _, suffixes = path.name.partition(".")
        text = path.read_text(encoding="utf-8")
        for copy in range(1, scale):
            # a copy of a translation gets an address of its own (its slug, kirkas.addresses)
            copied = SLUG_LINE.sub(lambda match: f"{match.group(0)}-kopio{copy}", text, count=1)  # noqa: B023
            path.with_name(f"{stem}-kopio{copy}.{suffixes}").write_text(copied, encoding="utf-8")


def count_pages(site_dir: Path) -> int:
    """Built HTML pages."""
    return sum(1 for _ in site_dir.rglob("*.html"))


def run_lighthouse_bench() -> None:
    """Run the team's Lighthouse figures (tests/bench_lighthouse.py) when they exist."""
    if (PROJECT_ROOT / "tests" / "bench_lighthouse.py").is_file():
        print("\nLighthouse (tests/bench_lighthouse.py):", flush=True)
        subprocess.run([sys.executable, "-m", "tests.bench_lighthouse"], cwd=PROJECT_ROOT, check=False)


def print_table(results: list[ScaleResult]) -> None:
    """The figures as a table."""
    header = (f"{'site':>10} {'pages':>6} {'guard off s':>12} {'guard on s':>11} {'ms/page':>8} "
              f"{'overhead CPU':>13} {'overhead wall':>14}")
    print(header)
    print("-" * len(header))
    for result in results:
        name = "real" if result.scale == 1 else f"{result.scale}x"
        print(f"{name:>10} {result.pages:>6} {result.guard_off.wall_s:>12.2f} {result.guard_on.wall_s:>11.2f} "
              f"{1000 * result.guard_on.wall_s / result.pages:>8.1f} {result.overhead_percent:>12.1f}% "
              f"{result.overhead_wall_percent:>13.1f}%")


def main(argv: list[str] | None = None) -> int:
    """Measure, print, write bench-results/bench.json."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per figure on the real site")
    parser.add_argument("--scales", default="1,10,50", help="site sizes (1 = the real site)")
    parser.add_argument("--quick", action="store_true", help="fewer runs on the generated sites")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip tests/bench_lighthouse.py")
    args = parser.parse_args(argv)
    scales = [int(value) for value in args.scales.split(",") if value.strip()]

    results = []
    with tempfile.TemporaryDirectory(prefix="kirkas-bench-") as temporary:
        for scale in scales:
            project = copy_project(Path(temporary) / f"project-{scale}")
            multiply_pages(project, scale)
            site_dir = Path(temporary) / f"site-{scale}"
            runs = args.runs if scale == 1 else (1 if args.quick or scale >= 50 else 3)
            print(f"Building the {'real' if scale == 1 else f'{scale}x'} site {runs}+{runs} times…", flush=True)
            guard_on, guard_off = measure(project, site_dir, runs)
            results.append(ScaleResult(scale, count_pages(site_dir), guard_on, guard_off))

    print()
    print_table(results)
    real = next((result for result in results if result.scale == 1), None)
    if real is not None:
        verdict = "within" if real.overhead_percent <= GUARD_BUDGET_PERCENT else "OVER"
        print(f"\nThe guard adds {real.overhead_percent:.1f} % CPU time to a full build of the real site: "
              f"{verdict} the {GUARD_BUDGET_PERCENT:g} % budget.\n"
              f"The budget is judged on CPU time (the build process's own user + system seconds), because "
              f"wall time also counts\nwaiting for the machine's shared cores and swings with whatever else "
              f"runs. Wall-clock overhead, for information\nonly (not judged): {real.overhead_wall_percent:.1f} % "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores).")
    RESULTS_DIR.mkdir(exist_ok=True)
    output = {
        "guard_budget_percent": GUARD_BUDGET_PERCENT,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "sites": {("real" if r.scale == 1 else f"{r.scale}x"): r.as_dict() for r in results},
    }
    (RESULTS_DIR / "bench.json").write_text(json.dumps(output, indent=2), encoding="utf-8")
    print(f"Written to {(RESULTS_DIR / 'bench.json').relative_to(PROJECT_ROOT)}")
    if not args.no_lighthouse:
        run_lighthouse_bench()
    return 0


if __name__ == "__main__":
    sys.exit(main())
