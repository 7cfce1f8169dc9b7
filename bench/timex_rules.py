#!/usr/bin/env python3
"""Dev benchmark for the rule-based temporal tagger (pipeline.temporal) on TempEval-3 style data.

usage: python bench/timex_rules.py [DATA_DIR] [--errors N] [--show CLASS] [--seed] [--spacy]

Prints TempEval-3 metrics: strict extent P/R/F1 (same start/end), relaxed extent P/R/F1 (overlap,
one-to-one), value accuracy over relaxed matches, value F1 (relaxed match with equal value), plus
the most frequent error classes (missed, spurious, wrong value), grouped by a digit-masked pattern.
Standard library only (plus our package). With --spacy the engine gets what the pipeline component
gives it (the model's DATE/TIME spans as hints, the parse-based tense): the documents are parsed once
with the statistical model and cached as a DocBin (--cache), so reruns take seconds and give the
same timexes as `extract`.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.temporal import find_timexes  # noqa: E402

DEFAULT_DATA = Path("/work/shared/benchmarks/tempeval3-train")
SEED = Path("/work/shared/seed/ewc-2024-blinken-austin-tokyo.txt")
SEED_GOLD = [  # (text, value) expected on the seed article, DCT 2024-08-05
    ("Last week", "2024-W31"), ("July 28th", "2024-07-28"), ("29th", "2024-07-29"),
    ("earlier this year", "2024"), ("April", "2024-04"), ("the 28th", "2024-07-28"),
    ("August 2023", "2023-08"), ("seventy years", "P70Y"), ("the morning of the 29th", "2024-07-29TMO"),
    ("the past years", "PXY"), ("Spring 2024", "2024-SP"), ("recently", "PAST_REF"), ("recent", "PAST_REF"),
]


def load_docs(data: Path):
    for txt in sorted(data.rglob("*.txt")):
        if txt.name.lower().startswith("readme"):
            continue
        stem = txt.name[:-4]
        meta_p = txt.with_name(stem + ".meta.json")
        gold_p = txt.with_name(stem + ".gold.jsonl")
        if not gold_p.exists():
            continue
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        dct = None
        if meta_p.exists():
            pub = json.loads(meta_p.read_text(encoding="utf-8")).get("published")
            if pub:
                dct = dt.date.fromisoformat(pub[:10])
        gold = []
        with open(gold_p, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r.get("kind") == "timex":
                    gold.append(r)
        yield stem, text, dct, gold


def spacy_docs(data: Path, cache: Path) -> dict:
    """doc_id -> Doc parsed by the statistical model only (what timex_normaliser sees in `extract`)."""
    from spacy.tokens import DocBin

    from pipeline.components import register_extensions
    from pipeline.nlp import DEFAULT_MODEL, load_model

    register_extensions()
    nlp = load_model(DEFAULT_MODEL)
    items = [(doc_id, text) for doc_id, text, _, _ in load_docs(data)]
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(items) and all(d.text == t for d, (_, t) in zip(docs, items)):
            return {doc_id: d for (doc_id, _), d in zip(items, docs)}
    docs = list(nlp.pipe((t for _, t in items), batch_size=16))
    DocBin(attrs=["ORTH", "TAG", "POS", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "MORPH", "SENT_START"],
           docs=docs).to_disk(cache)
    return {doc_id: d for (doc_id, _), d in zip(items, docs)}


def pattern(s: str) -> str:
    return re.sub(r"\d", "9", s.lower())


def match_doc(gold, pred):
    """One-to-one relaxed matching (prefer exact extents, then largest overlap)."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = min(g["end"], p.end) - max(g["start"], p.start)
            if ov > 0:
                exact = g["start"] == p.start and g["end"] == p.end
                pairs.append((not exact, -ov, i, j))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _, _, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--errors", type=int, default=15, help="error classes to show per kind")
    ap.add_argument("--show", default=None, help="print every instance of errors whose pattern contains this")
    ap.add_argument("--no-seed", action="store_true")
    ap.add_argument("--spacy", action="store_true", help="run through the pipeline component (model hints + tense)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/timex_rules_docs.spacy"), help="DocBin cache for --spacy")
    args = ap.parse_args()
    parsed = spacy_docs(Path(args.data), args.cache) if args.spacy else None
    if parsed is not None:
        from pipeline.components.timexes import doc_timexes

    n_gold = n_pred = strict = relaxed = val_ok = type_ok = 0
    missed, spurious, wrong = collections.Counter(), collections.Counter(), collections.Counter()
    examples = collections.defaultdict(list)
    elapsed = 0.0
    chars = 0
    ndocs = 0
    for doc_id, text, dct, gold in load_docs(Path(args.data)):
        ndocs += 1
        chars += len(text)
        t0 = time.perf_counter()
        if parsed is not None:
            doc = parsed[doc_id]
            doc._.dct = {"value": dct.isoformat() if dct else None, "source": "meta"}
            pred = doc_timexes(doc)
        else:
            pred = find_timexes(text, dct)
        elapsed += time.perf_counter() - t0
        for p in pred:
            assert text[p.start:p.end] == p.text, (doc_id, p)
        n_gold += len(gold)
        n_pred += len(pred)
        pairs = match_doc(gold, pred)
        mg = {i for i, _ in pairs}
        mp = {j for _, j in pairs}
        for i, j in pairs:
            g, p = gold[i], pred[j]
            relaxed += 1
            if g["start"] == p.start and g["end"] == p.end:
                strict += 1
            if g["value"] == p.value:
                val_ok += 1
            else:
                key = f"{pattern(g['text'])!r} gold={pattern(g['value'])} pred={pattern(p.value)}"
                wrong[key] += 1
                ctx = text[max(0, g["start"] - 60):g["end"] + 40].replace("\n", " ")
                examples[key].append(f"{doc_id} dct={dct} gold={g['text']!r}:{g['value']} "
                                     f"pred={p.text!r}:{p.value} ...{ctx}...")
            if g["type"] == p.type:
                type_ok += 1
        for i, g in enumerate(gold):
            if i not in mg:
                key = f"{pattern(g['text'])!r} {g['type']} {pattern(g['value'])}"
                missed[key] += 1
                ctx = text[max(0, g["start"] - 40):g["end"] + 40].replace("\n", " ")
                examples[key].append(f"{doc_id} dct={dct} {g['value']} ...{ctx}...")
        for j, p in enumerate(pred):
            if j not in mp:
                key = f"{pattern(p.text)!r} {p.type} {pattern(p.value)}"
                spurious[key] += 1
                ctx = text[max(0, p.start - 40):p.end + 40].replace("\n", " ")
                examples[key].append(f"{doc_id} dct={dct} {p.value} ...{ctx}...")

    sp, sr, sf = prf(strict, n_pred, n_gold)
    rp, rr, rf = prf(relaxed, n_pred, n_gold)
    vp, vr, vf = prf(val_ok, n_pred, n_gold)
    print(f"TempEval-3 ({args.data}): {ndocs} docs, {n_gold} gold timexes, {n_pred} predicted")
    print(f"{'':22s} {'P':>7s} {'R':>7s} {'F1':>7s}")
    print(f"{'strict extent':22s} {sp:7.3f} {sr:7.3f} {sf:7.3f}")
    print(f"{'relaxed extent':22s} {rp:7.3f} {rr:7.3f} {rf:7.3f}")
    print(f"{'value (relaxed+equal)':22s} {vp:7.3f} {vr:7.3f} {vf:7.3f}")
    print(f"value accuracy on relaxed matches: {val_ok / relaxed if relaxed else 0:.3f}   "
          f"type accuracy: {type_ok / relaxed if relaxed else 0:.3f}")
    print(f"speed: {1000 * elapsed / max(ndocs, 1):.2f} ms/doc, {1000 * elapsed / max(chars, 1) * 5000:.2f} ms per 5,000 chars")
    for title, counter in (("MISSED (gold pattern, type, value)", missed),
                           ("SPURIOUS (pred pattern, type, value)", spurious),
                           ("WRONG VALUE (gold text, gold value, predicted value)", wrong)):
        print(f"\n{title}: {sum(counter.values())} total")
        for k, n in counter.most_common(args.errors):
            print(f"  {n:4d}  {k}")
    if args.show:
        print(f"\nINSTANCES matching {args.show!r}:")
        for k, ex in examples.items():
            if args.show in k:
                for e in ex:
                    print("  ", k, "|", e)

    if not args.no_seed and SEED.exists():
        with open(SEED, encoding="utf-8", newline="") as fh:
            text = fh.read()
        pred = find_timexes(text, dt.date(2024, 8, 5))
        got = {}
        for p in pred:
            got.setdefault(p.text, []).append(p.value)
        ok = 0
        print("\nSEED article (DCT 2024-08-05):")
        for t, v in SEED_GOLD:
            vals = got.get(t, [])
            hit = bool(vals) and all(x == v for x in vals)
            ok += hit
            print(f"  {'OK ' if hit else 'BAD'} {t!r:28s} expected {v:14s} got {vals}")
        print(f"  seed: {ok}/{len(SEED_GOLD)} expected expressions right; all predictions:")
        print("   ", "; ".join(f"{p.text}={p.value}" for p in pred))


if __name__ == "__main__":
    main()
