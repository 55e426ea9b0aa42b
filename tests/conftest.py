"""Suite-wide set-up: only what makes the tests faster without changing what they check."""

from cnht_analysis.render import _skip_slow_optional_imports

# nbformat's jsonschema would otherwise build an unused IRI grammar (rfc3987_syntax) in every
# test process that touches a notebook: 2.5 s on an idle core, up to 9 s on a loaded one.
_skip_slow_optional_imports()
