"""Relation rules on invented sentences, with entities set by hand so that only our rules are tested."""
from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp import OUR_COMPONENTS

Ent = tuple[str, str, str, str | None]  # surface, label, canonical, country


def annotate(nlp: Language, text: str, ents: list[Ent], timexes: list[tuple[str, str]] = (),
             dct: str | None = None) -> Doc:
    """Parse with the statistical model only, set every occurrence of each entity and timex, run our rules."""
    with nlp.select_pipes(disable=list(OUR_COMPONENTS)):
        doc = nlp(text)
    spans, taken, ids = [], set(), {}
    for surface, label, canonical, country in sorted(ents, key=lambda e: -len(e[0])):
        start = text.find(surface)
        while start >= 0:
            span = doc.char_span(start, start + len(surface), label=label)
            if span is not None and not taken & set(range(span.start, span.end)):
                taken.update(range(span.start, span.end))
                spans.append((span, canonical, country))
            start = text.find(surface, start + 1)
    doc.ents = sorted((s for s, _, _ in spans), key=lambda s: s.start)
    info = {s.start: (c, k) for s, c, k in spans}
    for ent in doc.ents:
        canonical, country = info[ent.start]
        ent._.canonical, ent._.country = canonical, country
        ent._.entity_id = ids.setdefault(canonical, f"E{len(ids) + 1}")
    doc._.timexes = []
    for surface, value, *kind in timexes:  # (text, value[, TIMEX3 type, DATE by default])
        start = text.find(surface)
        doc._.timexes.append({"id": f"t{len(doc._.timexes) + 1}", "start": start, "end": start + len(surface),
                              "type": kind[0] if kind else "DATE", "value": value, "mod": None, "anchor": None})
    doc._.dct = {"value": dct, "source": "cli" if dct else None}
    for name in ("relation_rules", "event_rules"):
        doc = nlp.get_pipe(name)(doc)
    assert not doc._.stage_warnings
    return doc


def names(doc: Doc) -> dict[str, str]:
    """entity_id -> canonical."""
    return {ent._.entity_id: ent._.canonical for ent in doc.ents}


def triples(doc: Doc) -> set[tuple[str, str, str]]:
    by_id = names(doc)
    return {(r["type"], by_id[r["head"]], by_id[r["tail"]]) for r in doc._.relations}


def positions(doc: Doc) -> dict[str, str]:
    by_id = names(doc)
    return {by_id[r["head"]]: r["position"] for r in doc._.relations if r["type"] == "holds_position"}


DENMARK = [("Danish", "NORP", "Danish", "DNK"), ("Denmark", "GPE", "Denmark", "DNK")]


def test_demonym_title_name(nlp):
    doc = annotate(nlp, "Danish Defence Minister Lars Holm arrived on Monday. Denmark wants more drills.",
                   [*DENMARK, ("Lars Holm", "PERSON", "Lars Holm", "DNK")])
    assert triples(doc) == {("holds_position", "Lars Holm", "Denmark")}
    assert positions(doc) == {"Lars Holm": "Defence Minister"}


def test_title_of_country_then_name_readout_style(nlp):
    doc = annotate(nlp, "The Minister for Trade of the Republic of Chile Ana Ruiz received the delegation.",
                   [("Republic of Chile", "GPE", "Republic of Chile", "CHL"),
                    ("Ana Ruiz", "PERSON", "Ana Ruiz", "CHL")])
    assert triples(doc) == {("holds_position", "Ana Ruiz", "Republic of Chile")}
    assert positions(doc) == {"Ana Ruiz": "Minister for Trade"}


def test_apposition_names_the_unit(nlp):
    doc = annotate(nlp, "Li Wei, Deputy Head of the Planning Office in the Ministry of Trade, criticised the plan.",
                   [("Li Wei", "PERSON", "Li Wei", "CHN"), ("Planning Office", "ORG", "Planning Office", "CHN"),
                    ("Ministry of Trade", "ORG", "Ministry of Trade", "CHN")])
    assert triples(doc) == {("holds_position", "Li Wei", "Planning Office")}
    assert positions(doc) == {"Li Wei": "Deputy Head"}


def test_who_serves_as(nlp):
    doc = annotate(nlp, "Maria Costa, who serves as Minister of Finance of Portugal, opened the session.",
                   [("Maria Costa", "PERSON", "Maria Costa", "PRT"), ("Portugal", "GPE", "Portugal", "PRT")])
    assert triples(doc) == {("holds_position", "Maria Costa", "Portugal")}
    assert positions(doc) == {"Maria Costa": "Minister of Finance"}


def test_bare_title_points_to_the_persons_country(nlp):
    doc = annotate(nlp, "In Lima, President Ana Ruiz said Peru would act.",
                   [("Lima", "GPE", "Lima", "PER"), ("Peru", "GPE", "Peru", "PER"),
                    ("Ana Ruiz", "PERSON", "Ana Ruiz", "PER")])
    assert ("holds_position", "Ana Ruiz", "Peru") in triples(doc)


def test_a_list_is_not_an_apposition(nlp):
    doc = annotate(nlp, "Talks were held between Holm, Lund, and Finnish Trade Minister Aino Aho.",
                   [("Holm", "PERSON", "Holm", None), ("Lund", "PERSON", "Lund", None),
                    ("Finnish", "NORP", "Finnish", "FIN"), ("Aino Aho", "PERSON", "Aino Aho", "FIN")])
    assert triples(doc) == {("holds_position", "Aino Aho", "Finnish")}


def test_affiliations_as_fellow_and_intern(nlp):
    doc = annotate(nlp, "Sam Ito is a fellow at the Lakeside Institute. He has interned at Norden Bank and "
                        "Fjord Analytics. He also advised the Ministry of Energy.",
                   [("Sam Ito", "PERSON", "Sam Ito", None), ("Lakeside Institute", "ORG", "Lakeside Institute", None),
                    ("Norden Bank", "ORG", "Norden Bank", None), ("Fjord Analytics", "ORG", "Fjord Analytics", None),
                    ("Ministry of Energy", "ORG", "Ministry of Energy", "NOR")])
    assert triples(doc) == {("affiliated_with", "Sam Ito", org)
                            for org in ("Lakeside Institute", "Norden Bank", "Fjord Analytics")}


def test_located_in_stated_and_from_the_countries_named(nlp):
    doc = annotate(nlp, "She spoke at the Peace Institute in Geneva before talks in Ottawa, where Canada hosted.",
                   [("Peace Institute", "ORG", "Peace Institute", None), ("Geneva", "GPE", "Geneva", "CHE"),
                    ("Ottawa", "GPE", "Ottawa", "CAN"), ("Canada", "GPE", "Canada", "CAN")])
    assert triples(doc) == {("located_in", "Peace Institute", "Geneva"), ("located_in", "Ottawa", "Canada")}


def test_part_of_named_and_by_plural_reference(nlp):
    text = ("The ministers attended the Lisbon Summit and the Porto Dialogue. "
            "The meetings were part of her Atlantic Tour.")
    doc = annotate(nlp, text, [("Lisbon Summit", "EVENT", "Lisbon Summit", None),
                               ("Porto Dialogue", "EVENT", "Porto Dialogue", None),
                               ("Atlantic Tour", "EVENT", "Atlantic Tour", None)])
    assert triples(doc) == {("part_of", "Lisbon Summit", "Atlantic Tour"),
                            ("part_of", "Porto Dialogue", "Atlantic Tour")}


def test_fellow_in_apposition_is_affiliated_not_holding_a_position(nlp):
    doc = annotate(nlp, "Ola Berg, a research fellow at the Fjord Institute, said the talks went well.",
                   [("Ola Berg", "PERSON", "Ola Berg", None), ("Fjord Institute", "ORG", "Fjord Institute", None)])
    assert triples(doc) == {("affiliated_with", "Ola Berg", "Fjord Institute")}


def test_organisation_at_the_start_of_an_apposed_title(nlp):
    doc = annotate(nlp, "Li Wei, the ASEAN Commissioner for Trade, said the plan would work.",
                   [("Li Wei", "PERSON", "Li Wei", None), ("ASEAN", "ORG", "ASEAN", None)])
    assert triples(doc) == {("holds_position", "Li Wei", "ASEAN")}
    assert positions(doc) == {"Li Wei": "Commissioner for Trade"}


def test_title_of_country_comma_name(nlp):
    doc = annotate(nlp, "She met the Minister of Defence of Chile, Ana Ruiz, on Monday.",
                   [("Chile", "GPE", "Chile", "CHL"), ("Ana Ruiz", "PERSON", "Ana Ruiz", "CHL")])
    assert triples(doc) == {("holds_position", "Ana Ruiz", "Chile")}
    assert positions(doc) == {"Ana Ruiz": "Minister of Defence"}


def test_country_names_come_from_the_entity_gazetteer():
    from pipeline.components.relation_entities import country_names
    assert {"uk", "britain", "gbr", "gb"} <= country_names("GBR")
    assert {"russia", "republic of korea"} & (country_names("RUS") | country_names("KOR")) == {"russia",
                                                                                                "republic of korea"}


def test_national_title_gives_the_tail(nlp):
    doc = nlp("Taoiseach Ciaran Doyle met Chilean President Ana Ruiz in Dublin. Ireland and Chile signed a pact.")
    by_id = names(doc)
    found = {(by_id[r["head"]], by_id[r["tail"]], r["position"]) for r in doc._.relations
             if r["type"] == "holds_position"}
    assert ("Ciaran Doyle", "Ireland", "Taoiseach") in found


def test_clause_opener_is_not_part_of_a_title(nlp):
    doc = annotate(nlp, "When Danish Defence Minister Lars Holm arrived, Denmark raised its flag.",
                   [*DENMARK, ("Lars Holm", "PERSON", "Lars Holm", "DNK")])
    assert positions(doc) == {"Lars Holm": "Defence Minister"}


def test_it_is_part_of_refers_to_the_previous_subject(nlp):
    text = "The Nordic Defence Ministers' Meeting opened in Oslo on Monday. It is part of the Arctic Security Week."
    doc = annotate(nlp, text, [("Nordic Defence Ministers' Meeting", "EVENT", "Nordic Defence Ministers' Meeting", None),
                               ("Oslo", "GPE", "Oslo", "NOR"),
                               ("Arctic Security Week", "EVENT", "Arctic Security Week", None)])
    assert ("part_of", "Nordic Defence Ministers' Meeting", "Arctic Security Week") in triples(doc)


def test_possessive_country_title_comma_name(nlp):
    doc = annotate(nlp, "Kenya's Foreign Minister, Amina Odhiambo, told the meeting that talks would resume.",
                   [("Kenya", "GPE", "Kenya", "KEN"), ("Amina Odhiambo", "PERSON", "Amina Odhiambo", None)])
    assert triples(doc) == {("holds_position", "Amina Odhiambo", "Kenya")}
    assert positions(doc) == {"Amina Odhiambo": "Foreign Minister"}


def test_office_then_rank_before_name(nlp):
    doc = annotate(nlp, "Peru's Minister of National Defence, General Rosa Quispe, announced the exercise.",
                   [("Peru", "GPE", "Peru", "PER"), ("Rosa Quispe", "PERSON", "Rosa Quispe", None)])
    assert triples(doc) == {("holds_position", "Rosa Quispe", "Peru")}
    assert positions(doc) == {"Rosa Quispe": "Minister of National Defence"}


def test_name_then_of_country(nlp):
    doc = annotate(nlp, "Foreign Minister Anan Wongsa of Thailand signed the memorandum in Dhaka.",
                   [("Thailand", "GPE", "Thailand", "THA"), ("Anan Wongsa", "PERSON", "Anan Wongsa", None),
                    ("Dhaka", "GPE", "Dhaka", "BGD")])
    assert ("holds_position", "Anan Wongsa", "Thailand") in triples(doc)


def test_portfolio_with_commas_in_apposition(nlp):
    doc = annotate(nlp, "Ines Baptista, Angola's Minister of Territory, Housing and Public Works, who leads "
                        "the delegation, rejected the plan.",
                   [("Angola", "GPE", "Angola", "AGO"), ("Ines Baptista", "PERSON", "Ines Baptista", None)])
    assert triples(doc) == {("holds_position", "Ines Baptista", "Angola")}


def test_secretary_general_takes_the_organisation_of_the_sentence(nlp):
    doc = annotate(nlp, "At the African Union headquarters in Addis Ababa, Secretary General Tomas Okello urged "
                        "calm.",
                   [("African Union", "ORG", "African Union", None), ("Addis Ababa", "GPE", "Addis Ababa", "ETH"),
                    ("Tomas Okello", "PERSON", "Tomas Okello", None)])
    found = triples(doc)
    assert ("holds_position", "Tomas Okello", "African Union") in found
    assert ("located_in", "African Union", "Addis Ababa") in found


def test_teaches_at_a_foreign_university(nlp):
    doc = annotate(nlp, "Rui Matsuda is a fellow at the Pacific Policy Forum in Sydney and teaches economics at "
                        "the Universidad del Pacifico in Lima.",
                   [("Rui Matsuda", "PERSON", "Rui Matsuda", None),
                    ("Pacific Policy Forum", "ORG", "Pacific Policy Forum", "AUS"),
                    ("Universidad del Pacifico", "ORG", "Universidad del Pacifico", "PER"),
                    ("Sydney", "GPE", "Sydney", "AUS"), ("Lima", "GPE", "Lima", "PER")])
    found = triples(doc)
    assert ("affiliated_with", "Rui Matsuda", "Pacific Policy Forum") in found
    assert ("affiliated_with", "Rui Matsuda", "Universidad del Pacifico") in found


def test_centre_at_a_university_in_a_city(nlp):
    text = "Ana Diaz, a researcher at the Centre for Water Studies at Lakeside University in Quito, spoke."
    doc = annotate(nlp, text, [("Ana Diaz", "PERSON", "Ana Diaz", None),
                               ("Centre for Water Studies", "ORG", "Centre for Water Studies", None),
                               ("Lakeside University", "ORG", "Lakeside University", None),
                               ("Quito", "GPE", "Quito", "ECU")])
    found = triples(doc)
    assert ("located_in", "Centre for Water Studies", "Quito") in found
    assert ("located_in", "Lakeside University", "Quito") in found


def test_fellow_in_a_program_at_an_institute(nlp):
    text = "Lena Holt is a research fellow in the Arctic Program at the Polar Institute in Oslo."
    doc = annotate(nlp, text, [("Lena Holt", "PERSON", "Lena Holt", None),
                               ("Arctic Program", "ORG", "Arctic Program", None),
                               ("Polar Institute", "ORG", "Polar Institute", None),
                               ("Oslo", "GPE", "Oslo", "NOR")])
    found = triples(doc)
    assert ("affiliated_with", "Lena Holt", "Arctic Program") in found
    assert ("affiliated_with", "Lena Holt", "Polar Institute") in found
    assert ("located_in", "Arctic Program", "Oslo") not in found


def test_rank_between_office_and_name(nlp):
    text = "Chad's interim president, Colonel Idris Mahamat, closed the border."
    doc = annotate(nlp, text, [("Chad", "GPE", "Chad", "TCD"), ("Idris Mahamat", "PERSON", "Idris Mahamat", "TCD")])
    assert positions(doc) == {"Idris Mahamat": "interim president"}


def test_letterhead_and_in_city_opener(nlp):
    text = ("Ministry of Trade, Lima\n\nThe talks went well. In Santiago, a Ministry of Mines spokesperson "
            "welcomed the deal.")
    doc = annotate(nlp, text, [("Ministry of Trade", "ORG", "Ministry of Trade", "PER"),
                               ("Lima", "GPE", "Lima", "PER"),
                               ("Ministry of Mines", "ORG", "Ministry of Mines", "CHL"),
                               ("Santiago", "GPE", "Santiago", "CHL")])
    found = triples(doc)
    assert ("located_in", "Ministry of Trade", "Lima") in found
    assert ("located_in", "Ministry of Mines", "Santiago") in found


def test_venue_palace_in_the_city_named_before(nlp):
    text = "The envoys arrived in Rabat on Monday. They were received at the Royal Palace by the king."
    doc = annotate(nlp, text, [("Rabat", "GPE", "Rabat", "MAR"), ("Royal Palace", "FAC", "Royal Palace", None)])
    assert ("located_in", "Royal Palace", "Rabat") in triples(doc)


def test_a_title_phrase_that_runs_on_before_the_name(nlp):
    doc = annotate(nlp, "The African Union's special envoy for the Sahel region, Amadou Diallo, arrived on Monday.",
                   [("African Union", "ORG", "African Union", None), ("Sahel", "LOC", "Sahel", None),
                    ("Amadou Diallo", "PERSON", "Amadou Diallo", None)])
    assert triples(doc) == {("holds_position", "Amadou Diallo", "African Union")}
    assert positions(doc) == {"Amadou Diallo": "special envoy for the Sahel region"}


def test_the_countrys_minister_is_no_part_of_the_position(nlp):
    doc = annotate(nlp, "Peru sent a delegation. Jorge Salas, the country's trade minister, said the rules would help.",
                   [("Peru", "GPE", "Peru", "PER"), ("Jorge Salas", "PERSON", "Jorge Salas", "PER")])
    assert triples(doc) == {("holds_position", "Jorge Salas", "Peru")}
    assert positions(doc) == {"Jorge Salas": "trade minister"}


def test_a_site_named_after_a_city_is_in_it(nlp):
    doc = annotate(nlp, "Ana Ruiz, who teaches at Lima University, spoke in Lima.",
                   [("Ana Ruiz", "PERSON", "Ana Ruiz", None), ("Lima University", "ORG", "Lima University", None),
                    ("Lima", "GPE", "Lima", "PER")])
    assert ("located_in", "Lima University", "Lima") in triples(doc)


def test_parties_of_talks_are_not_located_where_the_talks_are(nlp):
    doc = annotate(nlp, "The envoy will chair talks between the government and the Coastal Front in Lima.",
                   [("Coastal Front", "ORG", "Coastal Front", None), ("Lima", "GPE", "Lima", "PER")])
    assert ("located_in", "Coastal Front", "Lima") not in triples(doc)


def test_based_in_and_no_country_in_a_city(nlp):
    doc = annotate(nlp, "Ana Ruiz, a researcher at the Lima-based Andean Centre, met the President of Chile in Lima.",
                   [("Ana Ruiz", "PERSON", "Ana Ruiz", None), ("Andean Centre", "ORG", "Andean Centre", None),
                    ("Lima", "GPE", "Lima", "PER"), ("Chile", "GPE", "Chile", "CHL")])
    assert ("located_in", "Andean Centre", "Lima") in triples(doc)
    assert ("located_in", "Chile", "Lima") not in triples(doc)


def test_a_government_release_s_officials_hold_posts_of_its_country(nlp):
    text = ("Ministry of Foreign Affairs\nRepublic of Chile\n\nPRESS RELEASE\n\nSantiago, 3 May 2026 – The Minister "
            "of Foreign Affairs, Ana Ruiz, received Norway's Foreign Minister, Eva Lund.")
    ents = [("Ministry of Foreign Affairs", "ORG", "Ministry of Foreign Affairs", "CHL"),
            ("Republic of Chile", "GPE", "Chile", "CHL"), ("Santiago", "GPE", "Santiago", "CHL"),
            ("Ana Ruiz", "PERSON", "Ana Ruiz", None), ("Norway", "GPE", "Norway", "NOR"),
            ("Eva Lund", "PERSON", "Eva Lund", "NOR")]
    found = triples(annotate(nlp, text, ents))
    assert {("holds_position", "Ana Ruiz", "Chile"), ("holds_position", "Eva Lund", "Norway")} <= found
    wire = text.replace("Ministry of Foreign Affairs\nRepublic of Chile\n\nPRESS RELEASE\n\nSantiago, 3 May 2026",
                        "SANTIAGO, May 3 (Wire)")
    assert ("holds_position", "Ana Ruiz", "Chile") not in triples(annotate(nlp, wire, ents))


def test_a_counterpart_with_a_title_before_the_name(nlp):
    doc = nlp("Chilean Foreign Minister Ana Ruiz met her Peruvian counterpart, Foreign Minister Jorge Salas, in Lima.")
    assert ("holds_position", "Jorge Salas", "Peruvian") in triples(doc)  # no "Peru" in the text: its demonym


@pytest.mark.parametrize("text,person,owner", [
    ("Peru's military government rejected the statement. Its spokesman, General Jorge Salas, said so.",
     "Jorge Salas", "Peru"),
    ("The Nordic Council condemned the launch on Monday. Its spokeswoman, Ana Ruiz, called it reckless.",
     "Ana Ruiz", "Nordic Council"),
    ("The Nordic Council rejected the plan. In Oslo, the group's chief negotiator, Ana Ruiz, said so.",
     "Ana Ruiz", "Nordic Council"),
])
def test_its_spokesman_belongs_to_the_last_subject(nlp, text, person, owner):
    ents = [("Peru", "GPE", "Peru", "PER"), ("Nordic Council", "ORG", "Nordic Council", None), ("Oslo", "GPE", "Oslo", "NOR"),
            (person, "PERSON", person, None)]
    assert ("holds_position", person, owner) in triples(annotate(nlp, text, ents))


def test_a_title_set_off_after_another_name_is_not_the_next_persons(nlp):
    text = ("At the invitation of Ana Ruiz, Minister of Foreign Affairs of Chile, H.E. Eva Lund, Minister of "
            "Foreign Affairs of Norway, paid an official visit.")
    doc = annotate(nlp, text, [("Ana Ruiz", "PERSON", "Ana Ruiz", None), ("Chile", "GPE", "Chile", "CHL"),
                               ("Eva Lund", "PERSON", "Eva Lund", None), ("Norway", "GPE", "Norway", "NOR")])
    assert {t for t in triples(doc) if t[0] == "holds_position"} == {
        ("holds_position", "Ana Ruiz", "Chile"), ("holds_position", "Eva Lund", "Norway")}

