#!/usr/bin/env python3
"""CPU per extraction stage over the corpus: where the time of ``bench/extraction`` goes.

    python -m bench.stages                  # table: per file and per stage, first and second pass
    python -m bench.stages --profile build  # also cProfile one stage (second pass), top functions
    python -m bench.stages --rounds 3       # more passes

The first pass is what ``bench/extraction`` times (after the same warm-up);
the second shows what is left once the per-word caches (pymorphy3 parses,
lemma tables) are full, so the gap between them is the cost of first sights.
The stages are called as ``pipeline.analyse_text`` calls them, with the
garbage collector paused the same way.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

STAGES = ("normalize", "segment", "build", "people", "link", "merge")


def run_stages(raw: str, name: str, profile_stage: str | None, profiler: cProfile.Profile | None) -> dict:
    """CPU seconds of each stage on one text."""
    from events.extraction import pipeline
    from events.extraction.dates import find_dates
    from events.extraction.normalize import normalize
    from events.extraction.segment import segment

    state = {}
    steps = {
        "normalize": lambda: state.update(normalized=normalize(raw)),
        "segment": lambda: state.update(layout=segment(raw, name, state["normalized"])),
        "build": lambda: state.update(
            events=pipeline.build_events(raw, state["layout"], state["normalized"], find_dates)),
        "people": lambda: state.update(people=pipeline.people_from_lists(raw, state["layout"])),
        "link": lambda: pipeline.link_entities(state["events"], state["normalized"].text, state["layout"],
                                               seed_people=state["people"]),
        "merge": lambda: pipeline.merge_events(state["events"], pipeline.alignments_of(state["layout"])),
    }
    spent = {}
    with pipeline.collector_paused():
        for stage in STAGES:
            watched = profiler is not None and stage == profile_stage
            began = time.process_time()
            if watched:
                profiler.enable()
            steps[stage]()
            if watched:
                profiler.disable()
            spent[stage] = time.process_time() - began
    return spent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--profile", choices=STAGES, help="cProfile this stage on the last pass")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumtime)")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
    os.environ.setdefault("CHRONICLE_DEV", "1")
    import django

    django.setup()
    from events.extraction import pipeline

    pipeline.warm_up()
    files = sorted((REPO / "fixtures" / "sources").glob("*.txt"))
    texts = [(path.name, pipeline.read_source(path)) for path in files]
    chars = sum(len(raw) for _, raw in texts)
    profiler = cProfile.Profile() if args.profile else None
    header = f"{'pass':<5} {'file':<26}" + "".join(f"{s:>10}" for s in STAGES) + f"{'total':>10}"
    print(header)
    print("-" * len(header))
    for round_no in range(1, args.rounds + 1):
        last = round_no == args.rounds
        totals = dict.fromkeys(STAGES, 0.0)
        for name, raw in texts:
            spent = run_stages(raw, name, args.profile, profiler if last else None)
            for stage in STAGES:
                totals[stage] += spent[stage]
            print(f"{round_no:<5} {name:<26}" + "".join(f"{spent[s]:>10.3f}" for s in STAGES)
                  + f"{sum(spent.values()):>10.3f}")
        total = sum(totals.values())
        print(f"{round_no:<5} {'ALL (' + format(chars, ',') + ' chars)':<26}"
              + "".join(f"{totals[s]:>10.3f}" for s in STAGES) + f"{total:>10.3f}"
              + f"   {chars / total / 1e6:.2f}M chars/CPU-s")
        print()
    if profiler is not None:
        print(f"cProfile of {args.profile}, pass {args.rounds} (profiling slows Python code, not regex/C code):")
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
