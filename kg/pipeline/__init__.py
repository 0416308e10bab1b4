"""The build as per-issue jobs and one aggregate step.

job.py: one file → one fragment (records, facts, graph-model fragment, summary),
cached under the output folder by the content hash of the file, the city data and
the code. aggregate.py: fragments → the graph folder (store, N-Triples dump, graph
model, manifest), written beside the old one and swapped in. Jobs are plain
functions of (file, fragment folder), so a process pool or a Dask cluster maps them.
"""
