"""Benchmarks: stage timings and memory (``stages``), a generated national corpus (``corpus``),
the network view on synthetic national networks (``network``, ``view``) and how long its page
takes to settle in Chromium (``browser``)."""

from __future__ import annotations

from .corpus import generate_corpus
from .stages import run_bench

__all__ = ["generate_corpus", "run_bench"]
