"""The reading stage, the pipeline's first: a timeline file's bytes -> data, problems and places.

The one place that chooses a parser. ``stage`` holds the entry points: which
parser reads a file (yaml-rs for a clean file, ``fast``; the located loader for
any other), with or without places, and reading again for places when a
message needs them. The rest is split by job: ``files`` (bytes, the size cap),
``yamlloader`` (PyYAML with the core schema), ``streamed`` (the data from the
parser's events, places packed in integers, ``places``), ``located`` (the node
tree, a ``Document`` that places any value), ``hints`` (syntax errors that say
how to fix them).
"""
