"""Where our data files (the `models/` folder, installed as `pipeline.models`) live."""
from __future__ import annotations

import importlib.resources
from pathlib import Path


def models_dir() -> Path:
    """The folder holding patterns, gazetteers and rule tables."""
    return Path(str(importlib.resources.files("pipeline.models")))
