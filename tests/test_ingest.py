"""Ingest: text, Markdown and HTML in; bad documents refused with the store untouched; atomic writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qa.cli.documents import main_ingest
from qa.corpus import store as ingest
from qa.corpus.store import (
    DocumentTooLarge,
    DuplicateDocument,
    UnknownDocument,
    ingest_path,
    ingest_text,
    list_documents,
    load_ingested,
    remove_document,
)
from qa.model.errors import BadDocument
from qa.model.settings import get_settings

REPO = Path(__file__).resolve().parent.parent

FLOODS = """Flood defences fail hundreds of homes

Published 3 March 2024

The Environment Agency said 1,240 homes in Yorkshire flooded last year, up from 860 in 2022.

About 38 per cent of defences were in poor condition, and repairs will cost £120,000 per site.
"""
FARES_MD = """# Bus fares frozen in Greater Manchester

*14 January 2025*

Transport for Greater Manchester said **2.1 million** journeys were made in December, a rise of 6% on a year earlier.
"""
SCHOOLS_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Teacher vacancies rise | Example News</title>
<meta property="article:published_time" content="2023-09-05T07:00:00Z"><style>.x{}</style>
<script>var tracking = 99999;</script></head><body>
<nav><a href="/">Home</a> <a href="/n">12 sections</a></nav>
<article><h1>Teacher vacancies rise</h1>
<p>Schools in Leeds reported <b>412</b> vacancies, an increase of 27 per cent &amp; the highest since 2010.</p>
<ul><li>Primary: 150 posts</li><li>Secondary: 262 posts</li></ul>
</article><footer>&copy; 2023 Example News, 7 offices</footer></body></html>
"""


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty store for each test (ingest writes under QA_DATA_DIR)."""
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QA_EMBEDDING", "hash")
    get_settings.cache_clear()
    yield tmp_path / "data" / "documents"
    get_settings.cache_clear()
    from qa.engine import reset_engine

    reset_engine()


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")}


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_plain_text_gets_title_date_id_and_figures(store, tmp_path):
    doc = ingest_path(write(tmp_path, "floods.txt", FLOODS))
    assert doc.title == "Flood defences fail hundreds of homes"
    assert doc.published.isoformat() == "2024-03-03"
    assert doc.id == "flood-defences-fail-hundreds-of-homes-2024-03-03"
    assert sorted(p.name for p in store.iterdir() if not p.name.startswith(".")) == [f"{doc.id}.csv", f"{doc.id}.json", f"{doc.id}.txt"]
    ((stored, figures),) = load_ingested()
    assert stored.text == doc.text
    homes = next(f for f in figures if f.value == 1240)
    assert (homes.subject, homes.period, homes.quote) == ("Yorkshire", "2023", doc.text[homes.start: homes.end])
    meta = json.loads((store / f"{doc.id}.json").read_text())
    assert meta["format"] == "text" and meta["figures"] == len(figures)


def test_markdown_is_rendered_not_kept_as_markup(store, tmp_path):
    doc = ingest_path(write(tmp_path, "fares.md", FARES_MD))
    assert doc.title == "Bus fares frozen in Greater Manchester"
    assert doc.published.isoformat() == "2025-01-14"
    assert "**" not in doc.text and "#" not in doc.text
    assert "2.1 million journeys" in doc.text


def test_html_text_is_read_with_a_parser(store, tmp_path):
    doc = ingest_path(write(tmp_path, "schools.html", SCHOOLS_HTML))
    assert doc.title == "Teacher vacancies rise"
    assert doc.published.isoformat() == "2023-09-05"
    assert "reported 412 vacancies, an increase of 27 per cent & the highest since 2010." in doc.text
    assert "Primary: 150 posts\n\nSecondary: 262 posts" in doc.text
    for gone in ("tracking", "99999", "Home", "12 sections", "7 offices", "<b>", "&amp;"):
        assert gone not in doc.text
    values = {f.value for _, figs in load_ingested() for f in figs}
    assert {412, 27, 150, 262} <= values


def test_given_title_date_and_id_are_used(store):
    doc = ingest_text("Rents rose by 9% in Bristol.", "text", title="Rents", date="2024-05-01", doc_id="rents")
    assert (doc.id, doc.title, doc.published.isoformat()) == ("rents", "Rents", "2024-05-01")


BAD = [
    ("empty.txt", b"", BadDocument, "is empty"),
    ("blank.txt", b"  \n\n \t\n", BadDocument, "is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), BadDocument, "binary"),
    ("latin1.txt", "Caf\u00e9 prices rose 5% on 1 May 2024.".encode("latin-1"), BadDocument, "not valid utf-8"),
    ("nodate.txt", b"Prices rose\n\nPrices rose by 5% in Hull.", BadDocument, "--date"),
    ("markup.html", b"<html><body><script>1</script></body></html>", BadDocument, "no readable text"),
]


@pytest.mark.parametrize("name, data, error, words", BAD, ids=[b[0] for b in BAD])
def test_bad_documents_are_refused_and_the_store_is_unchanged(store, tmp_path, name, data, error, words):
    ingest_path(write(tmp_path, "floods.txt", FLOODS))
    before = snapshot(store)
    with pytest.raises(error) as exc:
        ingest_path(write(tmp_path, name, data))
    assert words in str(exc.value).lower()
    assert snapshot(store) == before


def test_too_large_is_refused_before_reading(store, tmp_path, monkeypatch):
    monkeypatch.setenv("QA_MAX_DOCUMENT_BYTES", "100")
    get_settings.cache_clear()
    with pytest.raises(DocumentTooLarge, match="the limit is 100"):
        ingest_path(write(tmp_path, "big.txt", FLOODS))
    assert snapshot(store) == {}


def test_the_same_text_twice_is_refused(store, tmp_path):
    first = ingest_path(write(tmp_path, "floods.txt", FLOODS))
    before = snapshot(store)
    with pytest.raises(DuplicateDocument, match=f"already ingested as '{first.id}'"):
        ingest_path(write(tmp_path, "copy.txt", FLOODS), title="Another title")
    assert snapshot(store) == before


def test_the_curated_seed_article_cannot_be_ingested_again(store):
    seed = REPO / "corpus" / "documents" / "iia-police-2022-06-06.txt"
    with pytest.raises(DuplicateDocument, match="iia-police-2022-06-06"):
        ingest_path(seed, date="2022-06-06")
    assert snapshot(store) == {}


@pytest.mark.parametrize(
    "kwargs, words",
    [({"doc_id": "Bad Id!"}, "not allowed"), ({"date": "5th of May"}, "yyyy-mm-dd"), ({"fmt": "pdf"}, "unknown format")],
)
def test_bad_options_are_refused(store, kwargs, words):
    with pytest.raises(BadDocument) as exc:
        ingest_text("Rents rose by 9% in Bristol on 2 May 2024.", **{"fmt": "text", **kwargs})
    assert words in str(exc.value).lower()
    assert snapshot(store) == {}


def test_an_id_already_taken_is_refused(store):
    ingest_text("Rents rose by 9% in Bristol on 2 May 2024.", "text", doc_id="rents")
    before = snapshot(store)
    with pytest.raises(DuplicateDocument, match="--id"):
        ingest_text("Rents fell by 2% in Leeds on 2 May 2024.", "text", doc_id="rents")
    assert snapshot(store) == before


def test_a_failure_while_moving_files_in_leaves_the_store_as_it_was(store, tmp_path, monkeypatch):
    ingest_path(write(tmp_path, "floods.txt", FLOODS))
    before = snapshot(store)
    real_replace = os.replace

    def failing_replace(src, dst):
        if str(dst).endswith(".json"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(ingest.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        ingest_path(write(tmp_path, "fares.md", FARES_MD))
    assert snapshot(store) == before
    assert [d.id for d in list_documents()] == ["flood-defences-fail-hundreds-of-homes-2024-03-03"]


KILLER = """
import os, sys
from qa.corpus import store as ingest
real = os.replace
def replace(src, dst):
    real(src, dst)
    if str(dst).endswith(".txt"):
        os._exit(9)  # killed after the text is in place, before the metadata
ingest.os.replace = replace
ingest.ingest_path(sys.argv[1])
"""


def test_a_kill_halfway_leaves_the_store_as_it_was(store, tmp_path):
    ingest_path(write(tmp_path, "floods.txt", FLOODS))
    ids_before = [d.id for d in list_documents()]
    fares = write(tmp_path, "fares.md", FARES_MD)
    proc = subprocess.run([sys.executable, "-c", KILLER, str(fares)], cwd=REPO, env=os.environ.copy(),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    assert [d.id for d in list_documents()] == ids_before  # the half-written document does not exist
    assert [ids for ids in (d.id for d, _ in load_ingested())] == ids_before
    doc = ingest_path(fares)  # the leftovers are swept and the same file goes in cleanly
    assert sorted(d.id for d in list_documents()) == sorted([*ids_before, doc.id])
    assert not list(store.glob(".ingest-*"))


def test_remove(store, tmp_path):
    doc = ingest_path(write(tmp_path, "floods.txt", FLOODS))
    assert remove_document(doc.id).id == doc.id
    assert list_documents() == [] and snapshot(store) == {}
    with pytest.raises(UnknownDocument, match="documents` lists them"):
        remove_document(doc.id)
    with pytest.raises(UnknownDocument, match="curated corpus"):
        remove_document("iia-police-2022-06-06")


def test_cli_reports_each_file_and_fails_when_one_is_refused(store, tmp_path, capsys):
    good = write(tmp_path, "floods.txt", FLOODS)
    empty = write(tmp_path, "empty.txt", b"")
    assert main_ingest([str(good), str(empty), "--no-index"]) == 2
    err = capsys.readouterr().err
    assert "[1/2] ingested" in err and "[2/2] refused" in err and "is empty" in err
    assert len(list_documents()) == 1


def test_cli_help_describes_the_options(capsys):
    with pytest.raises(SystemExit) as exc:
        main_ingest(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for option in ("--title", "--date", "--id", "--format", "--no-index"):
        assert option in out


def test_the_engine_answers_from_ingested_documents_and_keeps_the_seed(store, tmp_path):
    from qa.engine import get_engine, reset_engine

    reset_engine()
    seed_engine = get_engine()
    seed_figures = {f.id: f for f in seed_engine.figures}
    doc = ingest_path(write(tmp_path, "floods.txt", FLOODS))
    reset_engine()
    engine = get_engine()
    assert doc.id in engine.docs_by_id
    assert engine.corpus_hash != seed_engine.corpus_hash  # a new collection, built before use
    new = [f for f in engine.figures if f.doc_id == doc.id]
    assert any(f.value == 1240 for f in new)
    assert {f.id: f for f in engine.figures if f.doc_id != doc.id} == seed_figures
    hits = engine.index.search("homes flooded in Yorkshire", k=5)
    assert any(h.metadata.get("doc_id") == doc.id for h in hits)


def api_client(token: str | None, monkeypatch: pytest.MonkeyPatch):
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse
    from fastapi.testclient import TestClient

    from api.routes_documents import router
    from qa.model.errors import QAError

    if token:
        monkeypatch.setenv("QA_ADMIN_TOKEN", token)
    get_settings.cache_clear()
    app = FastAPI()
    app.include_router(router)

    @app.exception_handler(QAError)
    async def qa_error(request: Request, exc: QAError) -> JSONResponse:  # as api/app.py does
        return JSONResponse({"detail": str(exc)}, status_code=exc.status_code)

    return TestClient(app)


def test_api_ingest_is_refused_without_a_configured_token(store, monkeypatch):
    client = api_client(None, monkeypatch)
    r = client.post("/api/documents", json={"text": FLOODS}, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "QA_ADMIN_TOKEN" in r.json()["detail"]
    assert snapshot(store) == {}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"X-Admin-Token": "secret-tokeX"}])
def test_api_ingest_needs_the_token(store, monkeypatch, headers):
    client = api_client("secret-token", monkeypatch)
    r = client.post("/api/documents", json={"text": FLOODS}, headers=headers)
    assert r.status_code == 401
    assert snapshot(store) == {}


def test_api_ingest_with_the_token(store, monkeypatch):
    client = api_client("secret-token", monkeypatch)
    auth = {"Authorization": "Bearer secret-token"}
    r = client.post("/api/documents", json={"text": SCHOOLS_HTML, "format": "html"}, headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["id"] == "teacher-vacancies-rise-2023-09-05" and body["figures"] >= 4
    assert [d.id for d in list_documents()] == [body["id"]]
    again = client.post("/api/documents", json={"text": SCHOOLS_HTML, "format": "html"}, headers=auth)
    assert again.status_code == 409 and "already ingested" in again.json()["detail"]
    empty = client.post("/api/documents", json={"text": "   "}, headers={"X-Admin-Token": "secret-token"})
    assert empty.status_code == 400 and "empty" in empty.json()["detail"]
    assert [d.id for d in list_documents()] == [body["id"]]


def test_another_processes_ingest_is_picked_up(tmp_path, monkeypatch):
    """Several API workers share one store: an ingest by one is seen by the others' next question."""
    import time

    import qa
    from qa.corpus.store import ingest_text
    from qa.engine import get_engine, reset_engine, wait_for_refresh

    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "shared"))
    reset_engine()
    before = get_engine()
    assert "Yorkshire" not in " ".join(d.text for d in before.documents)
    ingest_text(FLOODS, "text", date="2023-02-01")  # as another worker would: this process's engine is not told
    time.sleep(1.1)
    assert get_engine() is before  # noticed: a new engine is built in the background while this one answers
    after = wait_for_refresh()
    assert after is not before
    assert any("Yorkshire" in d.text for d in after.documents)
    answer = qa.ask("How many homes flooded in Yorkshire?")
    assert not answer.abstained and answer.citations[0].doc_id != "iia-police-2022-06-06"


def test_answers_name_their_article_when_there_are_several(tmp_path, monkeypatch):
    import qa
    from qa.corpus.store import ingest_text
    from qa.engine import reset_engine

    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "several"))
    reset_engine()
    ingest_text(FLOODS, "text", date="2023-02-01")
    reset_engine()
    seed = qa.ask("How many revenge porn offences did West Midlands Police record in 2021?")
    assert seed.value == 710
    assert any("iia-police-2022-06-06" in w and w.startswith("From the article") for w in seed.warnings)
    floods = qa.ask("How many homes flooded in Yorkshire?")
    assert floods.citations and all(c.doc_id != "iia-police-2022-06-06" for c in floods.citations)
    assert any(w.startswith("From the article") and "iia-police" not in w for w in floods.warnings)
