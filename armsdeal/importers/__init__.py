"""Importers: other formats -> timeline skeletons (YAML text) that pass `check`.

Beside export in the pipeline (they may use core and check, never the CLI); one
module per source format: sipri.py reads SIPRI's trade register. They return
text and problems; the CLI writes the files (never over an existing one).
"""
