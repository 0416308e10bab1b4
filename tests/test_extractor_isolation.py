"""Issue 8, item 1: an extractor that raises on one document costs that document's facts from
that extractor, with a warning naming file, document, extractor and exception; nothing else."""

from __future__ import annotations

from extractors import EXTRACTORS, run_all
from kg.city import load_city


def test_a_failing_extractor_loses_only_the_document_it_failed_on(issues, monkeypatch):
    issue, city = issues["001"], load_city("qujing")
    before = run_all(issue, city)
    victim = next(d for d in issue.documents if d.number and any(type(r).__name__ == "Task" and r.doc_number == d.number for r in before))
    real = EXTRACTORS["responsibilities"]

    def fragile(piece, city_):
        if victim in piece.documents:
            raise KeyError("cell")
        return real(piece, city_)

    monkeypatch.setitem(EXTRACTORS, "responsibilities", fragile)
    after = run_all(issue, city)
    warnings = [str(r) for r in after if type(r).__name__ == "Warning_" and "failed" in r.message]
    assert warnings == [f"{issue.file}:{victim.prov.line_start}: extractor 'responsibilities' failed on {victim.number} “{victim.title}” and skipped it: KeyError: 'cell'"]
    lost = [r for r in before if r not in after]
    assert lost and all(getattr(r, "doc_number", victim.number) == victim.number for r in lost)
    kept = [r for r in before if getattr(r, "doc_number", None) not in (None, victim.number)]
    assert kept and all(r in after for r in kept)
