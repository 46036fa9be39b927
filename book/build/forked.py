"""Work handed to a forked child while the parent goes on, so that a second core writes one
chapter's PDF while the first lays out the next. A fork, not a process pool: the child starts
with the laid-out pages already in its memory, and WeasyPrint's pages cannot be pickled."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

Produce = Callable[[Path], None]  # writes its result to the path it is given


class Forked:
    """Runs at most `limit` children at a time (one fewer than the cores, so the parent keeps
    one); with no core to spare, or no fork, the work is done in the parent when submitted.
    Used as a context manager: on leaving it, children still running are stopped."""

    def __init__(self, limit: int | None = None):
        spare = max((os.cpu_count() or 1) - 1, 0)
        self.limit = spare if limit is None else limit
        if not hasattr(os, "fork"):
            self.limit = 0
        self.running: list[_Child] = []
        if self.limit:
            remove_orphans()

    def submit(self, produce: Produce) -> Callable[[], bytes]:
        """Start `produce`; the function returned waits for it and gives the bytes it wrote."""
        if self.limit == 0:
            data = _produced(produce)
            return lambda: data
        while len(self.running) >= self.limit:
            self.running[0].result()
        child = _Child(produce, self)
        self.running.append(child)
        return child.result

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc) -> None:
        for child in list(self.running):
            child.stop()


class _Child:
    def __init__(self, produce: Produce, forked: Forked):
        self.produce: Produce | None = produce
        self.forked = forked
        self.data: bytes | None = None
        fd, name = tempfile.mkstemp(prefix=f"{PREFIX}{os.getpid()}-", suffix=".part")
        os.close(fd)
        self.path = Path(name)
        self.log = self.path.with_suffix(".log")
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # the child: produce, and leave without running the parent's cleanup
            code = 1
            try:
                _die_with(parent)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                with _logged_to(self.log):
                    produce(self.path)
                code = 0
            finally:
                os._exit(code)

    def result(self) -> bytes:
        if self.data is None:
            _, status = os.waitpid(self.pid, 0)
            self.forked.running.remove(self)
            try:
                self.data = self.path.read_bytes() if status == 0 else None
                if self.data is not None:
                    _relog(self.log)
            finally:
                self.path.unlink(missing_ok=True)
                self.log.unlink(missing_ok=True)
            if self.data is None:  # the child failed: do it again here, where an error can be reported
                assert self.produce is not None
                self.data = _produced(self.produce)
            self.produce = None  # what it held (a chapter's laid-out pages) can go
        return self.data

    def stop(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        self.forked.running.remove(self)
        self.path.unlink(missing_ok=True)
        self.log.unlink(missing_ok=True)


PREFIX = "book-"  # a child's files are named book-<parent pid>-…: a dead parent's can go


def _die_with(parent: int) -> None:
    """A parent killed outright (SIGKILL runs no cleanup) takes its children with it: the kernel
    sends them SIGKILL (Linux's PR_SET_PDEATHSIG), so none goes on writing for nobody."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the parent's `with` still stops them on any exit it sees
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


PR_SET_PDEATHSIG = 1


def remove_orphans() -> None:
    """The files of children whose parent was killed: removed by the next build that forks."""
    for path in Path(tempfile.gettempdir()).glob(f"{PREFIX}*-*.*"):
        pid = path.name[len(PREFIX):].split("-", 1)[0]
        if pid.isdigit() and path.suffix in (".part", ".log") and not _alive(int(pid)):
            try:
                if path.is_file() and not path.is_symlink():
                    path.unlink()
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: alive all the same
    return True


def _produced(produce: Produce) -> bytes:
    fd, name = tempfile.mkstemp(prefix=f"{PREFIX}{os.getpid()}-", suffix=".part")
    os.close(fd)
    path = Path(name)
    try:
        produce(path)
        return path.read_bytes()
    finally:
        path.unlink(missing_ok=True)


# What the child's libraries log would die with it: it is kept in a file and logged again in the
# parent when the result is taken, where the build hears it (errors.heard).
LOGGERS = ("weasyprint",)


@contextmanager
def _logged_to(path: Path):
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(name)s\t%(levelno)s\t%(message)s"))
    for name in LOGGERS:
        logging.getLogger(name).addHandler(handler)
    try:
        yield
    finally:
        handler.close()


def _relog(path: Path) -> None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    for line in lines:  # a message's own further lines do not parse and are left out
        parts = line.split("\t", 2)
        if len(parts) == 3 and parts[0] in LOGGERS and parts[1].isdigit():
            logging.getLogger(parts[0]).log(int(parts[1]), "%s", parts[2])
