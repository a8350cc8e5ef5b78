"""``python -m graphkit``."""

from .cli import main

main()
