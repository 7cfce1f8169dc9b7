"""policy-events: articles in, entities, TIMEX3 dates, relations and PLOVER events out."""
__version__ = "0.1.0"
