"""Entity layer over the statistical NER: two spaCy factories.

- `entity_rules` (after "ner" and the timex stage): gazetteer and pattern
  spans, boundary repair, titles (kept in `doc.spans["titles"]` for the
  relation rules), acronym links. Sets `doc.ents`.
- `entity_layer`: canonical names, document-level entity ids, countries.

Both read `models/entities/` once, at construction (`data_dir` overrides it).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from pipeline.components import guarded
from pipeline.components.entity_acronyms import link_acronyms
from pipeline.components.entity_boundaries import BoundaryRepair, bodies_of_countries, char_tokens
from pipeline.components.entity_context import context_labels
from pipeline.components.entity_data import load_gazetteer
from pipeline.components.entity_datelines import add_spans, dateline, designations, split_counts
from pipeline.components.entity_names import NameResolver
from pipeline.components.entity_patterns import EntityMatcher
from pipeline.components.entity_relabel import Relabel, affiliation_roles

TITLES_KEY = "titles"


class EntityRules:
    """Rule spans merged with the NER's, repaired; titles set aside."""

    def __init__(self, nlp: Language, data_dir: str | None) -> None:
        gaz = load_gazetteer(data_dir)
        self.matcher = EntityMatcher(nlp, gaz)
        self.repair = BoundaryRepair(gaz.lexicon)
        self.heads = set(gaz.lexicon["name_heads"])
        self.title_words = {t for t in gaz.titles if " " not in t}
        self.relabel = Relabel(gaz.lexicon, affiliation_roles())
        self._run = guarded("entities")(self.process)

    def __call__(self, doc: Doc) -> Doc:
        return self._run(doc)

    def process(self, doc: Doc) -> Doc:
        """Replace `doc.ents` by the repaired, merged entities."""
        timex_tokens = char_tokens(doc, ((t["start"], t["end"]) for t in doc._.timexes or []))
        candidates, titles = self.matcher(doc, timex_tokens)
        ner = [e for e in doc.ents if not self.title_only(e)]
        ents = self.repair.merge(doc, ner, candidates, titles, timex_tokens)
        ents = self.repair.persons_after_titles(doc, bodies_of_countries(doc, filter_spans(ents)), titles)
        ents = self.relabel(doc, filter_spans(ents), titles, timex_tokens)
        ents = add_spans(split_counts(doc, filter_spans(ents)), dateline(doc, timex_tokens))
        ents = designations(doc, filter_spans(ents))
        ents = context_labels(doc, filter_spans(ents), timex_tokens)
        doc.ents = filter_spans(link_acronyms(doc, filter_spans(ents), self.heads))
        doc.spans[TITLES_KEY] = titles
        return doc

    def title_only(self, ent) -> bool:
        """A NER span that is only a title word ("the two Ministers"): a title alone is no entity."""
        text = ent.text
        return len(ent) == 1 and (text in self.title_words or (text.endswith("s") and text[:-1] in self.title_words))


class EntityLayer:
    """Canonical name, entity id and country for every entity."""

    def __init__(self, data_dir: str | None) -> None:
        self._run = guarded("entities")(NameResolver(load_gazetteer(data_dir)))

    def __call__(self, doc: Doc) -> Doc:
        return self._run(doc)


@Language.factory("entity_rules", default_config={"data_dir": None})
def make_entity_rules(nlp: Language, name: str, data_dir: str | None) -> EntityRules:
    """Gazetteers, patterns and boundary repair over the statistical NER."""
    return EntityRules(nlp, data_dir)


@Language.factory("entity_layer", default_config={"data_dir": None})
def make_entity_layer(nlp: Language, name: str, data_dir: str | None) -> EntityLayer:
    """Canonical names, entity ids and countries."""
    return EntityLayer(data_dir)
