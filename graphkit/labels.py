"""The gold scorer's label normaliser: ``graphkit.names.norm`` in its ``"plain"`` form.

Kept as an import path for the evaluation code; the implementation lives in ``graphkit.names``.
"""

from __future__ import annotations

from .names import norm

__all__ = ["norm"]
