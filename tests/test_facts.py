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
