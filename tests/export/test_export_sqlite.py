"""`armsdeal export --format sqlite`: the database, opened with the real sqlite-utils and Datasette (in process).

Datasette runs through its Python API and its test client (an ASGI client in
this process): no server, no port, no network. The answers are computed from the
shipped timelines themselves, so the tests follow the data when curators edit it.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import sqlite3
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from conftest import TIMELINES, assert_golden
from conftest import invoke as run_cli

from armsdeal.check.load import load_named
from armsdeal.core.collection import timeline_files
from armsdeal.export import FORMATS
from armsdeal.export.sqlite_export import OWNED_TABLES, TABLES, Database

OWNED = {
    "deals",
    "actors",
    "sources",
    "events",
    "event_sources",
    "event_actors",
}


def invoke(runner, *args: str):
    return run_cli(runner, "export", *args, "--timelines", str(TIMELINES))


def shipped() -> list[Any]:
    return load_named([str(path) for path in timeline_files(TIMELINES)], None)


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    path = tmp_path_factory.mktemp("sqlite") / "deals.db"
    result = run_cli(CliRunner(), "export", "--all", "-o", str(path), "--timelines", str(TIMELINES))
    assert result.exit_code == 0, result.stderr
    return path


def datasette_get(database: Path, url: str, metadata: dict[str, Any] | None = None) -> Any:
    """GET a Datasette JSON URL in process and return its parsed body."""
    from datasette.app import Datasette

    async def get() -> Any:
        datasette = Datasette([str(database)], metadata=metadata, settings={"num_sql_threads": 1})
        await datasette.invoke_startup()
        response = await datasette.client.get(url)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(get())


class TestSchema:
    def test_the_tables_it_owns(self, database: Path) -> None:
        db = sqlite_utils.Database(database)
        assert set(OWNED_TABLES) == OWNED
        assert set(db.table_names()) >= OWNED
        assert {"events_fts", "deals_fts"} <= set(db.table_names())

    def test_primary_and_foreign_keys(self, database: Path) -> None:
        db = sqlite_utils.Database(database)
        assert db["deals"].pks == ["id"]
        assert db["events"].pks == ["key"]
        assert db["event_sources"].pks == ["event", "source"]
        assert db["event_actors"].pks == ["event", "actor", "role"]
        fks = {(fk.table, fk.column, fk.other_table, fk.other_column) for fk in db["event_sources"].foreign_keys}
        assert fks == {("event_sources", "event", "events", "key"), ("event_sources", "source", "sources", "key")}
        assert {fk.other_table for fk in db["events"].foreign_keys} == {"deals"}
        assert {fk.other_table for fk in db["actors"].foreign_keys} == {"deals", "actors"}

    def test_foreign_keys_hold(self, database: Path) -> None:
        connection = sqlite3.connect(database)
        try:
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            connection.close()

    def test_full_text_search_is_configured(self, database: Path) -> None:
        db = sqlite_utils.Database(database)
        assert db["events"].detect_fts() == "events_fts"
        assert db["deals"].detect_fts() == "deals_fts"
        assert set(db["events_fts"].columns_dict) == {"title", "note"}
        assert set(db["deals_fts"].columns_dict) == {"title", "summary"}

    def test_one_row_per_deal_event_source_and_actor(self, database: Path) -> None:
        timelines = shipped()
        db = sqlite_utils.Database(database)
        assert db["deals"].count == len(timelines)
        assert db["events"].count == sum(len(t.events) for t in timelines)
        assert db["sources"].count == sum(len(t.sources) for t in timelines)
        assert db["actors"].count == sum(len(t.actors) for t in timelines)
        assert db["event_sources"].count == sum(len(set(e.sources)) for t in timelines for e in t.events)

    def test_dates_are_exported_through_the_date_model(self, database: Path) -> None:
        db = sqlite_utils.Database(database)
        for timeline in shipped():
            for event in timeline.events:
                row = db["events"].get(f"{timeline.id}/{event.id}")
                assert row["date"] == event.date.text
                assert row["precision"] == event.date.precision.name.lower()
                if event.date.start is not None:
                    assert row["earliest"] == event.date.earliest.isoformat()
                if event.date.end is not None:
                    assert row["latest"] == event.date.latest.isoformat()


@pytest.mark.slow
class TestDatasette:
    def test_facet_by_event_type(self, database: Path) -> None:
        body = datasette_get(database, "/deals/events.json?_facet=type&_size=0")
        counted = {item["value"]: item["count"] for item in body["facet_results"]["type"]["results"]}
        expected = Counter(str(event.type) for timeline in shipped() for event in timeline.events)
        assert counted == dict(expected)
        assert counted["sanction"] >= 1

    def test_full_text_search_for_caatsa(self, database: Path) -> None:
        body = datasette_get(database, "/deals/events.json?_search=CAATSA&_shape=objects&_size=max&_col=key")
        found = {row["key"] for row in body["rows"]}
        word = re.compile(r"\bcaatsa\b", re.IGNORECASE)
        expected = {
            f"{timeline.id}/{event.id}"
            for timeline in shipped()
            for event in timeline.events
            if word.search(event.title) or word.search(event.note or "")
        }
        assert expected, "the shipped timelines mention CAATSA"
        assert found == expected
        assert "turkey-s400/caatsa-sanctions" in found

    def test_deal_search_by_summary(self, database: Path) -> None:
        body = datasette_get(database, "/deals/deals.json?_search=CAATSA&_shape=objects&_col=id")
        expected = {t.id for t in shipped() if "caatsa" in ((t.summary or "") + t.title).lower()}
        assert {row["id"] for row in body["rows"]} == expected

    def test_sql_join_of_events_to_sources(self, database: Path) -> None:
        sql = (
            "select s.url from events e join event_sources es on es.event = e.key "
            "join sources s on s.key = es.source where e.deal = :deal and e.id = :event order by es.position"
        )
        from urllib.parse import urlencode

        query = urlencode({"sql": sql, "deal": "turkey-s400", "event": "caatsa-sanctions", "_shape": "array"})
        rows = datasette_get(database, f"/deals.json?{query}")
        timeline = next(t for t in shipped() if t.id == "turkey-s400")
        event = next(e for e in timeline.events if e.id == "caatsa-sanctions")
        assert [row["url"] for row in rows] == [timeline.sources[s].url for s in dict.fromkeys(event.sources)]

    def test_metadata_describes_tables_and_columns(self, database: Path, runner, tmp_path: Path) -> None:
        metadata_path = tmp_path / "metadata.json"
        target = tmp_path / "deals.db"
        result = invoke(runner, "--all", "-o", str(target), "--metadata", str(metadata_path))
        assert result.exit_code == 0, result.stderr
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
        tables = metadata["databases"]["deals"]["tables"]
        for table in TABLES:
            assert set(tables[table.name]["columns"]) == set(table.columns)
        # The facets the metadata names are applied without being asked for in the URL.
        body = datasette_get(target, "/deals/events.json?_size=0", metadata)
        assert {"type", "status", "deal"} <= set(body["facet_results"])
        page = _datasette_html(target, "/deals/events", metadata)
        assert tables["events"]["description"] in html.unescape(page)


def _datasette_html(database: Path, url: str, metadata: dict[str, Any]) -> str:
    from datasette.app import Datasette

    async def get() -> str:
        datasette = Datasette([str(database)], metadata=metadata)
        await datasette.invoke_startup()
        response = await datasette.client.get(url)
        assert response.status_code == 200
        return response.text

    return asyncio.run(get())


class TestWriting:
    def test_needs_an_output_file(self, runner) -> None:
        result = invoke(runner, "turkey-s400", "--format", "sqlite")
        assert result.exit_code == 2
        assert "-o FILE" in result.stderr

    def test_db_suffix_chooses_sqlite(self, runner, tmp_path: Path) -> None:
        target = tmp_path / "one.db"
        result = invoke(runner, "turkey-s400", "-o", str(target))
        assert result.exit_code == 0, result.stderr
        assert sqlite_utils.Database(target)["deals"].count == 1

    def test_replaces_only_the_tables_it_owns(self, runner, tmp_path: Path) -> None:
        target = tmp_path / "deals.db"
        db = sqlite_utils.Database(target)
        db["my_notes"].insert({"id": 1, "text": "keep me"}, pk="id")
        db["events"].insert({"stale": "an old table of the same name is replaced"})
        db.create_view("sanctions", "select key, title from events where type = 'sanction'")
        db.close()
        for _ in range(2):
            result = invoke(runner, "turkey-s400", "india-s400", "-o", str(target))
            assert result.exit_code == 0, result.stderr
        db = sqlite_utils.Database(target)
        assert list(db["my_notes"].rows) == [{"id": 1, "text": "keep me"}]
        assert "stale" not in db["events"].columns_dict
        assert db["deals"].count == 2  # replaced, not appended
        assert db["sanctions"].count >= 1  # the user's view reads the new table

    def test_a_file_that_is_not_a_database_is_left_alone(self, runner, tmp_path: Path) -> None:
        target = tmp_path / "notes.db"
        target.write_text("not a database\n" * 100, encoding="utf-8")
        result = invoke(runner, "turkey-s400", "-o", str(target))
        assert result.exit_code == 2
        assert "cannot write the database" in result.stderr
        assert target.read_text(encoding="utf-8") == "not a database\n" * 100
        assert [p.name for p in tmp_path.iterdir()] == ["notes.db"]  # no temporary file left

    def test_a_database_open_in_wal_mode_is_refused_and_kept(self, runner, tmp_path: Path) -> None:
        target = tmp_path / "busy.db"
        holder = sqlite3.connect(target)
        try:
            holder.execute("PRAGMA journal_mode = WAL")
            holder.execute("CREATE TABLE mine (x)")
            holder.commit()
            result = invoke(runner, "turkey-s400", "-o", str(target))
            assert result.exit_code == 2
            assert "busy.db-wal" in result.stderr
            assert [row[0] for row in holder.execute("SELECT name FROM sqlite_master")] == ["mine"]
        finally:
            holder.close()
        assert invoke(runner, "turkey-s400", "-o", str(target)).exit_code == 0  # closed: exported

    def test_deterministic_content(self, runner, tmp_path: Path) -> None:
        dumps = []
        for name in ("a.db", "b.db"):
            result = invoke(runner, "--all", "-o", str(tmp_path / name))
            assert result.exit_code == 0, result.stderr
            dumps.append(_dump(tmp_path / name))
        assert dumps[0] == dumps[1]

    def test_turkey_s400_matches_golden(self, tmp_path: Path) -> None:
        timelines = load_named(["turkey-s400"], TIMELINES)
        target = tmp_path / "t.db"
        target.touch()
        Database(tuple(timelines)).write(target)
        assert_golden("export/turkey-s400.sqlite.sql", _dump(target))

    def test_every_date_form_matches_golden(self, tmp_path: Path) -> None:
        """Sets, seasons, unspecified digits, open and unknown ends: earliest, latest, precision from the date model."""
        from conftest import DATA

        timelines = load_named([str(DATA / "valid" / "date-forms.yaml")], None)
        target = tmp_path / "d.db"
        target.touch()
        Database(tuple(timelines)).write(target)
        assert_golden("export/date-forms.sqlite.sql", _dump(target))

    def test_hostile_text_is_data(self, runner, tmp_path: Path, write_timeline) -> None:
        hostile = "x'); DROP TABLE deals; -- \u202e\x1b[31m"
        path = write_timeline(
            "hostile",
            "id: hostile\n"
            f"title: {json.dumps(hostile)}\n"
            "sources:\n  s: {publisher: P, title: T, url: 'https://example.org/a'}\n"
            f"events:\n  - {{id: e, date: 2020, type: contract, title: {json.dumps(hostile)}, sources: [s]}}\n",
        )
        target = tmp_path / "h.db"
        result = run_cli(runner, "export", str(path), "-o", str(target))
        assert result.exit_code == 0, result.stderr
        db = sqlite_utils.Database(target)
        title = db["deals"].get("hostile")["title"]
        assert "DROP TABLE deals" in title
        assert "\x1b" not in title and "\u202e" not in title  # shown as escapes, like every output
        assert set(OWNED) <= set(db.table_names())

    def test_without_sqlite_utils_the_format_says_how_to_install(self, runner, tmp_path, monkeypatch) -> None:
        monkeypatch.setitem(sys.modules, "sqlite_utils", None)  # import fails as if not installed
        target = tmp_path / "x.db"
        result = invoke(runner, "turkey-s400", "-o", str(target))
        assert result.exit_code == 2
        assert "pip install 'armsdeal[sqlite]'" in result.stderr
        assert not target.exists()
        help_text = " ".join(invoke(runner, "--help").stdout.split())
        assert "sqlite (" in help_text

    def test_all_with_names_stays_mermaid_s_every_event(self, runner) -> None:
        result = invoke(runner, "turkey-s400", "--all", "-f", "csv")
        assert result.exit_code == 2
        assert "--all with NAME... is for Mermaid" in " ".join(result.stderr.split())
        assert invoke(runner, "turkey-s400", "--all", "-f", "mermaid").exit_code == 0

    def test_all_without_names_is_every_timeline_and_every_event_in_mermaid(self, runner) -> None:
        whole = invoke(runner, "--all", "-f", "mermaid")
        assert whole.exit_code == 0, whole.stderr
        named = [t.id for t in sorted(shipped(), key=lambda t: t.id)]
        assert whole.stdout == invoke(runner, *named, "--all", "-f", "mermaid").stdout

    def test_no_names_and_no_all_is_a_usage_error(self, runner) -> None:
        result = invoke(runner, "-f", "csv")
        assert result.exit_code == 2
        assert "--all" in result.stderr

    def test_all_works_for_text_formats_too(self, runner) -> None:
        result = invoke(runner, "--all", "-f", "csv")
        assert result.exit_code == 0
        timelines = {line.split(",", 1)[0] for line in result.stdout.splitlines()[1:]}
        assert timelines == {t.id for t in shipped()}

    def test_metadata_only_with_a_database(self, runner, tmp_path: Path) -> None:
        result = invoke(runner, "turkey-s400", "-f", "csv", "--metadata", str(tmp_path / "m.json"))
        assert result.exit_code == 2
        assert "--metadata" in result.stderr

    def test_registry_entry(self) -> None:
        assert FORMATS["sqlite"].to_file
        assert FORMATS.for_suffix(".db") == "sqlite"


def _dump(path: Path) -> str:
    """Schema and rows of the owned tables, in a fixed order: the content of the export."""
    connection = sqlite3.connect(path)
    try:
        lines = []
        for table in TABLES:
            (schema,) = connection.execute("select sql from sqlite_master where name = ?", (table.name,)).fetchone()
            lines.append(schema + ";")
            order = ", ".join(f'"{c}"' for c in ([table.pk] if isinstance(table.pk, str) else table.pk))
            for row in connection.execute(f'select * from "{table.name}" order by {order}'):
                lines.append(json.dumps(list(row), ensure_ascii=False))
        return "\n".join(lines) + "\n"
    finally:
        connection.close()


class TestDocs:
    def test_the_docs_query_gives_the_result_the_docs_show(self, database: Path) -> None:
        from conftest import ROOT

        page = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
        example = page.split("<!-- sqlite-example -->", 1)[1].split("<!-- /sqlite-example -->", 1)[0]
        sql = re.search(r"```sql\n(.*?)```", example, re.DOTALL)
        shown = re.search(r"```text\n(.*?)```", example, re.DOTALL)
        assert sql and shown
        lines = shown.group(1).splitlines()
        assert re.split(r"\s{2,}", lines[0].strip()) == ["deal", "sanction", "title"]
        expected = [tuple(re.split(r"\s{2,}", line.strip())) for line in lines[2:]]
        rows = [tuple(row.values()) for row in sqlite_utils.Database(database).query(sql.group(1))]
        assert rows == expected
        assert rows  # the shipped timelines have such a deal

    def test_docs_describe_every_table_and_column(self) -> None:
        from conftest import ROOT

        docs = (ROOT / "docs" / "sqlite.md").read_text(encoding="utf-8")
        for table in TABLES:
            section = docs.split(f"### `{table.name}`\n", 1)[1].split("\n### ", 1)[0]
            for column in table.columns:
                assert f"| `{column}` |" in section, f"{table.name}.{column}"


def _rows_in_rowid_order(path: Path) -> list[Any]:
    connection = sqlite3.connect(path)
    try:
        return [
            (table.name, list(connection.execute(f'select rowid, * from "{table.name}" order by rowid')))
            for table in TABLES
        ]
    finally:
        connection.close()


def test_export_all_streams_the_same_database_as_naming_every_timeline(tmp_path: Path, monkeypatch) -> None:
    """`export --all -o x.db` reads the files one at a time (issue 33: memory bounded); the database is the
    one the timelines named together give, rows in the same order, in batches smaller than the collection."""
    import shutil

    from typer.testing import CliRunner

    from armsdeal.export import sqlite_export

    folder = tmp_path / "timelines"
    shutil.copytree(TIMELINES, folder)
    monkeypatch.setattr(sqlite_export, "_BATCH", 2)
    runner = CliRunner()
    streamed, named = tmp_path / "all.db", tmp_path / "named.db"
    assert run_cli(runner, "export", "--all", "-o", str(streamed), "--timelines", str(folder)).exit_code == 0
    names = sorted(path.stem for path in timeline_files(folder))[::-1]
    assert run_cli(runner, "export", *names, "-o", str(named), "--timelines", str(folder)).exit_code == 0
    assert _dump(streamed) == _dump(named)
    assert _rows_in_rowid_order(streamed) == _rows_in_rowid_order(named)
    (folder / "zz-broken.yaml").write_text("id: zz-broken\ntitle: [unclosed\n", encoding="utf-8")
    (folder / "aa-invalid.yaml").write_text("id: other\ntitle: T\n", encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    result = run_cli(runner, "export", "--all", "-o", str(fresh), "--timelines", str(folder))
    assert result.exit_code != 0
    assert not fresh.exists() and sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []
