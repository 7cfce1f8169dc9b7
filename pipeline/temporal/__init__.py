"""Rule-based temporal expression tagger and TIMEX3 normaliser (HeidelTime-style, no spaCy).

Rule tables live in models/temporal/ (TSV); the engine is generic:

    from pipeline.temporal import Timex, find_timexes, infer_dct
"""
from .anchor import infer_dct
from .finder import Tagger, Timex, find_timexes

__all__ = ["Timex", "find_timexes", "infer_dct", "Tagger"]
