"""Suite-wide set-up: only what makes the tests faster without changing what they check."""

from cnht_analysis.speedups import skip_iri_grammar

skip_iri_grammar()  # nbformat's jsonschema would spend 2.5–9 s building an unused IRI grammar
