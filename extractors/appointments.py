"""Personnel decisions → Appointment records, in any text that states them.

The verb-led grammar of decisions, read in every paragraph of every kind of text
(a gazette's 人事任免, a news report of a people's congress, a chronicle entry):

- appoint: `任命A、B为X，C为Y` (one verb shared by the items after it), `决定任命…`,
  `选举(出)A(同志)为X`, `补选…`, `决定A为代理X`, `关于A同志为X的决定`;
- remove: `免去A(同志)(的)X职务`, `分别免去A的X、Y职务；B的Z职务`, `决定免去A、B的X职务`,
  `接受/同意A(请求)辞去X(职务)`, `A的X职务相应终止`, and `…接受其辞职` after `A提出辞去X职务`;
- bills: `A等6名同志的免职议案`, `A、B两名同志的任职议案` (the post is not given).

A request alone (`A提出辞去X职务`) is not a decision. Inside an appointments document
(人事任免, 文号 …任〔…〕) the line form `A任X。` / `A免去X职务。` is read too: elsewhere
that form is a headline restating a decision, not one. Names are returned as printed; the
resolve stage (kg.resolved) finds the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import register
from extractors.entries import covered
from extractors.units import top_level_spans
from extractors.people import COMPOUND_SURNAMES, common_word, is_plausible_name, name_at, organisation_of
from kg.city import City
from kg.patterns import DOC_NUMBER
from kg.people import PersonResolver
from kg.provenance import span_prov
from kg.records import Issue
from kg.records.events import Appointment

NAME = "appointments"

NAME_FIRST = re.compile(r"^(?:同志)?(?P<act>免去|任)(?P<post>[^。；]+?)(?:职务)?[。；]?$")
# not a proposal (拟任命, 提请任命, 建议免去: a notice before the decision)
NOT_DECIDED = r"(?<!拟)(?<!提请)(?<!建议)(?<!提名)"
APPOINT_VERB = re.compile(rf"{NOT_DECIDED}(?:决定|批准)?(?:任命|聘任|选举出|选举|补选|增补|推选)[：:]?|{NOT_DECIDED}决定(?=[\u4e00-\u9fff]{{2,4}}(?:同志)?为)")
REMOVE_VERB = re.compile(rf"{NOT_DECIDED}(?:决定|批准)?(?:分别)?(?:免去|撤销|罢免)[：:]?")
# 接受李明同志请求辞去市水务局局长职务的决定; 同意王强辞去区政协副主席的决定
ACCEPTED = re.compile(r"(?:接受|同意|批准)(?P<names>[^，。；、]{2,5}?)(?:同志)?(?:请求|申请)?辞去(?P<post>[^，。；]+?)(?:职务)?(?=的决定|的请求|[，。；]|$)")
# 关于刘洋同志为某市人民政府代理市长的决定
ABOUT = re.compile(r"关于(?:任命)?(?P<names>[^，。；《》]{2,5}?)(?:同志)?为(?P<post>[^，。；《》]+?)的决定")
REQUEST = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,12}?)(?:同志)?(?:提出|请求)辞去(?P<post>[^，。；]+?)职务")
ACCEPT_IT = re.compile(r"(?:接受|同意|批准)(?:其|他|她)(?:的)?辞职")
ENDED = re.compile(r"(?P<names>[\u4e00-\u9fff、]{2,20}?)的(?P<post>[^，。；]+?)职务(?:相应|自然|依法)?终止")
BILL = re.compile(r"(?P<names>[\u4e00-\u9fff、]{2,30}?)(?:同志)?(?:等\d+名|[两二三四五六七八九十\d]+(?:名|位))?同志的(?P<act>免职|任职)议案")
COUNT = r"(?:[两二三四五六七八九十\d]+(?:位|名)同志|同志)"
# one item after a shared verb: `A、B(两位同志)为X` or `A(的)X职务`
APPOINT_ITEM = re.compile(rf"(?P<names>[\u4e00-\u9fff、]{{2,40}}?){COUNT}?为(?P<post>[^，。；（(]+)")
REMOVE_ITEM = re.compile(r"(?P<names>[\u4e00-\u9fff、]{2,40}?)(?:同志)?(?P<of>的)(?P<post>[^，。；（(]+?)职务")
GLUED_ITEM = re.compile(r"(?P<names>[\u4e00-\u9fff]{2,4}?)(?:同志)?(?P<post>[^，。；（(的]+?)职务")
# where a post may begin when no 的 separates it from the name: 免去陈立省政府副秘书长职务 (but not 曲靖|市行政学院:
# the dictionary knows 曲靖市 as a place, so that is a place and a post, not a name and a post)
POST_START = re.compile(r"^(?:[省市县区镇乡州]|中共|中国|国务院|全国|政协|人大|党)")


@dataclass(frozen=True)
class Decision:
    start: int  # of the name
    end: int
    name: str  # matching form
    action: str  # appoint | remove
    post: str | None
    span: tuple[int, int]  # the whole decision, for telling its people from an event's


def _names(text: str, base: int) -> list[tuple[int, str]]:
    """`A、B、C` → names with their offsets, or [] when any item is no name."""
    out: list[tuple[int, str]] = []
    pos = 0
    for item in text.split("、"):
        if not is_plausible_name(item, strict=False):
            return []
        out.append((base + pos, item))
        pos += len(item) + 1
    return out


def _tail_names(text: str, base: int) -> list[tuple[int, str]]:
    """The list of names a run of words ends with: `会议表决通过了王兰俊` → 王兰俊,
    `审议通过了门少起、徐立山` → 门少起, 徐立山 (the first item may carry words before its name)."""
    items = text.split("、")
    head = items[0]
    for n in (4, 3, 2):
        if len(head) >= n and is_plausible_name(head[-n:], strict=False) and (n < 4 or head[-n:][:2] in COMPOUND_SURNAMES):
            cut = len(head) - n
            return _names(text[cut:], base + cut)
    return []


def _glued_name(text: str) -> int:
    """The length of the name opening `text` when a post follows with no 的 (陈立省政府副秘书长)."""
    lengths = (4, 3) if text[:2] in COMPOUND_SURNAMES else (3, 2)
    for n in lengths:
        if is_plausible_name(text[:n]) and POST_START.match(text[n:]) and not common_word(text[:n]) and not common_word(text[: n + 1]):
            return n
    return 0


def _items(text: str, at: int, action: str) -> list[Decision]:
    """The items a shared verb governs, from `at` on, each ended by `，` or `；`."""
    out: list[Decision] = []
    pos = at
    begin = at
    while pos < len(text):
        seg_end = pos + len(re.split(r"[，；。]", text[pos:], maxsplit=1)[0])
        seg = text[pos:seg_end]
        m = APPOINT_ITEM.match(seg) if action == "appoint" else (REMOVE_ITEM.match(seg) or GLUED_ITEM.match(seg))
        found: list[tuple[int, str, str]] = []
        if m:
            names_text, post = m.group("names"), m.group("post").strip()
            if action == "remove" and "of" not in m.groupdict():
                glued = _glued_name(seg)
                names = [(pos, seg[:glued])] if glued else []
                post = seg[glued : seg.rfind("职务")] if glued else post
            else:
                names = _names(re.sub(r"同志$", "", names_text), pos)
            found = [(p, n, post) for p, n in names]
        if not found:
            break
        out.extend(Decision(p, p + len(n), n, action, post or None, (begin, seg_end)) for p, n, post in found)
        pos = seg_end + 1
    return out


def decisions(text: str) -> list[Decision]:
    """Every personnel decision stated in a paragraph (normalised text)."""
    out: list[Decision] = []
    for verb, action in ((APPOINT_VERB, "appoint"), (REMOVE_VERB, "remove")):
        for m in verb.finditer(text):
            out.extend(_items(text, m.end(), action))
    # Each pattern needs a literal word; without it, skip the pattern's scan of every position.
    resigns, ends, bills = "辞" in text, "终止" in text, "议案" in text
    for m in ACCEPTED.finditer(text) if resigns else ():
        for p, n in _names(m.group("names"), m.start("names")):
            out.append(Decision(p, p + len(n), n, "remove", m.group("post"), (m.start(), m.end())))
    for m in ABOUT.finditer(text) if "的决定" in text else ():
        for p, n in _names(m.group("names"), m.start("names")):
            out.append(Decision(p, p + len(n), n, "appoint", m.group("post"), (m.start(), m.end())))
    for m in ACCEPT_IT.finditer(text) if resigns else ():
        asked = [(r, _tail_names(r.group("name"), r.start("name"))) for r in REQUEST.finditer(text, 0, m.start())]
        asked = [(r, names) for r, names in asked if len(names) == 1]
        if asked:
            r, ((p, n),) = asked[-1]
            out.append(Decision(p, p + len(n), n, "remove", r.group("post"), (r.start(), m.end())))
    for m in ENDED.finditer(text) if ends else ():
        for p, n in _tail_names(m.group("names"), m.start("names")):
            out.append(Decision(p, p + len(n), n, "remove", m.group("post"), (m.start(), m.end())))
    for m in BILL.finditer(text) if bills else ():
        for p, n in _tail_names(m.group("names"), m.start("names")):
            out.append(Decision(p, p + len(n), n, "remove" if m.group("act") == "免职" else "appoint", None, (m.start(), m.end())))
    return _distinct(sorted(out, key=lambda d: d.start))


def _distinct(found: list[Decision]) -> list[Decision]:
    """One decision stated twice in a paragraph (a resolution's title, then its words: `关于A同志为
    X省代理省长的决定》，决定A为代理省长`) is one: same person and action, one post ends the other."""
    out: list[Decision] = []
    for d in found:
        same = [o for o in out if o.name == d.name and o.action == d.action]
        if any(o.post == d.post or (o.post and d.post and (o.post.endswith(d.post) or d.post.endswith(o.post))) for o in same):
            continue
        out.append(d)
    return out


def decision_spans(text: str) -> list[tuple[int, int]]:
    return [d.span for d in decisions(text)]


def is_appointments(doc) -> bool:  # type: ignore[no-untyped-def]
    """A document of personnel decisions: 人事任免, a 文号 …任〔…〕, or a title about 任免 / 任职 / 免职."""
    return doc.kind == "appointments" or bool(doc.number and re.search(r"任〔", doc.number)) or bool(re.search(r"任免|任职|免职", doc.title or ""))


def read_line(text: str, known: list[str]) -> tuple[str, str, str] | None:
    """(name, action, post) from one line of an appointments document (`A任X。`), or None."""
    if DOC_NUMBER.search(text):
        return None
    name = name_at(text, 0, known)
    if not name:
        return None
    m = NAME_FIRST.match(text[len(name):])
    if not m:
        return None
    return name, "appoint" if m.group("act") == "任" else "remove", m.group("post")


def listing_lines(text: str, known: list[str], heading: str = "") -> list[Decision]:
    """Decisions of an appointments document written without a verb before each name: `A任X。`, a
    paragraph `经研究决定：A同志任X；免去其Y职务。` (其 is the person just named), or, under a heading
    `任命：` / `免去：` (`heading` is its action), lines `A为X` / `A的X职务`."""
    if heading:
        return _items(text.lstrip("：:"), 0, heading)
    out: list[Decision] = []
    last = ""
    for a, b in top_level_spans(text, "；。"):
        piece = text[a:b]
        start = a + (piece.index("：") + 1 if "：" in piece and not name_at(piece, 0, known) else 0)
        piece = text[start:b]
        pronoun = re.match(r"^(?:同时)?免去其(?:的)?(?P<post>[^；。]+?)职务", piece)
        if pronoun and last:
            out.append(Decision(start, start, last, "remove", pronoun.group("post"), (start, b)))
            continue
        read = read_line(piece, known)
        if read:
            last = read[0]
            out.append(Decision(start, start + len(read[0]), read[0], read[1], read[2], (start, b)))
    return out


HEADING_VERB = re.compile(r"^(?:决定)?(?P<verb>任命|聘任|免去|免职|任职)[：:]?$")


@register(NAME)
def extract(issue: Issue, city: City) -> list:
    known = PersonResolver(city).surface_forms()  # recognition only
    records: list = []
    listing = {i for doc in issue.documents if is_appointments(doc) for i in range(doc.block_start, doc.block_end)}
    number_of = {i: doc.number for doc in issue.documents for i in range(doc.block_start, doc.block_end)}
    inside = covered(issue)
    heading = ""
    for i, block in enumerate(issue.blocks):
        if block.cells or i not in inside:
            continue
        if i not in listing:
            heading = ""
        verb = HEADING_VERB.match(block.str) if i in listing else None
        if verb:
            heading = "remove" if verb.group("verb") in ("免去", "免职") else "appoint"
            continue
        number = number_of.get(i)
        m = DOC_NUMBER.fullmatch(number or "")
        year = int(m.group("year")) if m else None
        found = [(d.name, d.action, d.post, block.text[d.start : d.end]) for d in decisions(block.str)]
        if not found and i in listing:
            found = [(d.name, d.action, d.post, block.text[d.start : d.end] if d.end > d.start else block.text)
                     for d in listing_lines(block.str, known, heading)]
        for name, action, post, where in found:
            printed = "".join(span_prov(issue.file, issue.lines, where, NAME).quote.split())
            mention = printed if len(printed) == len(name) else name
            records.append(Appointment(
                doc_number=number, mention=mention, action=action, post=post or "",
                organisation=organisation_of(post or "", own_prefixes=()), year=year, period=issue.period or "",
                prov=span_prov(issue.file, issue.lines, block.text, NAME),
            ))
    return records
