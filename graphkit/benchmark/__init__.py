"""Benchmarks: stage timings and memory (``stages``) and a generated national corpus (``corpus``)."""

from __future__ import annotations

from .corpus import generate_corpus
from .stages import run_bench

__all__ = ["generate_corpus", "run_bench"]
