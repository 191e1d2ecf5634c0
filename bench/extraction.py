#!/usr/bin/env python3
"""Extraction benchmark: Chronicle vs dateparser vs natasha on the gold set.

    bench/extraction               # full run (all five sources, all systems)
    bench/extraction --quick       # baselines on the first 300k chars of each file
    bench/extraction --systems chronicle --details     # list every miss / wrong date / type
    bench/extraction --quick --systems dateparser,dateparser_detecting  # dateparser told no language
    bench/extraction --json bench/out/extraction.json   # numbers for CI
    bench/extraction --systems chronicle --sample-out bench/out/sample.jsonl
    bench/extraction --systems chronicle --sample-out bench/out/s.jsonl --sample-seed 20261125

Each system runs in subprocesses of its own (``--worker``), one system after
the other (never more processes than ``--processes`` at once), so its peak memory
(``ru_maxrss``) and CPU time are its own; the slow baselines are split over
several processes and their throughput is computed on the *summed* CPU time,
so parallelism does not flatter them. The parent scores every system against
``bench/gold`` with the pure functions of ``bench/scoring.py`` and prints one
table per file and one overall, then the targets with PASS/FAIL.

Throughput is characters per CPU-second, because wall time on a shared
machine measures the neighbours. Two numbers per system, clearly labelled:
*warm* (steady state: every worker first runs its system once on a small
text, so one-time imports, dictionary/model loading and regex compilation
are excluded alike for every system; this is the number the 30x target
uses) and *cold* (the same work plus that one-time loading, paid once per
worker process). Peak memory is the largest ``ru_maxrss`` of a system's
processes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import scoring  # noqa: E402

SOURCES = REPO / "fixtures" / "sources"
GOLD = REPO / "bench" / "gold"
SYSTEMS = ("chronicle", "dateparser", "natasha")
# Languages handed to dateparser per source (what the file is written in).
LANGUAGES = {
    "000": ["ru", "en"],
    "001": ["ru"],
    "002": ["ru"],
    "003": ["ru", "en"],
    "004": ["fr", "ru"],
}
QUICK_CHARS = 300_000
# Fewest hand labels of unmatched items before a label-based precision
# estimate replaces prec* (or the held-out one replaces the pooled one).
MIN_LABELS = 20
CHUNK_CHARS = 200_000
TARGETS = {
    "recall": 0.90,
    "recall_per_file": 0.80,
    "precision": 0.90,
    "type_accuracy": 0.80,
    "false_per_20": 1.0,
    "speedup_vs_dateparser": 30.0,
    "peak_mem_mb": 1024.0,
}


# ---------------------------------------------------------------------------
# Workers (run in a subprocess: ``extraction.py --worker SYSTEM --units JSON``)
# ---------------------------------------------------------------------------


def _chronicle_units(units):
    # The pipeline is pure Python: no Django set-up, whose imports (the admin,
    # the exports' spreadsheet libraries) would count in the peak memory only
    # when the environment happens to let Django start.
    from events.extraction.pipeline import extract_file

    for path, offset, limit in units:
        text = Path(path).read_text(encoding="utf-8")
        result = extract_file(path)
        for ev in getattr(result, "events", result):
            if limit is not None and ev.start >= limit:
                continue
            ds, de = scoring.locate_date(text, ev.start, ev.end, ev.date_text)
            yield {"file": Path(path).name, "start": ev.start, "end": ev.end,
                   "date": ev.date, "type": ev.type, "date_start": ds, "date_end": de,
                   "text": ev.date_text}
        del text


def _blocks(text: str, start: int, end: int):
    """Paragraph-sized blocks (split at blank lines, at most 5000 chars) of
    ``text[start:end]`` with their absolute offsets."""
    pos = start
    for m in re.finditer(r"\n\s*\n|$", text[start:end]):
        stop = start + m.start()
        while pos < stop:
            cut = min(stop, pos + 5000)
            if cut < stop:
                nl = text.rfind("\n", pos, cut)
                cut = nl + 1 if nl > pos else cut
            if text[pos:cut].strip():
                yield pos, text[pos:cut]
            pos = cut
        pos = start + m.end()
        if pos >= end:
            break


def file_languages(name: str) -> list[str]:
    """The languages dateparser is told for a source file: what the file is written in."""
    return LANGUAGES.get(name[:3], ["ru"])


def no_languages(name: str) -> None:
    """No language given: dateparser detects it, as ``search_dates(text)`` does by default."""
    return None


def _dateparser_units(units, languages_of=file_languages):
    from dateparser.search import search_dates

    for path, offset, limit in units:
        text = Path(path).read_text(encoding="utf-8")
        name = Path(path).name
        langs = languages_of(name)
        end = limit if limit is not None else len(text)
        for pos, block in _blocks(text, offset, end):
            try:
                found = search_dates(block, languages=langs) or []
            except Exception:
                found = []
            cursor = 0
            for sub, dt in found:
                k = block.find(sub, cursor)
                if k < 0:
                    k = block.find(sub)
                if k < 0:
                    continue
                cursor = k + len(sub)
                s = pos + k
                yield {"file": name, "start": s, "end": s + len(sub),
                       "date": dt.strftime("%Y-%m-%d") if dt.year >= 1 else "",
                       "type": None, "date_start": s, "date_end": s + len(sub), "text": sub}


def natasha_edtf(fact) -> str:
    """EDTF at the precision natasha found (no year -> no usable date)."""
    if not getattr(fact, "year", None):
        return ""
    out = f"{fact.year:04d}"
    if fact.month:
        out += f"-{fact.month:02d}"
        if fact.day:
            out += f"-{fact.day:02d}"
    return out


def _natasha_units(units):
    from natasha import DatesExtractor, MorphVocab

    extractor = DatesExtractor(MorphVocab())
    for path, offset, limit in units:
        text = Path(path).read_text(encoding="utf-8")
        name = Path(path).name
        end = limit if limit is not None else len(text)
        chunk = text[offset:end]
        for m in extractor(chunk):
            s, e = offset + m.start, offset + m.stop
            yield {"file": name, "start": s, "end": e, "date": natasha_edtf(m.fact),
                   "type": None, "date_start": s, "date_end": e, "text": text[s:e]}


def _dateparser_detecting_units(units):
    return _dateparser_units(units, languages_of=no_languages)


# "dateparser" is the baseline the 30x target is measured against: told each
# file's languages, it runs 5-30x faster than called plainly, with the same recall.
# "dateparser_detecting" is the plain call, for information only (opt-in with
# --systems: at a few thousand chars per CPU-second it needs --quick).
WORKERS = {"chronicle": _chronicle_units, "dateparser": _dateparser_units,
           "natasha": _natasha_units, "dateparser_detecting": _dateparser_detecting_units}

# A short text in the corpus' three languages for the warm-up runs.
WARM_UP_TEXT = ("Письмо от 6 сентября 1923 г. Он был арестован 5 мая 1924 г.\n\n"
                "Le 15 février 1932 il fut arrêté. On 3 May 1930 he was arrested.\n")


def _chronicle_warm_up(units) -> None:
    from events.extraction.pipeline import warm_up

    warm_up()


def _dateparser_warm_up(units, languages_of=file_languages) -> None:
    from dateparser.search import search_dates

    for name in {Path(p).name[:3] for p, _, _ in units}:
        search_dates(WARM_UP_TEXT, languages=languages_of(name))


def _dateparser_detecting_warm_up(units) -> None:
    _dateparser_warm_up(units, languages_of=no_languages)


def _natasha_warm_up(units) -> None:
    # natasha's extractor is built inside the worker generator; building one
    # here loads its dictionaries (MorphVocab) and grammar modules once.
    from natasha import DatesExtractor, MorphVocab

    list(DatesExtractor(MorphVocab())(WARM_UP_TEXT))


WARM_UPS = {"chronicle": _chronicle_warm_up, "dateparser": _dateparser_warm_up,
            "natasha": _natasha_warm_up, "dateparser_detecting": _dateparser_detecting_warm_up}


def run_worker(system: str, units: list, out_path: str) -> None:
    """Run one system over its units; write items, then a stats line."""
    stats = {"stats": True, "system": system, "chars": 0, "error": None}
    cold0 = time.process_time()
    try:
        WARM_UPS[system](units)
    except Exception as exc:
        stats["error"] = f"warm-up: {type(exc).__name__}: {exc}"
    cpu0, wall0 = time.process_time(), time.perf_counter()
    stats["cpu_warm_up"] = cpu0 - cold0
    with open(out_path, "w", encoding="utf-8") as out:
        try:
            for item in WORKERS[system](units):
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
        except Exception as exc:  # report, do not crash the whole benchmark
            stats["error"] = f"{type(exc).__name__}: {exc}"
        stats["cpu"] = time.process_time() - cpu0  # warm: after the warm-up
        stats["cpu_cold"] = stats["cpu"] + stats["cpu_warm_up"]
        stats["wall"] = time.perf_counter() - wall0
        for path, offset, limit in units:
            size = len(Path(path).read_text(encoding="utf-8"))
            stats["chars"] += (limit if limit is not None else size) - offset
        stats["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out.write(json.dumps(stats) + "\n")


# ---------------------------------------------------------------------------
# Parent: plan units, launch workers, score, print
# ---------------------------------------------------------------------------


def split_units(paths: list[Path], limit_chars, processes: int) -> list[list]:
    """Cut the files into line-aligned chunks and deal them to ``processes``
    groups with roughly equal character counts."""
    chunks = []
    for p in paths:
        text = p.read_text(encoding="utf-8")
        end = len(text) if limit_chars is None else min(len(text), limit_chars)
        pos = 0
        while pos < end:
            cut = min(end, pos + CHUNK_CHARS)
            if cut < end:
                nl = text.rfind("\n\n", pos, cut)
                cut = nl + 2 if nl > pos else cut
            chunks.append((str(p), pos, cut))
            pos = cut
    groups = [[] for _ in range(max(1, processes))]
    sizes = [0] * len(groups)
    for c in sorted(chunks, key=lambda c: c[2] - c[1], reverse=True):
        i = sizes.index(min(sizes))
        groups[i].append(c)
        sizes[i] += c[2] - c[1]
    return [g for g in groups if g]


def launch(system: str, units: list, tmpdir: str, n: int):
    out = os.path.join(tmpdir, f"{system}-{n}.jsonl")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", system,
           "--units", json.dumps(units), "--out", out]
    return subprocess.Popen(cmd, cwd=str(REPO)), out


def load_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def collect(outputs: list[str]):
    items, stats = [], []
    for out in outputs:
        for rec in load_jsonl(Path(out)):
            (stats if rec.get("stats") else items).append(rec)
    return items, stats


def to_items(records: list[dict], indexes: dict) -> list[scoring.Item]:
    out = []
    for r in records:
        idx = indexes[r["file"]]
        out.append(scoring.make_item(
            r["file"], idx, r["start"], r["end"], date=r.get("date") or "",
            type=r.get("type"), date_start=r.get("date_start", -1),
            date_end=r.get("date_end", -1), text=r.get("text", "")))
    return out


def fmt(x, pct=True, digits=2):
    if x is None:
        return "n/a"
    return f"{100 * x:5.1f}%" if pct else f"{x:.{digits}f}"


def name_width(systems) -> int:
    """Width of the tables' system column: the longest name and a space."""
    return max(11, *(len(s) + 1 for s in systems))


def print_table(title: str, rows: list[tuple[str, scoring.Scores]], has_type: dict) -> None:
    print(f"\n{title}")
    w = name_width(name for name, _ in rows)
    head = (f"  {'system':<{w}}{'gold':>5}{'found':>6}{'recall':>8}{'date acc':>9}"
            f"{'type acc':>9}{'prec*':>8}{'items':>7}{'false/20 non-ev':>16}")
    print(head)
    print("  " + "-" * (len(head) - 2))
    for name, s in rows:
        typ = fmt(s.type_accuracy) if has_type.get(name) else "n/a"
        f20 = "n/a" if s.false_per_20 is None else f"{s.false_per_20:.2f} ({s.non_event_hits}/{s.non_events})"
        print(f"  {name:<{w}}{s.gold:>5}{s.found:>6}{fmt(s.recall):>8}{fmt(s.date_accuracy):>9}"
              f"{typ:>9}{fmt(s.region_precision):>8}{s.items:>7}{f20:>16}")


def print_details(per_file: dict) -> None:
    """One line per error of one system, grouped by kind, for whoever tunes it."""
    labels = {"miss": "MISSED", "date": "WRONG DATE", "type": "WRONG TYPE",
              "non_event": "FALSE EVENT ON NON-EVENT", "label_date": "WRONG DATE ON A LABELLED REAL EVENT"}
    for kind, title in labels.items():
        rows = [(g, it) for sc in per_file.values() for k, g, it in sc.details if k == kind]
        print(f"\n{title} ({len(rows)})")
        for g, it in rows:
            where = f"{g['file'][:3]}:{g['line']}"
            text = (g.get("date_text") or g.get("text") or "").replace("\n", "⏎")
            if kind == "miss":
                print(f"  {where:<10}{text!r:<40} {g['edtf']:<24} {g['type']:<18} {g['note'][:50]}")
            elif kind == "date":
                print(f"  {where:<10}{text!r:<40} gold {g['edtf']:<24} got {it.date!r} from {it.text!r}")
            elif kind == "label_date":
                print(f"  {where:<10}{text!r:<40} label {g.get('date_expected')!r:<23} got {it.date!r}")
            elif kind == "type":
                print(f"  {where:<10}{text!r:<40} gold {g['type']:<18} got {it.type:<18} {g['note'][:40]}")
            else:
                print(f"  {where:<10}{text!r:<40} ({g['why'][:30]}) got {it.date!r} {it.type} from {it.text!r}")


def metrics(sc: scoring.Scores) -> dict:
    return {"gold": sc.gold, "found": sc.found, "recall": sc.recall,
            "date_accuracy": sc.date_accuracy, "type_accuracy": sc.type_accuracy,
            "precision_region": sc.region_precision, "precision_estimated": sc.estimated_precision,
            "precision_held_out": sc.held_out_precision,
            "precision_held_out_95": sc.held_out_precision_interval,
            "held_out_rate": sc.held_out_rate, "held_out_rate_95": sc.held_out_rate_interval,
            "held_out_labels": sc.held_out_unmatched,
            "precision_stratified": sc.stratified_precision,
            "date_accuracy_labelled": sc.labelled_date_accuracy, "date_labelled": sc.label_dated,
            "items": sc.items, "non_event_hits": sc.non_event_hits, "non_events": sc.non_events,
            "false_per_20_non_events": sc.false_per_20}


def write_json(path: str, systems, per_system, overall, perf, quick: bool) -> None:
    """The run's numbers for CI or a notebook (same content as the tables)."""
    out = {"quick": quick, "targets": TARGETS, "systems": {}}
    for s in systems:
        out["systems"][s] = {
            "overall": metrics(overall[s]),
            "files": {name: metrics(sc) for name, sc in per_system[s].items()},
            "performance": {k: v for k, v in perf[s].items()},
        }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")


def fmt_ratio(rate, baseline_rate) -> str:
    """``rate`` as a multiple of ``baseline_rate`` ("n/a" when either did not run)."""
    return "n/a" if not rate or not baseline_rate else f"{rate / baseline_rate:.1f}x"


def verdict(ok) -> str:
    return "n/a " if ok is None else ("PASS" if ok else "FAIL")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help=f"baselines only on the first {QUICK_CHARS} chars of each file")
    ap.add_argument("--systems", default=",".join(SYSTEMS),
                    help="comma-separated, of: " + ", ".join(WORKERS) + " (default: "
                         + ",".join(SYSTEMS) + "); dateparser_detecting is dateparser told no "
                         "language, for information (slow: use --quick)")
    ap.add_argument("--processes", type=int, default=max(1, os.cpu_count() or 1),
                    help="worker processes per baseline system")
    ap.add_argument("--sample-out", help="write a seeded sample of Chronicle's unmatched items")
    ap.add_argument("--sample-size", type=int, default=50)
    ap.add_argument("--sample-seed", type=int, default=20240601,
                    help="seed of the --sample-out draw; items that already carry a "
                         "label are left out, so a new seed gives a fresh sample")
    ap.add_argument("--json", help="also write the numbers as JSON to this path")
    ap.add_argument("--details", action="store_true",
                    help="list Chronicle's misses, wrong dates, wrong types and false events")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--units", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        run_worker(args.worker, json.loads(args.units), args.out)
        return 0

    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in WORKERS]
    if unknown or not systems:
        ap.error(f"--systems: unknown {', '.join(unknown) or '(none given)'}; known: {', '.join(WORKERS)}")
    paths = sorted(SOURCES.glob("*.txt"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in paths}
    indexes = {name: scoring.LineIndex(t) for name, t in texts.items()}
    gold = scoring.with_ranks(load_jsonl(GOLD / "events.jsonl"), indexes)
    non_events = load_jsonl(GOLD / "non_events.jsonl")
    labels = load_jsonl(GOLD / "precision_labels.jsonl")

    t0 = time.perf_counter()
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-extraction-") as tmp:
        # One system at a time: CPU time grows when more processes than CPUs
        # share the caches, so systems run side by side would charge each
        # other's presence to whoever happens to overlap the most.
        for system in systems:
            if system == "chronicle":
                groups = [[(str(p), 0, None) for p in paths]]
            else:
                limit = QUICK_CHARS if args.quick else None
                groups = split_units(paths, limit, args.processes)
            procs = [launch(system, g, tmp, i) for i, g in enumerate(groups)]
            for proc, _ in procs:
                proc.wait()
            results[system] = collect([out for _, out in procs])
    wall = time.perf_counter() - t0

    limits = {}
    if args.quick:
        limits = {name: min(len(t), QUICK_CHARS) for name, t in texts.items()}
    per_system, perf = {}, {}
    for system, (records, stats) in results.items():
        errors = [s["error"] for s in stats if s.get("error")]
        chars = sum(s["chars"] for s in stats)
        cpu = sum(s.get("cpu", 0.0) for s in stats)
        cpu_cold = sum(s.get("cpu_cold", s.get("cpu", 0.0)) for s in stats)
        perf[system] = {
            "chars": chars, "cpu": cpu, "rate": chars / cpu if cpu and not errors else None,
            "cpu_cold": cpu_cold,
            "rate_cold": chars / cpu_cold if cpu_cold and not errors else None,
            "mem_mb": max((s.get("maxrss_kb", 0) for s in stats), default=0) / 1024,
            "errors": errors, "processes": len(stats),
        }
        items = to_items(records, indexes)
        g = gold if system == "chronicle" or not args.quick else scoring.restrict(gold, limits)
        ne = non_events if system == "chronicle" or not args.quick else scoring.restrict(non_events, limits)
        per_file = {}
        for name in texts:
            per_file[name] = scoring.score(
                [x for x in g if x["file"] == name], [x for x in ne if x["file"] == name],
                [x for x in items if x.file == name], labels if system == "chronicle" else [])
        per_system[system] = per_file

    has_type = {"chronicle": True}
    print("Chronicle extraction benchmark" + (" (--quick: baselines on a sample)" if args.quick else ""))
    print(f"gold: {len(gold)} events, {len(non_events)} non-event spans, "
          f"{len(labels)} manual precision labels; wall time {wall:.0f} s")
    for name in texts:
        rows = [(s, per_system[s][name]) for s in systems]
        print_table(name, rows, has_type)
    overall = {}
    for s in systems:
        total = scoring.Scores()
        for sc in per_system[s].values():
            total = total.add(sc)
        overall[s] = total
    print_table("OVERALL", [(s, overall[s]) for s in systems], has_type)
    for s_name in systems:
        o = overall[s_name]
        if o.labelled_unmatched:
            print(f"  {s_name}: estimated precision {fmt(o.estimated_precision)} = matched items + "
                  f"{len(o.unmatched)} unmatched items x {fmt(o.labelled_unmatched_correct / o.labelled_unmatched)}"
                  f" (real-event rate in {o.labelled_unmatched} hand-labelled unmatched items, pooled)")
        if o.held_out_unmatched:
            lo, hi = o.held_out_rate_interval
            plo, phi = o.held_out_precision_interval
            print(f"  {s_name}: held-out precision  {fmt(o.held_out_precision)} "
                  f"(95% {fmt(plo).strip()}-{fmt(phi).strip()}) = matched items + {len(o.unmatched)} "
                  f"unmatched items x {fmt(o.held_out_rate)} (95% Wilson {fmt(lo).strip()}-"
                  f"{fmt(hi).strip()}; {o.held_out_unmatched_correct}/{o.held_out_unmatched} "
                  "items with a held-out label,\n"
                  "          i.e. samples drawn after the rules last changed; the pooled rate also "
                  "counts samples\n          that the rules were written from, so it flatters them)")
            slo, shi = o.stratified_precision_interval
            print(f"  {s_name}: stratified precision {fmt(o.stratified_precision)} "
                  f"(95% {fmt(slo).strip()}-{fmt(shi).strip()}) = matched items + in-sample labelled "
                  "items as labelled + the other unmatched\n          items x the held-out rate "
                  "(an estimate of the corpus' precision; the PASS/FAIL line keeps the held-out one)")
        if o.label_dated:
            print(f"  {s_name}: date accuracy on labelled real unmatched items "
                  f"{fmt(o.labelled_date_accuracy)} ({o.label_dated_ok}/{o.label_dated} items whose "
                  "label judges the date: date_ok/date_expected;\n          the gold's date acc "
                  "above sees matched items only)")
    print("\n  prec* = precision vs gold in gold-covered regions: among items whose line is within"
          "\n          2 lines of an annotated event or non-event, the share matched to a gold event."
          "\n          The gold is not exhaustive elsewhere; label samples in"
          "\n          bench/gold/precision_labels.jsonl to refine it (see bench/gold/README.md).")
    if args.quick:
        print(f"  --quick: dateparser/natasha saw only the first {QUICK_CHARS} chars of each file;"
              " their gold is restricted to that part.")

    print("\nPerformance (CPU time; warm = after a warm-up run on a small text, i.e. without"
          "\n             one-time loading; cold = with it, once per worker process)")
    w = name_width(systems)
    print(f"  {'system':<{w}}{'chars':>10}{'warm cpu s':>11}{'warm chars/s':>13}"
          f"{'cold cpu s':>11}{'cold chars/s':>13}{'peak MB':>9}{'procs':>6}")
    for s in systems:
        p = perf[s]
        rate = "n/a" if p["rate"] is None else f"{p['rate']:,.0f}"
        cold = "n/a" if p["rate_cold"] is None else f"{p['rate_cold']:,.0f}"
        print(f"  {s:<{w}}{p['chars']:>10,}{p['cpu']:>11.1f}{rate:>13}"
              f"{p['cpu_cold']:>11.1f}{cold:>13}{p['mem_mb']:>9.0f}{p['processes']:>6}")
        for e in p["errors"]:
            print(f"    ! {s} failed: {e}")

    if "chronicle" in systems:
        c = overall["chronicle"]
        pc = perf["chronicle"]
        worst = min((sc.recall for sc in per_system["chronicle"].values() if sc.recall is not None),
                    default=None)
        speed = speed_cold = None
        if "dateparser" in perf and pc["rate"] and perf["dateparser"]["rate"]:
            speed = pc["rate"] / perf["dateparser"]["rate"]
        if "dateparser" in perf and pc["rate_cold"] and perf["dateparser"]["rate_cold"]:
            speed_cold = pc["rate_cold"] / perf["dateparser"]["rate_cold"]
        # Precision from the least biased source that has enough labels:
        # held-out samples, else all labels pooled, else the gold regions.
        if c.held_out_unmatched >= MIN_LABELS:
            prec = c.held_out_precision
            prec_name = f"precision (held-out, {c.held_out_unmatched} labels)"
        elif c.labelled_unmatched >= MIN_LABELS:
            prec = c.estimated_precision
            prec_name = f"precision (pooled est., {c.labelled_unmatched} labels)"
        else:
            prec, prec_name = c.region_precision, "precision (prec*)"
        checks = [
            ("recall overall", fmt(c.recall), ">= 90%",
             None if c.recall is None or pc["errors"] else c.recall >= TARGETS["recall"]),
            ("recall worst file", fmt(worst), ">= 80%",
             None if worst is None or pc["errors"] else worst >= TARGETS["recall_per_file"]),
            (prec_name, fmt(prec), ">= 90%",
             None if prec is None else prec >= TARGETS["precision"]),
            ("type accuracy", fmt(c.type_accuracy), ">= 80%",
             None if c.type_accuracy is None else c.type_accuracy >= TARGETS["type_accuracy"]),
            ("false per 20 non-events", fmt(c.false_per_20, pct=False, digits=2), "<= 1",
             None if c.false_per_20 is None or pc["errors"] else c.false_per_20 <= TARGETS["false_per_20"]),
            ("throughput vs dateparser (warm)", "n/a" if speed is None else f"{speed:.1f}x", ">= 30x",
             None if speed is None or pc["errors"] else speed >= TARGETS["speedup_vs_dateparser"]),
            ("  (cold, for information)", "n/a" if speed_cold is None else f"{speed_cold:.1f}x", "-",
             None),
            *([("  (vs dateparser_detecting, info)", fmt_ratio(pc["rate"], perf["dateparser_detecting"]["rate"]),
                "-", None)] if "dateparser_detecting" in perf else []),
            ("peak memory", f"{pc['mem_mb']:.0f} MB", "< 1024 MB",
             None if not pc["mem_mb"] or pc["errors"] else pc["mem_mb"] < TARGETS["peak_mem_mb"]),
        ]
        print("\nTargets (Chronicle)")
        for name, value, target, ok in checks:
            print(f"  {verdict(ok)}  {name:<34}{value:>10}   target {target}")
        if pc["errors"]:
            print("  (Chronicle did not run: every Chronicle number above is empty)")

        if args.details:
            print_details(per_system["chronicle"])

        if args.sample_out:
            unmatched = [it for sc in per_system["chronicle"].values() for it in sc.unmatched
                         if scoring.label_for(it, labels) is None]
            sample = scoring.sample_unmatched(unmatched, args.sample_size, seed=args.sample_seed)
            Path(args.sample_out).parent.mkdir(parents=True, exist_ok=True)
            with open(args.sample_out, "w", encoding="utf-8") as fh:
                for it in sample:
                    fh.write(json.dumps({
                        "file": it.file, "line": it.line, "start": it.date_span[0],
                        "end": it.date_span[1], "date": it.date, "type": it.type,
                        "text": it.text, "context": texts[it.file][max(0, it.start - 300):it.end + 300],
                        "is_event": None}, ensure_ascii=False) + "\n")
            print(f"\nwrote {len(sample)} unmatched Chronicle items to {args.sample_out} "
                  "(set is_event, then append them to bench/gold/precision_labels.jsonl)")

    if args.json:
        write_json(args.json, systems, per_system, overall, perf, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
