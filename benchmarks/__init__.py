"""Benchmarks behind `invoke bench` (see run.py). The project's plugins are
importable from here on, as they are in Pelican's build."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))
