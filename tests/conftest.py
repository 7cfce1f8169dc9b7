"""Shared fixtures: one pipeline per test session, helpers to run `extract`."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import extract
from pipeline.nlp import build_nlp

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"
SEED_ID = "ewc-2024-blinken-austin-tokyo"


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline, built once."""
    return build_nlp()


@pytest.fixture()
def seed_corpus(tmp_path: Path) -> Path:
    """A corpus folder holding a copy of the seed article and its sidecar."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for suffix in (".txt", ".meta.json"):
        shutil.copy(CORPUS / f"{SEED_ID}{suffix}", folder)
    return folder


def run_extract(*args: str, input: bytes | None = None):
    """Invoke `extract` in-process; returns the click Result."""
    return CliRunner().invoke(extract, [*args, "--quiet"], input=input, catch_exceptions=False)


def read_jsonl(path: Path) -> list[dict]:
    """All records of a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
