"""Blocks → an issue: its front matter, its documents and the parts between them.

Documents are found by their 文号 line and the title printed above it, not by
position, so an issue whose layout we have never seen still splits the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.layout import CHRONICLE_ENTRY, Block, Layout, build_layout
from kg.normalise import NText, quote
from kg.patterns import (
    DATE,
    DATE_LINE,
    DOC_NUMBER,
    DOC_NUMBER_LINE,
    ISSUER_TITLE,
    MONTH_HEADING,
    TITLE_END,
    TOC_ENTRY,
    numbering,
    parse_date,
    split_names,
)
from kg.read import SourceFile, numbered
from kg.records import (
    Attachment,
    BoardMember,
    Document,
    Issue,
    Part,
    Provenance,
    Reference,
    Section,
    Table,
    TocEntry,
    Warning_,
)

EXTRACTOR = "segment"
BOARD_ROLES = ("编委副主任", "编委主任", "编委成员", "副主编", "主编", "责任编辑")
PERIOD = re.compile(r"^(?P<y>(?:19|20)\d\d)[.·](?P<m>\d{1,2})$|^(?P<y2>(?:19|20)\d\d)年第(?P<n>\d{1,3})期$")
GAZETTE_NAME = re.compile(r"^(?P<name>.{2,30}?公报)")
ORG_END = re.compile(r"(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|厅|委|部|院|中心|公司|小组|指挥部)$")
TOC_PAGE = re.compile(r"^[.…· ]*(?P<page>\d{1,3})$")
PLAN_TITLE = re.compile(r"(?:印发|公布|转发)(?P<plan>.+?)(?:等\d+个文件)?的(?:通知|决定)$")
ATTACHMENT = re.compile(r"^附件(?P<label>\d*)[：:]?(?P<rest>.*)$")
ITEM = re.compile(r"^(?P<label>\d{1,2})[.、](?P<title>.+)$")


@dataclass(frozen=True)
class IssueContext:
    """What a part of an issue (kg/pipeline/parts.py) takes from the whole issue so that its
    documents read as they do in the whole: the front matter, the period (which may come from the
    chronicle, in the last part), how many documents come before the part, and whether the
    chronicle may be in it (it is looked for after the issue's last document only)."""

    gazette: str | None
    period: str | None
    board: tuple[BoardMember, ...]
    toc: tuple[TocEntry, ...]
    prov: Provenance  # the issue's first block
    before: int  # documents of the issue before the part
    last: bool  # the part ends the issue


class Segmenter:
    def __init__(self, source: SourceFile, layout: Layout | None = None, context: IssueContext | None = None) -> None:
        self.source = source
        self.layout = layout or build_layout(source.lines)
        self.blocks = list(self.layout.blocks)
        self.warnings: list[Warning_] = list(source.warnings)
        self.context = context

    # -- provenance -------------------------------------------------------
    def prov(self, text: NText) -> Provenance:
        first, last = text.lines()
        return Provenance(self.source.path, first, last, quote(self.source.lines, text.origin), EXTRACTOR)

    def prov_blocks(self, start: int, end: int) -> Provenance:
        return self.prov(NText.join([b.text for b in self.blocks[start:end]], "\n"))

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Warning_(self.source.path, line, message))

    # -- the issue --------------------------------------------------------
    def _anchors(self) -> list[int]:
        return [i for i, b in enumerate(self.blocks) if not b.cells and DOC_NUMBER_LINE.match(b.str)]

    def _split_glued_titles(self) -> None:
        """A title line glued by the layout onto the line above it (the end of the
        previous document, say) is cut off again where a `X关于…` title begins."""
        for anchor in reversed(self._anchors()):
            for j in range(anchor - 1, max(anchor - 4, -1), -1):
                b = self.blocks[j]
                tail = "".join(x.str for x in self.blocks[j + 1 : anchor])
                if b.cells or ISSUER_TITLE.match(b.str + tail):
                    break
                origin = b.text.origin
                cut = next((k for k in range(1, len(origin)) if origin[k][0] != origin[k - 1][0] and ISSUER_TITLE.match(b.str[k:] + tail)), None)
                if cut:
                    self.blocks[j : j + 1] = [Block(b.text[:cut]), Block(b.text[cut:])]
                    break

    def _documents(self) -> tuple[list[int], list[int]]:
        """The blocks holding a 文号, and where each document begins (its title)."""
        self._split_glued_titles()
        anchors = self._anchors()
        return anchors, [self._title_start(i) for i in anchors]

    def front(self) -> tuple[str | None, str | None, list[BoardMember], list[TocEntry], Provenance]:
        """The issue's front matter (gazette, period, board, table of contents) and first block: the
        part of an issue's context its first part tells."""
        _, starts = self._documents()
        return *self._front_matter(starts[0] if starts else 0), self.prov_blocks(0, 1)

    def chronicle_period(self) -> str | None:
        """The period the chronicle's month heading gives: the part of an issue's context its last part tells."""
        anchors, _ = self._documents()
        chronicle = self._chronicle_start(anchors[-1] if anchors else 0)
        return None if chronicle is None else self._period_from_chronicle(chronicle)

    def run(self) -> Issue:
        ctx = self.context
        anchors, starts = self._documents()
        chronicle = self._chronicle_start(anchors[-1] if anchors else 0) if ctx is None or ctx.last else None
        before = ctx.before if ctx else 0
        documents: list[Document] = []
        for k, (anchor, start) in enumerate(zip(anchors, starts)):
            end = starts[k + 1] if k + 1 < len(starts) else (chronicle if chronicle is not None else len(self.blocks))
            documents.append(self._document(before + k + 1, start, anchor, end))

        front_end = starts[0] if starts else 0
        if ctx:
            gazette, period, board, toc = ctx.gazette, ctx.period, list(ctx.board), list(ctx.toc)
        else:
            gazette, period, board, toc = self._front_matter(front_end)
        if not anchors:
            front_end = self._front_matter_end(front_end)
            end = chronicle if chronicle is not None else len(self.blocks)
            if end > front_end:
                self.warn(self.blocks[front_end].first_line, "no document heading (文号) found: read as one untitled document")
                documents.append(self._untitled(front_end, end))

        parts = []
        if chronicle is not None:
            heading = self.blocks[chronicle].str
            parts.append(Part("chronicle", heading, chronicle, len(self.blocks), self.prov_blocks(chronicle, chronicle + 1)))
            if period is None and ctx is None:
                period = self._period_from_chronicle(chronicle)
        if period is None and ctx is None:
            period = self._period_from_headers()
        self._check_toc(toc, documents, whole=ctx is None)
        return Issue(
            file=self.source.path,
            gazette=gazette or (None if ctx else self._gazette_from_headers()),
            period=period,
            board=board,
            toc=toc,
            documents=documents,
            parts=parts,
            warnings=self.warnings,
            prov=ctx.prov if ctx else self.prov_blocks(0, 1),
            blocks=self.blocks,
            lines=self.source.lines,
        )

    # -- document boundaries ----------------------------------------------
    def _title_like(self, block: Block, first: bool) -> bool:
        t = block.str
        if block.cells or not (2 if first else 5) <= len(t) <= 90:
            return False
        if t.endswith(("。", "；", "：", "，")) or DATE_LINE.match(t) or DOC_NUMBER_LINE.match(t):
            return False
        if t.startswith(("（此件", "附件")) or TOC_PAGE.match(t) or MONTH_HEADING.match(t) or numbering(t):
            return False
        # the red header of a document (某某县人民政府文件) is not its title
        return not (t in ("大事记", "目录") or t.isdigit() or re.fullmatch(r"[\u4e00-\u9fff]{2,24}文件", t))

    def _title_start(self, anchor: int) -> int:
        """Walk back from the 文号 over the title's lines until it reads as complete."""
        start = anchor
        j = anchor - 1
        while j >= 0 and anchor - j <= 5 and self._title_like(self.blocks[j], first=start == anchor):
            start = j
            joined = "".join(b.str for b in self.blocks[start:anchor])
            if ISSUER_TITLE.match(joined) or joined == "人事任免":
                break
            j -= 1
        return start

    def _title_below(self, anchor: int, end: int) -> list[Block]:
        """Up to three title-like blocks right under the 文号, ending in a document type word."""
        taken: list[Block] = []
        for b in self.blocks[anchor + 1 : min(end, anchor + 4)]:
            if not self._title_like(b, first=not taken):
                break
            taken.append(b)
            joined = "".join(x.str for x in taken)
            if TITLE_END.search(joined) and (ISSUER_TITLE.match(joined) or len(taken) == 1):
                return taken
        return []

    def _chronicle_start(self, after: int) -> int | None:
        for i in range(after, len(self.blocks)):
            t = self.blocks[i].str
            if t == "大事记":
                return i
            if MONTH_HEADING.match(t) and re.match(r"^\d{4}年", t):
                nxt = self.blocks[i + 1].str if i + 1 < len(self.blocks) else ""
                if CHRONICLE_ENTRY.match(nxt):
                    return i
        return None

    # -- one document -----------------------------------------------------
    def _document(self, ordinal: int, start: int, anchor: int, end: int) -> Document:
        blocks = self.blocks
        title_blocks = blocks[start:anchor]
        body = anchor + 1
        if not title_blocks:  # some gazettes print the 文号 above the title
            title_blocks = self._title_below(anchor, end)
            body += len(title_blocks)
        title = NText.join([b.text for b in title_blocks]).text
        number_m = DOC_NUMBER.search(blocks[anchor].str)
        number = number_m.group(0) if number_m else None
        kind = "appointments" if title == "人事任免" else "policy"
        if not title:
            self.warn(blocks[anchor].first_line, f"document {number} has no title above or below its number")

        recipients = None
        if body < end and blocks[body].str.endswith("：") and "。" not in blocks[body].str and not blocks[body].cells:
            recipients = blocks[body].str[:-1]
            body += 1

        issuers, signed, sign_at = self._signature(body, end)
        if not issuers:
            m = ISSUER_TITLE.match(title)
            if m:
                issuers = (m.group("issuer"),)
        doc_type = self._doc_type(title, kind)
        plan = PLAN_TITLE.search(title)
        plan_title = plan.group("plan").strip("《》") if plan else None

        doc = Document(
            ordinal=ordinal,
            number=number,
            title=title,
            doc_type=doc_type,
            issuers=issuers,
            signed=signed,
            recipients=recipients,
            plan_title=plan_title,
            kind=kind,
            prov=self.prov(NText.join([b.text for b in blocks[start:body]], "\n")),
            block_start=start,
            block_end=end,
        )
        doc.attachments = self._attachments(body, end)
        doc.references = self._references(anchor + 1, end, number)
        doc.sections = self._sections(body, end, skip=sign_at)
        doc.tables = self._tables(body, end)
        return doc

    def _untitled(self, start: int, end: int) -> Document:
        doc = Document(
            ordinal=1, number=None, title="", doc_type=None, issuers=(), signed=None, recipients=None,
            plan_title=None, kind="untitled", prov=self.prov_blocks(start, min(start + 1, end)), block_start=start, block_end=end,
        )
        issuers, signed, _ = self._signature(start, end)
        doc.issuers, doc.signed = issuers, signed
        doc.references = self._references(start, end, None)
        doc.sections = self._sections(start, end, skip=None)
        doc.tables = self._tables(start, end)
        return doc

    def _signature(self, start: int, end: int) -> tuple[tuple[str, ...], object, int | None]:
        """The first date line under one or more organisation lines: who signed, when."""
        for i in range(start, end):
            b = self.blocks[i]
            if b.cells or not DATE_LINE.match(b.str):
                continue
            orgs: list[str] = []
            j = i - 1
            while j >= start and not self.blocks[j].cells and len(self.blocks[j].str) <= 40 and ORG_END.search(self.blocks[j].str) and not re.search(r"[。，；：]", self.blocks[j].str):
                orgs.insert(0, self.blocks[j].str)
                j -= 1
            if orgs:
                return tuple(orgs), parse_date(DATE.search(b.str)), i
        return (), None, None

    @staticmethod
    def _doc_type(title: str, kind: str) -> str | None:
        if kind == "appointments":
            return "任免"
        m = TITLE_END.search(title)
        if not m:
            return None
        word = re.sub(r"（[^（）]*）$", "", m.group(0))
        return "意见" if word.endswith("意见") else word

    def _attachments(self, start: int, end: int) -> list[Attachment]:
        found: list[Attachment] = []
        i = start
        while i < end:
            b = self.blocks[i]
            m = ATTACHMENT.match(b.str)
            if not m or b.cells or m.group("label"):
                i += 1
                continue
            rest = m.group("rest").strip()
            items: list[tuple[str, NText]] = []
            item = ITEM.match(rest)
            if item:
                items.append((item.group("label"), b.text[len(b.str) - len(item.group("title")) :]))
            elif rest:
                items.append(("", b.text[len(b.str) - len(rest) :]))
            i += 1
            while i < end and not self.blocks[i].cells:
                t = self.blocks[i].str
                item = ITEM.match(t)
                if item:
                    items.append((item.group("label"), self.blocks[i].text[len(t) - len(item.group("title")) :]))
                elif items and len(t) <= 30 and not t.endswith("。") and not DATE_LINE.match(t) and not t.startswith("（") and not ORG_END.search(t) or (items and len(items[-1][1].text) < 8):
                    label, text = items[-1]
                    items[-1] = (label, NText.join([text, self.blocks[i].text]))
                else:
                    break
                i += 1
            found.extend(Attachment(label, text.text, self.prov(text)) for label, text in items)
        return found

    def _references(self, start: int, end: int, own: str | None) -> list[Reference]:
        refs: list[Reference] = []
        for k in range(start, end):
            b = self.blocks[k]
            text = b.str
            for m in DOC_NUMBER.finditer(text):
                number = m.group(0)
                if number == own:
                    continue
                sentence_start = max(text.rfind(p, 0, m.start()) for p in "。；") + 1
                sentence_end = min([k for k in (text.find(p, m.end()) for p in "。；") if k >= 0] or [len(text)])
                tail = text[m.end() : sentence_end]
                if sentence_end == len(text) and k + 1 < end:  # the sentence goes on in the next block
                    tail += self.blocks[k + 1].str.split("。")[0]
                kind = "repeals" if "废止" in tail else "cites"
                title = None
                before = text[sentence_start : m.start()]
                tm = re.search(r"《([^《》]+(?:〈[^〈〉]*〉[^《》]*)*)》[（〈]?$", before)
                if tm:
                    title = tm.group(1)
                span = b.text[tm.start() + sentence_start if tm else m.start() : m.end()]
                refs.append(Reference(kind, number, title, self.prov(span)))
        return refs

    def _sections(self, start: int, end: int, skip: int | None) -> list[Section]:
        """Section tree from numbering tokens; the nesting order is learnt per document."""
        heads: list[tuple[int, int, str, str, str]] = []  # (block, depth, kind, token, title)
        stack: list[str] = []
        for i in range(start, end):
            b = self.blocks[i]
            if b.cells or i == skip:
                continue
            found = numbering(b.str)
            if not found:
                continue
            kind, token = found
            if kind == "decimal":
                kind = f"decimal{token.count('.')}"
            if kind in stack:
                del stack[stack.index(kind) + 1 :]
            else:
                stack.append(kind)
            title = re.split(r"[。；：]", b.str[len(token) :].lstrip("、.．"), maxsplit=1)[0][:60]
            heads.append((i, len(stack), kind, token, title))
        sections: list[Section] = []
        path: list[str] = []
        for k, (i, depth, kind, token, title) in enumerate(heads):
            path = path[: depth - 1] + [token]
            stop = next((h[0] for h in heads[k + 1 :] if h[1] <= depth), end)
            last_line = self.blocks[stop - 1].last_line if stop > i else self.blocks[i].last_line
            sections.append(Section(tuple(path), kind, title, self.blocks[i].first_line, last_line, self.prov(self.blocks[i].text[: len(token) + len(title) + 1])))
        return sections

    def _tables(self, start: int, end: int) -> list[Table]:
        tables: list[Table] = []
        i = start
        while i < end:
            if not self.blocks[i].cells:
                i += 1
                continue
            j = i
            while j < end and self.blocks[j].cells:
                j += 1
            rows = self.blocks[i:j]
            before = self.blocks[i - 1].str if i > start else ""
            title = before if before and len(before) <= 80 and not before.endswith("。") else ""
            header = tuple(c.text for c in rows[0].cells)
            data, lines, repeats = [], [], []
            for row in rows[1:]:
                cells = tuple(c.text for c in row.cells)
                if [c for c in cells if c] == [c for c in header if c]:
                    repeats.append(row.first_line)
                    continue
                data.append(cells)
                lines.append(row.first_line)
            tables.append(Table(title, header, tuple(data), tuple(lines), tuple(repeats), self.prov_blocks(i, i + 1)))
            i = j
        return tables

    # -- front matter -----------------------------------------------------
    def _front_matter_end(self, limit: int) -> int:
        """Without documents, the front matter ends after the TOC or the board."""
        last = 0
        for i, b in enumerate(self.blocks[: limit or len(self.blocks)]):
            if b.str.startswith(BOARD_ROLES) or PERIOD.match(b.str) or b.str == "目录" or TOC_ENTRY.match(b.str.replace("\t", "")):
                last = i + 1
        return last

    def _front_matter(self, end: int) -> tuple[str | None, str | None, list[BoardMember], list[TocEntry]]:
        gazette = period = None
        board: list[BoardMember] = []
        toc: list[TocEntry] = []
        role = None
        in_toc = False
        label = ""
        for b in self.blocks[:end]:
            t = b.str.replace("\t", "")
            if gazette is None and GAZETTE_NAME.match(t) and len(t) <= 30:
                gazette = GAZETTE_NAME.match(t).group("name")
                continue
            pm = PERIOD.match(t)
            if period is None and pm:
                period = f"{pm.group('y')}.{int(pm.group('m'))}" if pm.group("y") else f"{pm.group('y2')}-{int(pm.group('n'))}"
                continue
            if t == "目录":
                in_toc, role = True, None
                continue
            if in_toc:
                entry = TOC_ENTRY.match(t)
                if entry:
                    toc.append(TocEntry(label, entry.group("title"), int(entry.group("page")), self.prov(b.text)))
                elif TOC_PAGE.match(t):
                    if toc and toc[-1].title == label and toc[-1].page is None:
                        toc[-1] = TocEntry(label, label, int(TOC_PAGE.match(t).group("page")), toc[-1].prov)
                elif len(t) <= 12:
                    label = t
                    if t in ("人事任免", "大事记"):
                        toc.append(TocEntry(t, t, None, self.prov(b.text)))
                continue
            role = self._board_line(b, role, board)
        return gazette, period, board, toc

    def _board_line(self, b: Block, role: str | None, board: list[BoardMember]) -> str | None:
        """编委 lines: `编委成员 周洲 颜叶艳` and continuation lines of names."""
        raw = self.source.lines[b.first_line - 1].strip().lstrip("#").strip()
        compact = re.sub(r"\s+", "", raw)
        found = next((r for r in BOARD_ROLES if compact.startswith(r)), None)
        if found:
            # Drop the (possibly spaced) label from the printed line.
            k, seen = 0, 0
            while k < len(raw) and seen < len(found):
                if not raw[k].isspace():
                    seen += 1
                k += 1
            names_raw, role = raw[k:], found
        elif role == "编委成员" and re.fullmatch(r"[\u4e00-\u9fff\s]{2,}", raw):
            names_raw = raw
        else:
            return None
        for name in split_names(names_raw):
            board.append(BoardMember(role, name, Provenance(self.source.path, b.first_line, b.first_line, self.source.lines[b.first_line - 1].strip(), EXTRACTOR)))
        return role if role == "编委成员" else None

    # -- issue identity when the front matter is missing ------------------
    def _period_from_headers(self) -> str | None:
        return next(filter(None, (header_period(line) for _, line in numbered(self.source.lines))), None)

    def _gazette_from_headers(self) -> str | None:
        return next(filter(None, (header_gazette(line) for _, line in numbered(self.source.lines))), None)

    def _period_from_chronicle(self, start: int) -> str | None:
        for b in self.blocks[start : start + 3]:
            m = re.match(r"^(\d{4})年(\d{1,2})月$", b.str)
            if m:
                return f"{m.group(1)}.{int(m.group(2))}"
        return None

    def _check_toc(self, toc: list[TocEntry], documents: list[Document], whole: bool = True) -> None:
        """Every TOC entry should be a document we found (when the whole issue is read), and the other way round."""
        if not toc:
            return
        titles = {d.title: d for d in documents}
        wanted = [e for e in toc if e.title != "大事记"]
        for e in wanted if whole else ():
            if e.title not in titles:
                self.warn(e.prov.line_start, f"table of contents lists “{e.title}” but no such document was found")
        listed = {e.title for e in wanted}
        for d in documents:
            if d.title not in listed:
                self.warn(d.prov.line_start, f"document “{d.title}” ({d.number}) is not in the table of contents")


def header_period(line: str) -> str | None:
    """The period a running header prints (曲靖市人民政府公报 2022·4 → 2022.4)."""
    m = re.search(r"公\s*报\s*(\d{4})\s*[·.]\s*(\d{1,2})", line)
    return f"{m.group(1)}.{int(m.group(2))}" if m else None


def header_gazette(line: str) -> str | None:
    m = re.search(r"(\S{2,30}?公\s*报)\s*\d{4}\s*[·.]", line)
    return re.sub(r"\s+", "", m.group(1)) if m else None


def segment(source: SourceFile, layout: Layout | None = None, context: IssueContext | None = None) -> Issue:
    return Segmenter(source, layout, context).run()
