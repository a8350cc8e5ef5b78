"""Child processes that never outlive their parent.

``die_with_parent(parent_pid)`` is meant as (part of) a worker's initializer: on Linux it asks
the kernel to send SIGKILL to the worker when the parent goes away, whatever ended the parent
(SIGKILL included), then checks that the parent had not already gone before the request.
Elsewhere it does nothing (the worker then ends when its pipe to the parent closes).

The kernel signals when the *thread* that started the worker ends: start workers from a
thread that lives as long as the pool (the main thread, as ``ProcessPoolExecutor`` does when
it starts all workers up front).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

__all__ = ["die_with_parent"]

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Make this process end (SIGKILL) when the process ``parent_pid`` ends."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent_pid:  # the parent ended before the request was in place
        os._exit(1)
