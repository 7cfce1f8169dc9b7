"""Load the readable rule tables under models/temporal/ (tab-separated, '#' comments)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.resources import models_dir

DEFAULT_DIR = models_dir() / "temporal"


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def alternation(words) -> str:
    """Regex alternation of literal phrases, longest first; inner spaces match any whitespace."""
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        parts.append(r"\s+".join(re.escape(p) for p in w.split(" ")))
    return "(?:" + "|".join(parts) + ")"


_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# spoken years: "nineteen ninety-six", "nineteen hundred", "two thousand (and) one"
YEAR_WORDS = (r"(?:(?:eighteen|nineteen)[\s-]+(?:hundred|(?:%s)(?:[\s-]+(?:%s))?|%s)"
              r"|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:(?:%s)(?:[\s-]+(?:%s))?|%s|%s))?)"
              % (_TENS, _UNITS, _TEENS, _TENS, _UNITS, _TEENS, _UNITS))


class Lexicon:
    def __init__(self, directory: Path | str = DEFAULT_DIR):
        d = Path(directory)
        self.dir = d
        month_rows = read_tsv(d / "months.tsv")
        self.months = {r[0].lower(): int(r[1]) for r in month_rows}
        self.ambiguous_months = {r[0].lower() for r in month_rows if len(r) > 2 and r[2] == "ambiguous"}
        self.weekdays = {r[0].lower(): int(r[1]) for r in read_tsv(d / "weekdays.tsv")}
        self.numbers = {r[0].lower(): r[1] for r in read_tsv(d / "numbers.tsv")}
        self.ordinals = {r[0].lower(): int(r[1]) for r in read_tsv(d / "ordinals.tsv")}
        self.seasons = {r[0].lower(): r[1] for r in read_tsv(d / "seasons.tsv")}
        self.pods = {r[0].lower(): r[1] for r in read_tsv(d / "parts_of_day.tsv")}
        self.units = {r[0].lower(): r[1] for r in read_tsv(d / "units.tsv")}
        self.refs = {r[0].lower(): r[1] for r in read_tsv(d / "refs.tsv")}
        self.mods = {r[0].lower(): (r[1], r[2] if len(r) > 2 else "any")
                     for r in read_tsv(d / "mods.tsv")}
        self.sets = {r[0].lower(): r[1] for r in read_tsv(d / "sets.tsv")}
        self.reldays = {r[0].lower(): (int(r[1]), r[2] if len(r) > 2 else None)
                        for r in read_tsv(d / "relative_days.tsv")}
        self.holidays = {r[0].lower(): r[1] for r in read_tsv(d / "holidays.tsv")}
        self.tense_cues = {r[0].lower(): r[1] for r in read_tsv(d / "tense_cues.tsv")}
        self.timezones = [r[0] for r in read_tsv(d / "timezones.tsv")]
        plural_units = [u for u in self.units if u.endswith("s") and u[:-1] in self.units]
        full_weekdays = [w for w in self.weekdays if not w.endswith(".")]
        self.placeholders = {
            "month": alternation(self.months),
            "weekday": alternation(self.weekdays),
            "weekdayp": alternation(w + "s" for w in full_weekdays),
            "num": r"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|%s|%s(?:[\s-]+%s)*)" % (
                alternation(w for w in self.numbers if w.split()[0] in ("a", "an")),
                alternation(w for w in self.numbers if w.split()[0] not in ("a", "an")),
                alternation(w for w in self.numbers if w.split()[0] not in ("a", "an", "some", "many", "few", "several"))),
            "ord": r"(?:%s|\d{1,2}(?:st|nd|rd|th))" % alternation(self.ordinals),
            "season": alternation(self.seasons),
            "pod": alternation(self.pods),
            "unit": alternation(self.units),
            "unitp": alternation(plural_units),
            "set": alternation(self.sets),
            "relday": alternation(self.reldays),
            "ref": alternation(self.refs),
            "holiday": alternation(self.holidays),
            "year": r"(?:1\d\d\d|20\d\d)",
            "yearw": YEAR_WORDS,
            "tz": "(?-i:%s)" % alternation(self.timezones),
        }
        self.mod_re = re.compile(r"(?<!\w)(%s)[\s-]*\Z" % alternation(self.mods), re.I)

    def year(self, s: str) -> int | None:
        """'1998', "'98", 'nineteen ninety-eight', 'two thousand and one' -> int."""
        s = s.strip().lower().lstrip("'")
        if s.isdigit():
            return int(s) if len(s) == 4 else (1900 + int(s) if int(s) >= 30 else 2000 + int(s))
        words = re.split(r"[\s-]+", s)
        if words[0] in ("eighteen", "nineteen"):
            rest = " ".join(words[1:])
            if rest == "hundred":
                return int(self.numbers[words[0]]) * 100
            n = self.number(rest)
            return int(self.numbers[words[0]]) * 100 + n if isinstance(n, int) else None
        n = self.number(" ".join(w for w in words if w != "and"))
        return n if isinstance(n, int) else None

    def number(self, s: str | None):
        """Parse a number phrase ('seventy', 'twenty four', '18', 'a couple of') -> int/float or 'X'."""
        if s is None:
            return None
        s = s.strip().lower()
        frac = re.fullmatch(r"(\d+)\s+(\d)/(\d)", s)
        if frac:
            return int(frac.group(1)) + int(frac.group(2)) / int(frac.group(3))
        try:
            return int(s)
        except ValueError:
            pass
        try:
            return float(s)
        except ValueError:
            pass
        if s in self.numbers:
            v = self.numbers[s]
            return v if v == "X" else (float(v) if "." in v else int(v))
        total = cur = 0
        for w in re.split(r"[\s-]+", s):
            v = self.numbers.get(w)
            if v is None or v == "X":
                return None
            v = float(v) if "." in v else int(v)
            if v == 100:
                cur = max(cur, 1) * 100
            elif v == 1000:
                total += max(cur, 1) * 1000
                cur = 0
            else:
                cur += v
        return total + cur


@lru_cache(maxsize=4)
def get_lexicon(directory: str | None = None) -> Lexicon:
    return Lexicon(directory or DEFAULT_DIR)
