"""Agency mentions in free prose, found by spaCy: a blank Chinese pipeline whose
EntityRuler holds the city's agency names, aliases and group phrases.

The grammar in responsibilities.py reads a subject that opens a sentence or a
clause. In prose the subject can stand elsewhere (`…时，市委宣传部、市公安局等部门
根据情况…，协助…`). This finder supplies the organisation spans there; a span
run counts only when a role cue follows it closely. Character segmentation is
used: phrase patterns then match inside any token boundary (jieba would miss a
name glued to the next word), at ~1M characters a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import spacy

from kg.city import City

CUE = re.compile(
    r"^(?:等(?:有关|相关)?(?:部门|单位)，?|，(?=按照|根据))?(?:要|应)?(?:(?:按照|根据)职(?:责|能职责)(?:分工)?，?)?(?:分别|具体|共同)?"
    r"(?P<cue>负责|牵头|配合|协助|参与|参加)(?!领导|单位|部门|同志|人)"
)


@dataclass(frozen=True)
class OrgSpan:
    text: str
    start: int
    end: int


_PIPELINES: dict[Path, spacy.language.Language] = {}


def _pipeline(city: City) -> spacy.language.Language:
    """One pipeline per city data folder, built once (not on every clause)."""
    if city.folder not in _PIPELINES:
        nlp = spacy.blank("zh")  # character segmentation: no model, nothing downloaded
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "TEXT"})
        ruler.add_patterns([{"label": "ORG", "pattern": name} for name in city_names(city)])
        _PIPELINES[city.folder] = nlp
    return _PIPELINES[city.folder]


def city_names(city: City) -> tuple[str, ...]:
    """Surface forms of at least three characters: short ones (电信, 移动) are only safe inside lists."""
    forms = set()
    for agency in city.agencies.values():
        for form in (agency.name, agency.short, *agency.aliases):
            if form and len(form) >= 3:
                forms.add(form)
    return tuple(sorted(forms))


def org_spans(text: str, city: City) -> list[OrgSpan]:
    doc = _pipeline(city)(text)
    return [OrgSpan(ent.text, ent.start_char, ent.end_char) for ent in doc.ents]


def subject_runs(text: str, city: City) -> list[tuple[list[OrgSpan], str, int]]:
    """Runs of organisation spans joined only by 、，和及 and followed closely by a role cue:
    (spans, cue, end of the cue)."""
    spans = org_spans(text, city)
    runs: list[tuple[list[OrgSpan], str, int]] = []
    i = 0
    while i < len(spans):
        run = [spans[i]]
        while i + 1 < len(spans) and re.fullmatch(r"[、，和及]", text[run[-1].end : spans[i + 1].start]):
            i += 1
            run.append(spans[i])
        m = CUE.match(text[run[-1].end :])
        if m:
            runs.append((run, m.group("cue"), run[-1].end + m.end()))
        i += 1
    return runs
