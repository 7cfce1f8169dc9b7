"""The HTML report of an output folder: `report OUT` writes OUT/report/index.html and a page per document."""
from .build import build_report

__all__ = ["build_report"]
