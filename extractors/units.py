"""Unit lists: `市发展改革委、市财政局，各县、市、区人民政府等` → one mention per unit.

The grammar, not a word list: split at top-level separators (、，；和 及 以及),
never inside brackets or names; a piece of one character is the tail of a
flattened bracket (各县、市、区人民政府) and rejoins its neighbours; a shared
suffix distributes over bare items (麒麟区、沾益区、马龙区人民政府); trailing
等/等部门 and the like go. Offsets index the input, so each unit keeps its own
provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE = "（(《“〔「", "）)》”〕」"
SEPARATORS = "、，；,;"
ORG_SUFFIX = re.compile(
    r"(?:局|委|办|厅|部|院|会|中心|公司|政府|管委会|党委|党工委|队|站|所|行|社|台|室|校|团|处|组|区|县|市|馆|部门|单位|机关|机构|企业|支队|分局|集团|协会|联合会|学院|医院|银行|海关|法院|检察院|指挥部|小组|街道|乡镇|业主|组织|科|园|署|总社|方面)$"
)
TRAILING = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位|成员单位)?|各自|分别|共同|具体|要|按照?职责分工|按照?职能职责)$")
LEADING = re.compile(r"^(?:由|请|并由|会同|同时由|以)")
PAIRED = re.compile(r"^(?P<place>.{2,12}?)(?P<a>党委|党工委)和(?P<b>人民政府|政府|管委会)$")
SHARED_SUFFIXES = ("人民政府", "分公司", "行政主管部门", "主管部门", "行政部门", "部门", "党委", "管委会")


@dataclass(frozen=True)
class Unit:
    text: str
    start: int  # offsets into the parsed string; for an expanded unit, the span it was built from
    end: int


def top_level_spans(text: str, separators: str) -> list[tuple[int, int]]:
    """Spans between separators that stand outside brackets, quotes and book titles."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in separators:
            pieces.append((start, i))
            start = i + 1
    pieces.append((start, len(text)))
    return pieces


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    m = LEADING.match(piece)
    if m:
        start += m.end()
    while True:
        piece = text[start:end]
        m = TRAILING.search(piece)
        if not m or m.start() == 0:
            break
        end = start + m.start()
    while start < end and text[start] in " 　":
        start += 1
    return start, end


def _split_and(text: str, start: int, end: int, is_unit) -> list[tuple[int, int]]:
    """Split on 和/及/以及 only where both sides are whole units."""
    piece = text[start:end]
    for m in re.finditer(r"以及|和|及", piece):
        left, right = piece[: m.start()], piece[m.end() :]
        if (ORG_SUFFIX.search(left) or is_unit(left)) and (is_unit(right) or ORG_SUFFIX.search(right) and (right[:1] in "市县区各省中有" or ORG_SUFFIX.search(left[-1:] + "") and len(right) >= 4)):
            return _split_and(text, start, start + m.start(), is_unit) + _split_and(text, start + m.end(), end, is_unit)
    return [(start, end)]


def _join_known(text: str, spans: list[tuple[int, int]], is_unit) -> list[tuple[int, int]]:
    """Pieces that together spell a known unit (中央、国家和省驻曲行政企事业单位) stay one,
    when a piece could not stand on its own (a list of real units is still split)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        if is_unit(text[spans[i][0] : spans[i][1]]) or spans[i][1] - spans[i][0] > 2:
            out.append(spans[i])
            i += 1
            continue
        for j in range(min(len(spans), i + 6) - 1, i, -1):
            if is_unit(text[spans[i][0] : spans[j][1]]):
                out.append((spans[i][0], spans[j][1]))
                i = j + 1
                break
        else:
            out.append(spans[i])
            i += 1
    return out


def split_units(text: str, is_unit=lambda s: False, city_names: tuple[str, ...] = ()) -> list[Unit]:
    """The units of a list, in order. `is_unit` tells a known unit name (from city data);
    `city_names` (曲靖) let a branch suffix like 曲靖分公司 distribute whole."""
    spans = top_level_spans(text, SEPARATORS)
    # A one-character piece is inside a flattened bracket (各县、市、区人民政府,
    # 市直各委、办、局): it and the piece after it rejoin the piece before.
    merged: list[tuple[int, int]] = []
    glue_next = False
    for s, e in spans:
        single = e - s == 1
        if merged and (single or glue_next):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
        glue_next = single
    merged = _join_known(text, merged, is_unit)
    units: list[Unit] = []
    for s, e in merged:
        s, e = _strip(text, s, e)
        if s >= e:
            continue
        paired = PAIRED.match(text[s:e])
        if paired:
            units.append(Unit(paired.group("place") + paired.group("a"), s, e))
            units.append(Unit(paired.group("place") + paired.group("b"), s, e))
            continue
        for a, b in _split_and(text, s, e, is_unit):
            a, b = _strip(text, a, b)
            if a < b:
                units.append(Unit(text[a:b], a, b))
    shared = re.search(r"等(?P<kind>行政主管部门|主管部门|行政部门|部门|单位)$", text)
    if shared and units and not ORG_SUFFIX.search(units[-1].text):
        # 工业和信息化、公安、消防救援等部门: the kind after 等 belongs to every item
        last = units[-1]
        units[-1] = Unit(last.text + shared.group("kind"), last.start, last.end)
    suffixes = tuple(f"{c}分公司" for c in city_names) + SHARED_SUFFIXES
    return _distribute_prefix(_distribute_suffix(units, is_unit, suffixes, city_names), is_unit)


def _distribute_prefix(units: list[Unit], is_unit) -> list[Unit]:
    """`曲靖市住房城乡建设局、发展改革委、财政局`: the first item's city prefix belongs to the bare items after it."""
    if not units:
        return units
    m = re.match(r"^[\u4e00-\u9fff]{2,3}市(?=[\u4e00-\u9fff]{2})", units[0].text)
    if not m:
        return units
    prefix = m.group(0)
    out = [units[0]]
    for u in units[1:]:
        own_place = re.match(r"^(?:市(?!场)|县|区|省|各|团|中共|有关)", u.text) or re.match(r"^[\u4e00-\u9fff]{1,3}[市县区]", u.text)
        if not own_place and not u.text.startswith(prefix) and is_unit(prefix + u.text):
            u = Unit(prefix + u.text, u.start, u.end)
        out.append(u)
    return out


def _distribute_suffix(units: list[Unit], is_unit, suffixes: tuple[str, ...], city_names: tuple[str, ...]) -> list[Unit]:
    """`麒麟区、沾益区、马龙区人民政府`: bare items before an item with a shared suffix take it."""
    out = list(units)
    for i in range(len(out) - 1, 0, -1):
        last = out[i]
        suffix = next((sfx for sfx in suffixes if last.text.endswith(sfx) and len(last.text) > len(sfx)), None)
        if not suffix:
            continue
        j = i - 1
        # a district is a government itself: 甲区、乙区和某新区管委会 are three bodies
        while j >= 0 and _bare(out[j].text, is_unit, city_names) and not (suffix in ("管委会", "分公司") and out[j].text.endswith(("区", "县"))):
            j -= 1
        for k in range(j + 1, i):
            out[k] = Unit(out[k].text + suffix, out[k].start, out[k].end)
        # the last item's own head may be a 和-list of bare words: 联通和广电网络曲靖分公司
        head = last.text[: -len(suffix)]
        if "和" in head:
            parts = head.split("和")
            if all(_bare(p, is_unit, city_names) for p in parts):
                out[i : i + 1] = [Unit(p + suffix, last.start, last.end) for p in parts]
    return out


def _bare(text: str, is_unit, city_names: tuple[str, ...] = ()) -> bool:
    """A short item with no organisation suffix of its own (沾益区 is a place, 移动 a brand)."""
    if is_unit(text) and not re.search(r"[区县市]$", text):
        return len(text) <= 4 and not ORG_SUFFIX.search(text) and not text.startswith(("市", "省", "县", "区", "各", "团", "中共", *city_names))
    return 1 < len(text) <= 6 and (not ORG_SUFFIX.search(text) or re.search(r"[区县市]$", text) is not None) and not text.startswith("市")
