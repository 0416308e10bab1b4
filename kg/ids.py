"""Deterministic entity IDs: the same canonical key gives the same IRI on every build."""

from __future__ import annotations

import hashlib

from rdflib import URIRef

from kg.vocab import ID


def make_id(kind: str, *key: object) -> URIRef:
    """`id/<kind>/<16 hex>` from the kind and its canonical key parts (as followthemoney does)."""
    digest = hashlib.sha1("\x1f".join([kind, *(str(k) for k in key)]).encode("utf-8")).hexdigest()[:16]
    return ID[f"{kind}/{digest}"]
