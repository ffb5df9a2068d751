"""A table costs the index a vector per row, not per cell: the row's passage and cells share one text.

Real embedded Chroma, the hashing embedding (the model is not what is tested here)."""

from __future__ import annotations

import pytest

import qa.retrieve.index as index_mod
from qa.model.records import Figure, Passage, Unit
from qa.retrieve.embeddings import HashEmbeddings
from qa.retrieve.index import Index, Item, items_of, make_client, row_text
from qa.retrieve.scope import ScopedIndex

PROSE = "Ashford finished 120 new homes in 2023."
HEADER = "Council | 2022 | 2023 | Change (%)"


def table_doc(rows: int, doc_id: str = "homes") -> tuple[str, list[Passage], list[Figure]]:
    """A document of one prose sentence and a table of `rows` councils by three columns, as the readers write it."""
    lines = [PROSE, HEADER] + [f"Town{r:03d} | {1000 + r:,} | {1100 + r:,} | {r / 10:.1f}" for r in range(rows)]
    text = "\n\n".join(lines)
    passages, figures, pos = [], [], 0
    for n, line in enumerate(lines):
        passages.append(Passage(doc_id=doc_id, start=pos, end=pos + len(line), text=line, paragraph=n))
        if n >= 2:
            cells = line.split(" | ")
            at = pos
            for c, cell in enumerate(cells):
                if c > 0:
                    measure, period = [("homes completed", "2022"), ("homes completed", "2023"),
                                       ("percent change in homes completed", "2022/2023")][c - 1]
                    figures.append(Figure(id=f"{doc_id}-t{len(figures) + 1:03d}", doc_id=doc_id, subject=cells[0],
                                          measure=measure, period=period, value=float(cell.replace(",", "")),
                                          unit=Unit.percent if c == 3 else Unit.count, quote=cell,
                                          start=at, end=at + len(cell)))
                at += len(cell) + 3
        pos += len(line) + 2
    a = text.index("120 new homes")
    figures.append(Figure(id=f"{doc_id}-x001", doc_id=doc_id, subject="Ashford", measure="new homes finished",
                          period="2023", value=120, unit=Unit.count, quote="120 new homes", start=a, end=a + 13))
    for f in figures:
        assert text[f.start:f.end] == f.quote
    return text, passages, figures


def test_a_row_and_its_cells_share_one_text_and_prose_keeps_its_own():
    _, passages, figures = table_doc(3)
    items = items_of(passages, figures)
    by_key = {it.key: it for it in items}
    row = passages[2]
    cells = [f for f in figures if row.start <= f.start < row.end]
    shared = {by_key[f"{row.doc_id}:{row.start}:{row.end}"].text} | {by_key[f.id].text for f in cells}
    assert shared == {row_text(cells)}
    assert "Town000" in row_text(cells) and "2022 and 2023" in row_text(cells)
    assert by_key["homes-x001"].text == figures[-1].description()  # a sentence's figure: its own description
    header = passages[1]
    assert by_key[f"{header.doc_id}:{header.start}:{header.end}"].text == HEADER  # no figures: as written
    assert len({it.text for it in items}) == 2 + 3 + 1  # prose and header passages, a text per row, the prose figure


@pytest.mark.parametrize("quote_of,shared", [
    (lambda line: line.split(" | ")[1], True),  # a whole cell
    (lambda line: line.split(" | ")[1][:3], False),  # part of a cell is no cell
    (lambda line: line.split(" | ")[1] + " | " + line.split(" | ")[2], False),  # two cells
])
def test_only_a_whole_cell_stands_for_its_row(quote_of, shared):
    line = "Town | 1,234 | 5,678"
    p = Passage(doc_id="d", start=10, end=10 + len(line), text=line)
    quote = quote_of(line)
    a = 10 + line.index(quote)
    f = Figure(id="d-t001", doc_id="d", subject="Town", measure="homes", period="2022", value=1, unit=Unit.count,
               quote=quote, start=a, end=a + len(quote))
    items = {it.key: it for it in items_of([p], [f])}
    assert (items["d-t001"].text == items["d:10:" + str(p.end)].text) is shared


def _index(tmp_path) -> Index:
    return Index(make_client(tmp_path, None), HashEmbeddings(), "test", str(tmp_path))


@pytest.mark.parametrize("rows", [1, 5, 40])
def test_a_table_embeds_a_vector_per_row(tmp_path, rows):
    _, passages, figures = table_doc(rows)
    index = _index(tmp_path)
    embedded = index.sync(passages, figures)
    assert embedded == 2 + rows + 1  # prose and header passages, one per row, the prose figure
    assert index.count() == embedded and index.is_built()  # Chroma holds a vector per text, not per cell


def test_a_hit_on_a_row_stands_for_every_cell_of_it(tmp_path):
    _, passages, figures = table_doc(5)
    index = _index(tmp_path)
    index.sync(passages, figures)
    hits = index.search("Town003 homes completed 2023", k=1)
    assert {h.vector for h in hits} == {hits[0].vector}
    cells = {f.id for f in figures if f.subject == "Town003"}
    assert {h.key for h in hits if h.kind == "figure"} == cells
    assert [h.kind for h in hits].count("passage") == 1
    assert len({h.score for h in hits}) == 1


def test_scoped_search_counts_vectors_not_hits(tmp_path):
    _, passages, figures = table_doc(10)
    index = _index(tmp_path)
    index.sync(passages, figures)
    for k in (1, 3, 6):
        hits = ScopedIndex(index, "homes").search("homes completed", k=k)
        assert len({h.vector for h in hits}) == k
        assert len(hits) > k  # each row brings its passage and three cells


def test_a_store_of_the_item_by_item_layout_is_brought_to_one_vector_per_text(tmp_path):
    """An index stored before rows shared a vector (an entry per passage and per figure, each cell its own
    description): the rows are embedded, every other text's vector is taken over as it was (when the stored text
    is the same), and the old entries are dropped."""
    _, passages, figures = table_doc(6)
    old_items = [Item("passage", f"{p.doc_id}:{p.start}:{p.end}", p.text, {"doc_id": p.doc_id}) for p in passages]
    old_items += [Item("figure", f.id, f.description(), {"doc_id": f.doc_id}) for f in figures]
    emb = HashEmbeddings()
    index = _index(tmp_path)
    ids = [f"{it.kind[0]}:{it.key}:{it.text_sha[:16]}" for it in old_items]
    docs = [it.text for it in old_items]
    docs[0] = "a different text stored under the prose passage's id"  # not the same text: not taken over
    index.collection.upsert(ids=ids, embeddings=emb.embed_documents([it.text for it in old_items]), documents=docs,
                            metadatas=[it.metadata for it in old_items])
    new = _index(tmp_path)
    pruned: list[bool] = []
    embedded = new.sync(passages, figures, prune=lambda delete: (delete(), pruned.append(True)))
    assert pruned and embedded == 6 + 1  # the six rows' texts, and the passage whose stored text differed
    assert new.count() == len({it.text for it in items_of(passages, figures)}) == 2 + 6 + 1 and new.is_built()
    assert all(i.startswith(index_mod.VECTOR_PREFIX) for i in new._stored_ids())  # the old entries are gone
    reopened = _index(tmp_path)
    assert reopened.sync(passages, figures) == 0 and reopened.is_built()  # a later start embeds nothing
