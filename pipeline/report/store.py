"""Per-document access to big JSONL files: one indexing pass, then seek to a document's lines."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import IO, Any

from pipeline.loading import parse_line


class JsonlIndex:
    """Byte offsets of every record line of one JSONL file, grouped by doc_id.

    Memory grows with the number of records (one int each), not their size.
    """

    def __init__(self, path: Path, bad_lines: list[str]) -> None:
        self.offsets: dict[str, list[int]] = defaultdict(list)
        self._stream: IO[bytes] | None = path.open("rb") if path.is_file() else None
        if self._stream is None:
            return
        offset = 0
        for number, line in enumerate(self._stream, 1):
            record = parse_line(line) if line.strip() else None
            if record is not None:
                self.offsets[record["doc_id"]].append(offset)
            elif line.strip():
                bad_lines.append(f"{path.name}:{number}")
            offset += len(line)

    def count(self, doc_id: str) -> int:
        """Number of records of one document."""
        return len(self.offsets.get(doc_id, ()))

    def records(self, doc_id: str) -> list[dict[str, Any]]:
        """The records of one document, in file order."""
        found = []
        if self._stream is not None:
            for offset in self.offsets.get(doc_id, ()):
                self._stream.seek(offset)
                found.append(parse_line(self._stream.readline()))
        return found

    def close(self) -> None:
        """Close the file."""
        if self._stream is not None:
            self._stream.close()
