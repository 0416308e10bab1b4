"""Records → RDF, one module per domain, all writing through GraphBuilder."""

from kg.graph.builder import GraphBuilder

__all__ = ["GraphBuilder"]
