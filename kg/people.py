"""People: one canonical spelling per person, from the city's data file.

`PersonResolver(city).canonical(name)` is what the resolve stage (kg/resolved.py) keys a
person by, so a leader named in a chronicle, an editorial board, an appointment or a
responsibility table (责任领导) is one entity. Spellings come from
data/cities/<city>/people.yaml: a variant (OCR error, traditional form) folds onto
its canonical name; spaces inside a name (赵 松) are dropped; anything else is kept
as written, normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.city import City
from kg.errors import InputError
from kg.normalise import normalise
from kg.yamlfile import read_yaml

SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Leader:
    name: str
    variants: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()


@dataclass
class PersonResolver:
    """Canonical names of people for one city."""

    city: City | None = None
    leaders: dict[str, Leader] = field(default_factory=dict)
    spellings: dict[str, str] = field(default_factory=dict)  # any known spelling → canonical name
    title_words: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.city is not None and not self.leaders:
            self._load(Path(self.city.folder) / "people.yaml")

    def _load(self, path: Path) -> None:
        if not path.is_file():
            return
        data = read_yaml(path) or {}
        if not isinstance(data, dict):
            raise InputError(f"{path}: expected a mapping with `leaders`")
        for k, entry in enumerate(data.get("leaders") or []):
            if not isinstance(entry, dict) or not entry.get("name"):
                raise InputError(f"{path}: leader {k + 1} has no name")
            leader = Leader(
                name=SPACES.sub("", str(entry["name"])),  # as printed: the canonical key keeps 鈞 in 张鈞
                variants=tuple(SPACES.sub("", str(v)) for v in entry.get("variants") or []),
                titles=tuple(normalise(str(t)) for t in entry.get("titles") or []),
            )
            self.leaders[leader.name] = leader
            for spelling in (leader.name, *leader.variants):
                self.spellings[self.clean(spelling)] = leader.name
        self.title_words = tuple(normalise(str(t)) for t in data.get("title_words") or [])

    @staticmethod
    def clean(name: str) -> str:
        """The matching form: no spaces, simplified characters (what the normalised text shows)."""
        return normalise(SPACES.sub("", name))

    def canonical(self, name: str) -> str:
        """The entity key of a person named `name` (any spelling the city data knows)."""
        cleaned = self.clean(name)
        return self.spellings.get(cleaned, cleaned)

    def known(self, name: str) -> bool:
        return self.clean(name) in self.spellings

    def surface_forms(self) -> list[str]:
        """Every known spelling in matching form, longest first (for matching normalised text)."""
        return sorted(self.spellings, key=len, reverse=True)
