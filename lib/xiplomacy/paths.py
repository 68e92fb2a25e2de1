"""Where things are: every path in the package comes from here.

The project root is found from this file's location (``lib/xiplomacy/paths.py``), so
code works from any working directory, in notebooks, tests and papermill runs alike.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW = DATA / "raw"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
REPORTS_CONFIG = ROOT / "reports.yml"
QUARANTINE = ROOT / "quarantine"
