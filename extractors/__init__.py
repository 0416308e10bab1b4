"""Extractors: one module per kind of source structure; each takes a segmented document and yields records."""
