import datetime as dt

import pytest

from events.dates import (
    format_date,
    format_day,
    format_span,
    parse_date,
    written_day,
    written_span,
)


@pytest.mark.parametrize(
    ("text", "first", "last", "precision", "written"),
    [
        ("1953-07-27", dt.date(1953, 7, 27), dt.date(1953, 7, 27), "day", "27 July 1953"),
        ("1947-05", dt.date(1947, 5, 1), dt.date(1947, 5, 31), "month", "May 1947"),
        ("1948-02", dt.date(1948, 2, 1), dt.date(1948, 2, 29), "month", "February 1948"),
        ("1949", dt.date(1949, 1, 1), dt.date(1949, 12, 31), "year", "1949"),
    ],
)
def test_a_date_keeps_its_precision(text, first, last, precision, written):
    date = parse_date(text)
    assert (date.first, date.last, date.precision) == (first, last, precision)
    assert format_date(date) == written


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1953-02-30", "February 1953 has no day 30"),
        ("1951-13", "has no month 13"),
        ("27 July 1953", "is not a date"),
        ("1951-7-1", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_a_bad_date_says_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(text)


def test_spans_are_written_as_a_reader_says_them():
    def span(start: str, end: str, lang: str = "en") -> str:
        return format_span(parse_date(start), parse_date(end), lang)

    # What the two ends share is written once.
    assert span("1951-07-10", "1951-08-23") == "10 July – 23 August 1951"
    assert span("1953-07-13", "1953-07-20") == "13–20 July 1953"
    assert span("1947-05", "1947-06") == "May–June 1947"
    assert span("1950-12-24", "1951-01-04") == "24 December 1950 – 4 January 1951"
    assert span("1948", "1949-05") == "1948 – May 1949"
    assert span("1951-07-10", "1951-08-23", "ko") == "1951년 7월 10일 – 8월 23일"
    assert span("1953-07-13", "1953-07-20", "ko") == "1953년 7월 13일 – 20일"
    assert span("1950-12-24", "1951-01-04", "ko") == "1950년 12월 24일 – 1951년 1월 4일"
    assert span("1947-05", "1947-06", "both") == "May–June 1947 · 1947년 5월 – 6월"
    assert format_span(parse_date("1953-09"), None) == "September 1953"
    assert format_day(dt.date(1950, 6, 25)) == "25 June 1950"


@pytest.mark.parametrize(
    ("lang", "written"),
    [("en", "27 July 1953"), ("ko", "1953년 7월 27일"), ("both", "27 July 1953 · 1953년 7월 27일")],
)
def test_a_day_is_written_in_each_language_of_the_map(lang, written):
    assert written_day(dt.date(1953, 7, 27), lang) == written


@pytest.mark.parametrize(
    ("start", "end", "lang", "written"),
    [
        ("1951-07-10", "1951-08-23", "ko", "1951년 7월 10일 – 8월 23일"),
        ("1947-05", None, "ko", "1947년 5월"),
        ("1949", None, "ko", "1949년"),
        ("1947-05", "1948", "ko", "1947년 5월 – 1948년"),
        ("1953-09", None, "both", "September 1953 · 1953년 9월"),
        ("1950-06-25", "1950-06-28", "en", "25–28 June 1950"),
    ],
)
def test_an_events_dates_are_written_in_each_language_at_their_precision(start, end, lang, written):
    span = format_span(parse_date(start), parse_date(end) if end else None, lang)
    assert span == written
    both = written_span(parse_date(start), parse_date(end) if end else None)
    assert both[lang] == written and set(both) == {"en", "ko", "both"}
