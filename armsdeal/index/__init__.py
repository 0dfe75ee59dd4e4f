"""The collection index: a SQLite file per timelines folder, kept current from the files' stamps (issue 33).

The index holds the tables of ``export --all -o x.db`` (export/sqlite_export.py, one design for
both), each file's stamp and the timeline read from it, and the text `search` looks in. It works
on a connection the CLI opens (cli/index.py): this package never opens, creates or deletes a
file. docs/architecture.md ("the index") describes it.
"""
