"""The namespaces of the graph's IRIs, as plain strings.

Apart from kg.vocab (which checks terms against the ontology with rdflib) so that a read
command can prefix its SPARQL without importing rdflib: start-up is most of a query's time.
"""

BASE = "https://w3id.org/cn-gazette-kg/"

PREFIXES = {
    "kg": BASE + "ns#",
    "id": BASE + "id/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
