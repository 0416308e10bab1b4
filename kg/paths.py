"""Where the project's data folders are: beside the package (an editable install)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("KG_HOME", Path(__file__).resolve().parent.parent))
ONTOLOGY = ROOT / "ontology"
QUERIES = ROOT / "queries"
DATA = ROOT / "data"
