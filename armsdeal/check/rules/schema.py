"""Rules found by the schema (check/validate.py maps pydantic's errors to these)."""

from __future__ import annotations

from armsdeal.check.rules.base import declare

# Found by the schema (validate.py maps pydantic's errors to these).
declare("not-a-mapping", "The file is a YAML list or scalar, not a mapping of fields.")
declare("missing-field", "A required field is missing.")
declare("unknown-field", "A field that the format does not have (often a typo).")
declare("wrong-type", "A field has the wrong type, e.g. a list where text is expected.")
declare("invalid-value", "A value is not one of the allowed values, or is out of range.")
declare("id-format", "An id is not kebab-case: lowercase letters, digits, single hyphens.")
declare("date-syntax", "A date is not an EDTF date of the supported subset.")
declare("url-format", "A URL is not an absolute http(s) URL.")
