"""policy-events: articles in, entities, TIMEX3 dates, relations and PLOVER events out.

`pipeline.load(OUT)` returns the five output files of a run as pandas DataFrames.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.loading import Outputs

__version__ = "0.1.0"
__all__ = ["Outputs", "load", "__version__"]


def load(out_dir: Any) -> "Outputs":
    """Read an extract output folder into DataFrames (pandas is imported only when called)."""
    from pipeline.loading import load as load_outputs

    return load_outputs(out_dir)


def __getattr__(name: str) -> Any:
    if name == "Outputs":
        from pipeline.loading import Outputs

        return Outputs
    raise AttributeError(name)
