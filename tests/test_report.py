"""`report OUT`: the pages built from the fixture run, checked as files and in headless chromium."""
from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import run_extract
from pipeline.cli import report
from pipeline.loading import iter_records
from pipeline.report import build_report
from pipeline.report.text import Mention, mentions, place, render
from pipeline.report.timeline import extent, timeline_svg

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-pipe"]


def records(run: Path, kind: str, doc_id: str) -> list[dict[str, Any]]:
    return [r for r in iter_records(run / f"{kind}.jsonl") if r["doc_id"] == doc_id]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the fixture run with its report built (with gold), from the folder its paths are relative to."""
    folder = tmp_path_factory.mktemp("report") / "run"
    shutil.copytree(FIXTURES / "run", folder)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        build_report(Path("."), [FIXTURES / "gold"])
    yield folder


def test_report_files_and_index(run: Path) -> None:
    index = (run / "report" / "index.html").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (run / "report" / "docs").iterdir())
    assert pages == ["broken.html", "d1.html", "wire-1.html"]
    assert all((run / "report" / href).is_file() for href in re.findall(r'href="(docs/[^"]+)"', index))
    assert 'id="scores"' in index and "event arguments" in index
    errors = index[index.index('id="errors"'):index.index('id="documents"')]
    assert "broken" in errors and "not valid UTF-8" in errors and "d1.html" not in errors
    assert "<script" not in index and not re.search(r'\s(src|href)="(https?:)?//', index)


def test_document_without_text_on_disk_shows_its_records(run: Path) -> None:
    html = (run / "report" / "docs" / "wire-1.html").read_text(encoding="utf-8")
    assert "text is not on disk" in html and "<mark" not in html
    assert "<details open>" in html and "Manila" in html and 'id="event-V1"' in html


def test_error_document_page(run: Path) -> None:
    html = (run / "report" / "docs" / "broken.html").read_text(encoding="utf-8")
    assert "file is not valid UTF-8 (byte 3)" in html and 'id="events"' not in html


def test_cli_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "run", tmp_path / "run")
    monkeypatch.chdir(tmp_path / "run")
    result = CliRunner().invoke(report, ["."], catch_exceptions=False)
    assert result.exit_code == 0 and result.output.strip() == str(Path("report/index.html"))
    assert 'id="scores"' not in Path("report/index.html").read_text(encoding="utf-8")


def test_index_lists_unreadable_lines_and_records_without_a_document(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "run", tmp_path / "run")
    monkeypatch.chdir(tmp_path / "run")
    with open("entities.jsonl", "a", encoding="utf-8") as f:
        f.write('{"doc_id": "gone", "id": "T1"}\nnot json\n')
    index = build_report(Path(".")).read_text(encoding="utf-8")
    assert "Unreadable lines skipped (1): entities.jsonl:22" in index
    assert "1 entities record(s) name a doc_id with no document record" in index


def test_place_keeps_the_longer_of_overlapping_mentions_and_lists_the_rest() -> None:
    text = "Talks on 28 July 2024 in Tokyo."
    ents = [{"id": "T1", "start": 25, "end": 30, "text": "Tokyo", "label": "GPE"},
            {"id": "T2", "start": 25, "end": 30, "text": "Osaka", "label": "GPE"},
            {"id": "T3", "start": 28, "end": 99, "text": "yo.", "label": "GPE"}]
    tims = [{"id": "t1", "start": 9, "end": 21, "text": "28 July 2024", "type": "DATE", "value": "2024-07-28"},
            {"id": "t2", "start": 12, "end": 21, "text": "July 2024", "type": "DATE", "value": "2024-07"}]
    kept, dropped = place(mentions(ents, tims), text)
    assert [m.rid for m in kept] == ["t1", "T1"]
    assert {m.rid: why.split()[0] for m, why in dropped} == {"T2": "the", "T3": "offsets", "t2": "overlaps"}


def test_render_puts_anchors_before_the_mention_they_fall_in() -> None:
    text = "Ab <Tokyo>\nZ"
    kept = [Mention(4, 9, "Tokyo", "entity", "GPE", "T1", "", "Tokyo")]
    html = render(text, kept, {0: "[A0]", 6: "[A6]", 11: "[A11]"})
    assert html.index("[A0]") < html.index("Ab") and html.index("[A6]") < html.index("<mark")
    assert "&lt;[A6]<mark" in html and "<br>[A11]Z" in html and html.count("<mark") == 1


def test_timeline_places_calendar_dates_and_lists_the_rest() -> None:
    assert extent("2024-07-28T10:00") == extent("2024-07-28") and extent("2024-W30")[0].isoformat() == "2024-07-22"
    assert extent("2024-02")[1].day == 29 and extent("2024-Q3")[1].isoformat() == "2024-09-30"
    assert extent("XXXX-07-28") is None and extent("PAST_REF") is None and extent("2024-13") is None
    events = [{"id": "V1", "type": "AID", "date": {"value": "2024-W30"}, "status": "planned"},
              {"id": "V2", "type": "AGREE", "date": {"value": "2024-07-28"}},
              {"id": "V3", "type": "ACCUSE", "date": None}]
    svg, unplaced = timeline_svg(events)
    assert re.findall(r'data-event="(\w+)"', svg) == ["V1", "V2"] and [e["id"] for e in unplaced] == ["V3"]
    assert svg.count("<rect") == 1 and svg.count("<circle") == 1 and 'class="hollow"' in svg
    assert timeline_svg(events[2:]) == ("", events[2:])


def test_real_run_every_mention_is_highlighted_or_listed(seed_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_extract(str(seed_corpus), "-o", str(out), "--jobs", "1")
    (doc,) = iter_records(out / "documents.jsonl")
    html = (build_report(out).parent / "docs" / f"{doc['doc_id']}.html").read_text(encoding="utf-8")
    dropped = re.search(r"Not highlighted \((\d+)\)", html)
    n = len(records(out, "entities", doc["doc_id"])) + len(records(out, "timexes", doc["doc_id"]))
    assert html.count("<mark") + (int(dropped[1]) if dropped else 0) == n > 0


class Chromium:
    """Headless chromium driven over the DevTools protocol on a pipe (fds 3 and 4): stdlib only."""

    def __init__(self, binary: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        ours_r, theirs_w = os.pipe()
        theirs_r, ours_w = os.pipe()

        def to_fds_3_4() -> None:
            os.dup2(theirs_r, 3)
            os.dup2(theirs_w, 4)

        self.proc = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                     pass_fds=(3, 4), preexec_fn=to_fds_3_4, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(theirs_r)
        os.close(theirs_w)
        self.rfd, self.wfd = ours_r, ours_w
        self.buffer, self.next_id, self.events = b"", 0, []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=1280, height=1600,
                  deviceScaleFactor=1, mobile=False)

    def _receive(self, timeout: float = 20) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            if not select.select([self.rfd], [], [], timeout)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self.rfd, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        """Send a command and return its result; events received meanwhile are kept."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self.wfd, json.dumps(message).encode() + b"\0")
        while (reply := self._receive()).get("id") != self.next_id:
            self.events.append(reply)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def open(self, path: Path) -> list[str]:
        """Load a page; return its problems: console errors, exceptions, error logs, non-file requests."""
        self.events = []
        self.call("Page.navigate", session=True, url=path.as_uri())
        while not any(ev.get("method") == "Page.loadEventFired" for ev in self.events):
            self.events.append(self._receive())
        self.eval("1")  # events sent before this answer are in
        problems = []
        for ev in self.events:
            method, params = ev.get("method"), ev.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert", "warning"):
                problems.append(f"console.{params['type']}: {params['args']}")
            elif method == "Runtime.exceptionThrown":
                problems.append(f"exception: {params['exceptionDetails']}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                problems.append(f"log: {params['entry']['text']}")
            elif method == "Network.requestWillBeSent" and not params["request"]["url"].startswith(("file:", "data:")):
                problems.append(f"network: {params['request']['url']}")
        return problems

    def eval(self, expression: str) -> Any:
        """Evaluate JavaScript in the page; its JSON-able value."""
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        """A PNG of the whole page."""
        data = self.call("Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        with contextlib.suppress(EOFError, TimeoutError, RuntimeError):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self.rfd)
        os.close(self.wfd)
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (.ci/run installs Debian's chromium)")
    chromium = Chromium(CHROMIUM)
    yield chromium
    chromium.close()


def test_pages_load_without_console_errors_or_network(run: Path, browser: Chromium) -> None:
    pages = [run / "report" / "index.html", *sorted((run / "report" / "docs").glob("*.html"))]
    for page in pages:
        assert browser.open(page) == [], page.name
        broken = browser.eval("[...document.querySelectorAll('a[href^=\"#\"]')]"
                              ".map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))")
        assert broken == [], page.name


def test_highlighted_marks_match_the_records(run: Path, browser: Chromium) -> None:
    assert browser.open(run / "report" / "docs" / "d1.html") == []
    marks = browser.eval("[...document.querySelectorAll('.text mark')]"
                         ".map(m => [m.dataset.kind, m.dataset.label, m.dataset.id, m.firstChild.nodeValue])")
    expected = [["entity", r["label"], r["id"], r["text"]] for r in records(run, "entities", "d1")]
    expected += [["timex", r["type"], r["id"], r["text"]] for r in records(run, "timexes", "d1")]
    assert Counter(m[1] for m in marks) == Counter(m[1] for m in expected)
    assert sorted(marks) == sorted(expected)
    assert browser.eval("document.querySelector('.text').textContent.includes('Yōko Kamikawa')")


def test_evidence_link_scrolls_to_its_sentence(run: Path, browser: Chromium, tmp_path: Path) -> None:
    assert browser.open(run / "report" / "docs" / "d1.html") == []
    (v5,) = [r for r in records(run, "events", "d1") if r["id"] == "V5"]
    anchor = f"s-{v5['evidence']['start']}"
    assert browser.eval("window.scrollY") == 0
    browser.eval("document.querySelector('#event-V5 a.evidence').click()")
    assert browser.eval("location.hash") == f"#{anchor}"
    top = browser.eval(f"document.getElementById('{anchor}').getBoundingClientRect().top")
    assert browser.eval("window.scrollY") > 0 and 0 <= top < browser.eval("innerHeight")
    assert browser.eval(f"document.getElementById('{anchor}').nextSibling.textContent").startswith("Officials")
    shot = tmp_path / "d1.png"
    browser.eval("window.scrollTo(0, 0)")
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
