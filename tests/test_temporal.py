"""Tests for the rule-based temporal tagger (pipeline.temporal). Sentences are made up for the tests."""
import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.temporal import Timex, find_timexes, infer_dct  # noqa: E402

DCT = dt.date(2024, 8, 5)   # a Monday


def tx(text, dct=DCT, **kw):
    out = find_timexes(text, dct, **kw)
    for t in out:
        assert isinstance(t, Timex)
        assert text[t.start:t.end] == t.text
    return out


def values(text, dct=DCT, **kw):
    return [(t.text, t.value) for t in tx(text, dct, **kw)]


def one(text, dct=DCT, **kw):
    out = tx(text, dct, **kw)
    assert len(out) == 1, out
    return out[0]


# ----------------------------------------------------------------- explicit dates

@pytest.mark.parametrize("sentence,text,value", [
    ("The treaty was signed on 2024-07-28 in Tokyo.", "2024-07-28", "2024-07-28"),
    ("The treaty was signed on July 28, 2024, in Tokyo.", "July 28, 2024", "2024-07-28"),
    ("The treaty was signed on 28 July 2024 in Tokyo.", "28 July 2024", "2024-07-28"),
    ("The readout dated Sept. 3, 2023 was released.", "Sept. 3, 2023", "2023-09-03"),
    ("Inflation peaked in July 2022.", "July 2022", "2022-07"),
    ("The alliance was founded in 1951.", "1951", "1951"),
    ("Exercises resume in Spring 2025, officials said.", "Spring 2025", "2025-SP"),
    ("Trade boomed in the 1990s.", "the 1990s", "199X"),
    ("Output rose in the first half of 2023.", "the first half of 2023", "2023-H1"),
])
def test_explicit_dates(sentence, text, value):
    t = one(sentence)
    assert (t.text, t.value, t.type) == (text, value, "DATE")
    assert t.anchor is None


def test_extent_drops_leading_preposition():
    t = one("Ministers met on July 28th in Tokyo.")
    assert t.text == "July 28th" and t.value == "2024-07-28" and t.anchor == "dct"


# ----------------------------------------------------------------- relative dates (news style)

@pytest.mark.parametrize("sentence,text,value", [
    ("Last week, the ministers met in Tokyo.", "Last week", "2024-W31"),
    ("The envoy arrived yesterday.", "yesterday", "2024-08-04"),
    ("The envoy arrives tomorrow.", "tomorrow", "2024-08-06"),
    ("The envoy spoke today.", "today", "2024-08-05"),
    ("The agency said next month would be decisive.", "next month", "2024-09"),
    ("Exports fell last year.", "last year", "2023"),
    ("Exports will rise this year.", "this year", "2024"),
    ("The deal collapsed a year ago.", "a year ago", "2023"),
    ("Profits rose in the third quarter.", "the third quarter", "2024-Q3"),
])
def test_relative_dates(sentence, text, value):
    assert values(sentence) == [(text, value)]


def test_earlier_this_year_has_start_mod():
    t = one("The plan was agreed earlier this year.")
    assert (t.text, t.value, t.mod, t.anchor) == ("earlier this year", "2024", "START", "dct")


def test_weekday_direction_follows_tense():
    assert values("The foreign minister met his counterpart on Friday.") == [("Friday", "2024-08-02")]
    assert values("The foreign minister will meet his counterpart on Friday.") == [("Friday", "2024-08-09")]


def test_yearless_month_by_tense():
    assert values("The committee was created in April.") == [("April", "2024-04")]
    assert values("The committee will be created in April.") == [("April", "2025-04")]


def test_tense_callback_overrides_heuristic():
    text = "The summit is in April."
    assert values(text, tenses=lambda s, e: "FUTURE") == [("April", "2025-04")]
    assert values(text, tenses=lambda s, e: "PAST") == [("April", "2024-04")]


# ----------------------------------------------------------------- coordination and day-only anchors

def test_coordinated_days_are_two_expressions():
    out = tx("Talks were held on March 3rd and 4th.", dt.date(2023, 3, 10))
    assert [(t.text, t.value) for t in out] == [("March 3rd", "2023-03-03"), ("4th", "2023-03-04")]
    assert out[1].anchor == "previous"


def test_day_only_resolves_against_previous_date_not_dct_month():
    text = ("On July 28th and 29th the ministers met. The committee was created in April. "
            "A long paragraph about other matters follows here, with no dates at all, describing the "
            "alliance, its history, the regional security environment and the defence industry. "
            "The ministers also held their first meeting on the 28th.")
    out = values(text)
    assert ("the 28th", "2024-07-28") in out
    t = [x for x in tx(text) if x.text == "the 28th"][0]
    assert t.anchor == "previous"


def test_part_of_day_of_day():
    t = tx("The talks opened on July 28. On the morning of the 29th, they signed.")[-1]
    assert (t.text, t.type, t.value, t.anchor) == ("the morning of the 29th", "TIME", "2024-07-29TMO", "previous")


def test_day_only_rejects_ordinal_nouns():
    assert values("The 5th Fleet moved to the 28th floor.") == []


# ----------------------------------------------------------------- times

def test_clock_time_with_weekday():
    t = one("The minister will arrive at 3 p.m. Tuesday.")
    assert (t.text, t.type, t.value) == ("3 p.m. Tuesday", "TIME", "2024-08-06T15:00")


# ----------------------------------------------------------------- durations, sets, refs, mods

@pytest.mark.parametrize("sentence,text,typ,value,mod", [
    ("The alliance has kept the peace for seventy years.", "seventy years", "DURATION", "P70Y", None),
    ("The visit lasted three days.", "three days", "DURATION", "P3D", None),
    ("They signed a two-year agreement.", "two-year", "DURATION", "P2Y", None),
    ("Relations have deepened over the past years.", "the past years", "DURATION", "PXY", None),
    ("The talks took about three years.", "about three years", "DURATION", "P3Y", "APPROX"),
    ("The dispute lasted more than two decades.", "more than two decades", "DURATION", "P20Y", "MORE_THAN"),
    ("The forum meets annually.", "annually", "SET", "P1Y", None),
    ("The forum meets every year.", "every year", "SET", "P1Y", None),
    ("The sides recently agreed to talk.", "recently", "DATE", "PAST_REF", None),
    ("Tensions are currently high.", "currently", "DATE", "PRESENT_REF", None),
    ("Cooperation will grow in the future.", "the future", "DATE", "FUTURE_REF", None),
    ("Growth slowed in early 2024.", "early 2024", "DATE", "2024", "START"),
    ("Elections are due in late 2025.", "late 2025", "DATE", "2025", "END"),
])
def test_durations_sets_refs_mods(sentence, text, typ, value, mod):
    t = one(sentence)
    assert (t.text, t.type, t.value, t.mod) == (text, typ, value, mod)


def test_ages_and_rates_are_not_durations():
    assert values("Mr. Tanaka, 52 years old, said the plan saves $5 million a year.") == []


def test_ambiguous_may_needs_temporal_context():
    assert values("Prime Minister Theresa May met him in May.", dt.date(2019, 8, 1)) == [("May", "2019-05")]


# ----------------------------------------------------------------- no DCT, CRLF, inference

def test_no_dct_keeps_placeholders():
    out = values("Last week officials met on July 28. On Friday they left; next year they return.", None)
    assert out == [("Last week", "XXXX-WXX"), ("July 28", "XXXX-07-28"), ("Friday", "XXXX-WXX-5"),
                   ("next year", "XXXX")]


def test_crlf_offsets_are_exact():
    text = "Talks ended.\r\nOn July 28th and 29th, they met.\r\n\r\nLast week was busy."
    out = tx(text)
    assert [(t.text, t.value) for t in out] == [
        ("July 28th", "2024-07-28"), ("29th", "2024-07-29"), ("Last week", "2024-W31")]
    assert out[0].start == text.index("July 28th")
    assert out[2].start == text.index("Last week")


def test_infer_dct_uses_latest_explicit_date():
    assert infer_dct("The meeting on July 28, 2024 followed talks in April 2023.") == dt.date(2024, 7, 28)
    assert infer_dct("Talks in April 2023 went well.") == dt.date(2023, 4, 30)
    assert infer_dct("No dates here, only next week.") is None


def test_hints_are_optional_and_harmless():
    text = "Ministers met on July 28th."
    assert values(text, hints=[(0, 5)]) == values(text)


def test_financial_quarter_context():
    text = ("Third-quarter profit rose 5%. Sales fell from the year-earlier period, "
            "and net income was flat compared with a year earlier.")
    out = values(text, dt.date(1989, 10, 30))
    assert out == [("Third-quarter", "1989-Q3"), ("the year-earlier period", "1988-Q3"),
                   ("a year earlier", "1988-Q3")]
