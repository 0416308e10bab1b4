"""The build as per-issue jobs and one aggregate step.

parts.py: a file → its parts (its issues; an issue over the part size cut before
documents), each carrying what it needs from its issue. job.py: one file or part → one
fragment (records, facts, graph-model fragment, summary), cached under the output folder
by the content hash of the file, the part's lines, the city data and the code. aggregate.py: fragments → the graph folder (store, N-Triples dump, graph
model, manifest), written beside the old one and swapped in. Jobs are plain
functions of (file, fragment folder), so a process pool or a Dask cluster maps them.
"""
