"""The scorer behind `score`: compare an `extract` output folder with gold files.

    results = score_run(pred_dir, gold_paths)   # JSON-serialisable dict
    print(render_table(results))
"""
from .report import render_table
from .run import score_run

__all__ = ["score_run", "render_table"]
