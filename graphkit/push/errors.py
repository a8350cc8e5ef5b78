"""The error a push raises: one line naming the store (or the graph file) and the problem."""

from __future__ import annotations

from ..errors import GraphkitError

__all__ = ["PushError", "store_error"]


class PushError(GraphkitError):
    """A push failed; ``str()`` is one line ``store URL: problem`` (or ``FILE: problem``)."""

    def __init__(self, where: str, problem: str) -> None:
        self.where, self.problem = where, problem
        super().__init__(f"{where}: {problem}")


def store_error(store: str, problem: str) -> PushError:
    """A PushError about the store at URL ``store``: ``store URL: problem``."""
    return PushError(f"store {store}", problem)
