"""The knowledge base a running bot answers from, reloaded when curators edit it.

A reload that fails `kb check` is rejected: its problems are logged and the last good knowledge
base keeps answering. A bot never stops answering because of a bad edit.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path
from typing import Any

from bot import kb
from bot.engine import Engine
from bot.kb.problems import KBError, Level

log = logging.getLogger(__name__)


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap change detection: every YAML file's name, size and modification time."""
    out = []
    for path in sorted(folder.rglob("*.yaml")):
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


class LiveKnowledge:
    """Holds the current Engine; `engine` is always a complete, checked knowledge base."""

    def __init__(self, kb_dir: Path | None = None) -> None:
        self.kb_dir = kb_dir or kb.default_dir()
        self._lock = threading.Lock()
        self._stamp = _fingerprint(self.kb_dir)
        loaded, problems = kb.read(self.kb_dir)
        if loaded is None:
            raise KBError(problems)  # refuse to start on an invalid knowledge base
        self._engine = Engine(loaded)
        self.loaded_at = dt.datetime.now(dt.UTC)
        self.rejected: list[str] = []  # the last rejected edit's problems, for /healthz

    @property
    def engine(self) -> Engine:
        return self._engine

    def changed(self) -> bool:
        return _fingerprint(self.kb_dir) != self._stamp

    def reload(self) -> bool:
        """Load the knowledge base again; True if the new one is now answering."""
        with self._lock:
            stamp = _fingerprint(self.kb_dir)
            loaded, problems = kb.read(self.kb_dir)
            self._stamp = stamp  # a rejected edit is not retried until the files change again
            if loaded is None:
                errors = [str(p) for p in problems if p.level is Level.ERROR]
                self.rejected = errors
                log.error(
                    "knowledge base edit rejected, still answering from version %s:\n%s",
                    self._engine.kb.version,
                    "\n".join(errors),
                )
                return False
            if loaded.version == self._engine.kb.version:
                return False
            self._engine = Engine(loaded)
            self.loaded_at = dt.datetime.now(dt.UTC)
            self.rejected = []
            log.info("knowledge base reloaded: version %s", loaded.version)
            return True

    def reload_if_changed(self) -> bool:
        return self.reload() if self.changed() else False

    def status(self) -> dict[str, Any]:
        engine = self._engine
        return {
            "kb_version": engine.kb.version,
            "kb_loaded_at": self.loaded_at.isoformat(timespec="seconds"),
            "counts": engine.kb.counts(),
            "rejected_edit": self.rejected,
        }
