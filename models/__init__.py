"""Data package: patterns, gazetteers and rule tables (installed as pipeline.models)."""
