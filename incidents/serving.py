"""Settings of a process that serves requests (gunicorn's workers, through `wsgi.py`; the
benchmarks' baseline servers alike), measured with `bench/throughput.py` at a million incidents
(decision 0019):

- `gc.freeze()` once the app is made: the objects made at start (modules, templates,
  SQLAlchemy's mappers) live as long as the process, and the collector no longer walks them at
  each full collection, which paused all of a worker's threads now and then;
- a GIL switch interval of 1 ms (Python's default is 5 ms): a thread whose database answer has
  arrived waits less for the threads rendering pages."""

from __future__ import annotations

import gc
import sys

SWITCH_INTERVAL = 0.001


def settle_server_process() -> None:
    """Apply both, after the application is made (call once, at import of the entry point)."""
    gc.collect()
    gc.freeze()
    sys.setswitchinterval(SWITCH_INTERVAL)
