"""The mapping's fast string literal is rdflib's own literal, slot for slot (kg.graph.builder)."""

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from kg.graph.builder import string_literal


@pytest.mark.parametrize("text", ["曲靖市能源局", "", " 1 ", "2022-04-15", "<script>alert(1)</script>", "a\nb\r\t", "true", "〔2022〕29号"])
def test_string_literal_is_rdflibs(text):
    ours, theirs = string_literal(text), Literal(text, datatype=XSD.string)
    assert ours == theirs and hash(ours) == hash(theirs) and ours.eq(theirs)
    assert (ours.language, ours.datatype, ours.value, ours.ill_typed) == (theirs.language, theirs.datatype, theirs.value, theirs.ill_typed)
    assert ours.n3() == theirs.n3() and ours.toPython() == theirs.toPython()


def test_fragment_ntriples_read_back_as_the_same_terms():
    """kg.pipeline.job.ntriples writes N-Triples as text: every value must come back as pyoxigraph would
    build it, and each line as the store writes it back (the dump mixes the two)."""
    import datetime
    from decimal import Decimal

    import pyoxigraph as ox
    from rdflib import URIRef

    from kg.pipeline.job import ntriples

    s, p = "https://w3id.org/cn-gazette-kg/id/evidence/1", "https://w3id.org/cn-gazette-kg/ns#quote"
    seen = "https://w3id.org/cn-gazette-kg/ns#firstSeen"
    values = [string_literal('他说"好"\\ 第一行\n第二行\r\t表格\x01'), string_literal("</script>"), Literal(515), Literal(2.5),
              Literal(True), Literal(datetime.date(2022, 4, 15)), Literal("曲靖", lang="zh-Hans"), Literal(Decimal("10.0"))]
    facts, apart = ntriples({URIRef(s): {URIRef(p): set(values), URIRef(seen): {Literal(datetime.date(2022, 3, 1))}}}, frozenset({seen}))
    got = {t.object for t in ox.parse(facts, format=ox.RdfFormat.N_TRIPLES)}
    assert got == {ox.Literal('他说"好"\\ 第一行\n第二行\r\t表格\x01'), ox.Literal("</script>"),
                   ox.Literal("515", datatype=ox.NamedNode(str(XSD.integer))), ox.Literal("2.5", datatype=ox.NamedNode(str(XSD.double))),
                   ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean))), ox.Literal("2022-04-15", datatype=ox.NamedNode(str(XSD.date))),
                   ox.Literal("曲靖", language="zh-hans"), ox.Literal("10", datatype=ox.NamedNode(str(XSD.decimal)))}
    assert apart.decode().endswith('#firstSeen> "2022-03-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n') and "firstSeen" not in facts.decode()
    store = ox.Store()
    store.load(facts, format=ox.RdfFormat.N_TRIPLES)
    assert sorted(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).splitlines()) == sorted(facts.splitlines())
    with pytest.raises(ValueError):
        ntriples({URIRef("not an iri"): {URIRef(p): {values[0]}}})
