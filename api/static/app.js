// The chat page. Everything from a person or an article is put on the page as text
// (textContent and text nodes), never parsed as HTML.
"use strict";

const HISTORY_TURNS = 10; // earlier turns sent with a follow-up; the server refuses more than its limit
const STORE_KEY = "qa.conversation.v1"; // the conversation, kept across a reload
const STORE_TURNS = 50;
const DOCUMENT_KEY = "qa.document.v1"; // the document questions are asked about ("" = all), kept like the conversation
const PHONE = window.matchMedia("(max-width: 59.99rem)");

const state = {
  turns: [], // [{question, answer, view}], oldest first: what is shown, stored and sent as history
  documents: new Map(), // id -> document (text, paragraphs, metadata), fetched when opened
  summaries: [], // [{id, title, published, source}]
  figures: [],
  flagged: new Set(), // figure ids the audit found do not add up
  sort: { key: null, dir: 1 },
  audit: null,
  evalLoaded: false,
  tab: "article", // the side panel shown beside the conversation
  busy: false,
};

// ---- small DOM helpers -----------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

const $ = (selector) => document.querySelector(selector);

function button(text, onClick, className = "") {
  const b = el("button", { type: "button", className }, text);
  b.addEventListener("click", onClick);
  return b;
}

// ---- numbers and dates, formatted for people ----------------------------------

function formatNumber(x) {
  return Number(x).toLocaleString("en-GB", { maximumFractionDigits: 1 });
}

function formatValue(value, unit) {
  if (value === null || value === undefined) return "";
  const n = formatNumber(value);
  if (unit === "percent") return `${n}%`;
  if (unit === "percentage_points") return `${n} percentage points`;
  if (unit === "years") return `${n} years`;
  if (unit === "money") return `£${n}`;
  if (unit === "date") return String(Math.trunc(value));
  return n;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

function periodLabel(period) {
  const one = (p) => (/^\d{4}-\d{2}$/.test(p) ? `${MONTHS[Number(p.slice(5)) - 1]} ${p.slice(0, 4)}` : p);
  if (!period) return "";
  const [a, b] = period.split("/", 2);
  return b === undefined ? one(a) : `${one(a)} to ${one(b)}`;
}

function dateLabel(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : (iso || "");
}

function cleanWarning(text) {
  const rest = String(text).replace(/^\s*(warning\s*:\s*)+/i, "").trim();
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

// ---- talking to the server -------------------------------------------------

class ServerError extends Error {}

async function errorMessage(response) {
  try {
    const body = await response.json();
    if (body && typeof body.detail === "string") return body.detail;
  } catch (_) { /* not JSON: fall through */ }
  return `The server answered ${response.status} ${response.statusText}.`;
}

async function send(url, options) {
  try {
    return await fetch(url, options);
  } catch (_) {
    throw new ServerError("The server could not be reached: it may be stopped or restarting, or this device is offline. Your question is kept; try again.");
  }
}

async function getJSON(url) {
  const response = await send(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new ServerError(await errorMessage(response));
  return response.json();
}

// POST /api/chat and read its Server-Sent Events: `delta` pieces, one `answer`, then its `view`.
async function streamAnswer(question, history, onDelta) {
  const document = chosenDocument();
  const response = await send("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(document ? { question, history, document } : { question, history }),
  });
  if (!response.ok) throw new ServerError(await errorMessage(response));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let answer = null;
  let view = null;
  const handle = (block) => {
    let event = "message";
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (!data.length) return;
    const payload = JSON.parse(data.join("\n"));
    if (event === "delta") onDelta(payload.text);
    else if (event === "answer") answer = payload;
    else if (event === "view") view = payload;
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let match;
      while ((match = /\r?\n\r?\n/.exec(buffer))) {
        handle(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    }
  } catch (_) {
    throw new ServerError("The connection to the server was lost before the answer was complete. Try again.");
  }
  if (buffer.trim()) handle(buffer);
  if (!answer) throw new ServerError("The answer stopped before it was complete. Try again.");
  return { answer, view: view || fallbackView(answer) };
}

// The page's view of an answer when the server sent none (an older server): the answer text as it is.
function fallbackView(answer) {
  return {
    headline: "", sentence: answer.answer, more: "", working: answer.calculation ? answer.calculation.expression : "",
    documents: [], warnings: (answer.warnings || []).map(cleanWarning), chart: null, followups: [], clarify: [],
  };
}

// ---- the conversation, kept in localStorage -------------------------------------

function saveConversation() {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(state.turns.slice(-STORE_TURNS)));
  } catch (_) { /* storage full or off: the conversation still works, it is just not kept */ }
}

function loadConversation() {
  try {
    const turns = JSON.parse(localStorage.getItem(STORE_KEY) || "[]");
    return Array.isArray(turns) ? turns.filter((t) => t && typeof t.question === "string" && t.answer && t.view) : [];
  } catch (_) {
    return [];
  }
}

// ---- the document questions are asked about, kept in localStorage ------------------------

function chosenDocument() {
  const picker = $("#ask-document");
  if (!picker) return "";
  if (picker.dataset.loaded !== "yes") return loadDocumentChoice(); // the list is still loading: keep the stored choice
  return !picker.closest("[hidden]") ? picker.value : "";
}

function saveDocumentChoice(id) {
  try {
    localStorage.setItem(DOCUMENT_KEY, id);
  } catch (_) { /* storage off: the choice lasts until a reload */ }
}

function loadDocumentChoice() {
  try {
    return localStorage.getItem(DOCUMENT_KEY) || "";
  } catch (_) {
    return "";
  }
}

function renderDocumentChoice(docs) {
  const picker = $("#ask-document");
  const stored = loadDocumentChoice();
  picker.replaceChildren(el("option", { value: "" }, "All documents"),
    ...docs.map((d) => el("option", { value: d.id }, `${d.title} (${dateLabel(d.published)})`)));
  picker.value = docs.some((d) => d.id === stored) ? stored : ""; // a removed document falls back to all
  $("#ask-document-wrap").hidden = docs.length < 2;
  picker.dataset.loaded = "yes";
}

function chooseDocument(id) {
  saveDocumentChoice(id);
  $("#status").textContent = id ? `Questions now go to “${docTitle(id)}” only.` : "Questions now go to all documents.";
  if (id) openArticle(id, undefined, undefined, false);
}

function history() {
  return state.turns.slice(-HISTORY_TURNS).map((t) => ({ question: t.question, answer: t.answer.answer }));
}

function showWelcome() {
  $("#welcome").hidden = state.turns.length > 0;
}

function newConversation() {
  state.turns = [];
  saveConversation();
  $("#conversation").replaceChildren();
  showWelcome();
  $("#status").textContent = "Started a new conversation.";
  $("#question").focus();
}

// ---- one answer ----------------------------------------------------------------

function docTitle(docId) {
  const d = state.summaries.find((s) => s.id === docId);
  return d ? d.title : docId;
}

function quoteButton(citation, number) {
  const b = el("button", { type: "button", className: "quote" }, el("q", {}, citation.quote));
  b.addEventListener("click", () => showCitation(citation));
  return number === undefined ? b : el("span", {}, el("span", { className: "num-label" }, `${number}`), " ", b);
}

// A quote that is a table cell, shown in its row under the table's column labels, the cell marked.
function cellTable(cell) {
  const table = el("table", { className: "cell-row" });
  if ((cell.header || []).length) {
    table.append(el("thead", {}, el("tr", {}, ...cell.header.map((h) => el("th", { scope: "col" }, h)))));
  }
  const cells = cell.row.map((text, i) => {
    if (i === cell.column) {
      return el("td", { className: "cited" }, el("mark", {}, text), el("span", { className: "visually-hidden" }, " (quoted)"));
    }
    return i === 0 ? el("th", { scope: "row" }, text) : el("td", {}, text);
  });
  table.append(el("tbody", {}, el("tr", {}, ...cells)));
  return el("div", { className: "cell-table", role: "region", "aria-label": "The quoted cell in its table row", tabindex: "0" }, table);
}

function renderChart(box, chart) {
  if (!chart || typeof window.Chart !== "function") return;
  const canvas = el("canvas", { role: "img", "aria-label": `Chart: ${chart.title ? `${chart.title}. ` : ""}${chart.description}` },
    chart.description);
  box.append(el("div", { className: "chart-box" }, canvas));
  const format = (v) => formatValue(v, chart.unit);
  const colours = ["#8fb3dc", "#0b5cad"];
  const common = {
    animation: false, responsive: true, maintainAspectRatio: false,
    plugins: {
      legend: { display: chart.kind === "doughnut", position: "right", labels: { boxWidth: 12 } },
      title: { display: Boolean(chart.title), text: chart.title, align: "start", color: "#57606a", font: { weight: "normal" } },
      tooltip: { callbacks: { label: (ctx) => `${ctx.label}: ${format(ctx.raw)}` } },
    },
  };
  const options = chart.kind === "bar"
    ? { ...common, indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { callback: (v) => format(v) } }, y: { ticks: { autoSkip: false } } } }
    : common;
  // eslint-disable-next-line no-new
  new window.Chart(canvas, {
    type: chart.kind,
    data: { labels: chart.labels, datasets: [{ label: chart.title || "value", data: chart.values, backgroundColor: colours, borderWidth: 0 }] },
    options,
  });
}

function answerAsText(turn) {
  const { view, answer } = turn;
  const lines = [`Q: ${turn.question}`, `A: ${view.headline ? `${view.headline}. ` : ""}${view.sentence}${view.more ? ` ${view.more}` : ""}`];
  if (view.working) lines.push(`How it was worked out: ${view.working}`);
  for (const w of view.warnings || []) lines.push(`Note: ${w}`);
  if ((view.documents || []).length) {
    lines.push("Sources:");
    for (const group of view.documents) {
      lines.push(`  ${group.title}${group.published ? ` (${dateLabel(group.published)})` : ""}`);
      for (const s of group.sources) lines.push(`  [${s.n}] “${s.quote}”`);
    }
  } else {
    (answer.citations || []).forEach((c, i) => lines.push(`[${i + 1}] “${c.quote}” (${c.doc_id})`));
  }
  return lines.join("\n");
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (_) {
    const area = el("textarea", { className: "visually-hidden", "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

function renderAnswer(node, turn) {
  const { view, answer } = turn;
  node.replaceChildren();
  const lead = el("p", { className: "answer-text" });
  if (view.headline) lead.append(el("strong", { className: "headline" }, view.headline), " ");
  lead.append(el("span", { className: "sentence" }, view.sentence));
  node.append(lead);
  if (view.more) node.append(el("p", { className: "more" }, view.more));
  if (answer.abstained) node.classList.add("abstained");
  renderChart(node, view.chart);
  if (view.working) {
    node.append(el("div", { className: "working" },
      el("span", { className: "label" }, "How it was worked out"), " ", el("code", {}, view.working)));
  }
  if ((view.warnings || []).length) {
    node.append(el("ul", { className: "warnings", "aria-label": "Notes" },
      ...view.warnings.map((w) => el("li", {}, w))));
  }
  if ((view.clarify || []).length) {
    node.append(el("div", { className: "clarify" },
      el("p", { className: "label" }, "Did you mean"),
      el("ul", { className: "chips" }, ...view.clarify.map((c) => el("li", {}, button(c, () => ask(c), "chip"))))));
  }
  const groups = view.documents || [];
  if (groups.length) {
    const sources = el("div", { className: "sources" });
    for (const group of groups) {
      sources.append(el("p", { className: "doc-line" },
        el("span", { className: "label" }, groups.length === 1 && group.sources.length === 1 ? "Source" : "Sources"), " ",
        el("cite", {}, group.title), group.published ? ` · ${dateLabel(group.published)}` : ""));
      sources.append(el("ol", {}, ...group.sources.map((s) => el("li", { value: s.n }, quoteButton(s),
        s.cell ? cellTable(s.cell) : null))));
    }
    node.append(sources);
    // a wide row scrolls sideways in its box: bring the quoted cell into view beside the sticky row label
    for (const box of sources.querySelectorAll(".cell-table")) {
      const cited = box.querySelector(".cited");
      const label = box.querySelector("tbody th");
      const left = cited.offsetLeft - (label ? label.offsetWidth : 0);
      if (cited.offsetLeft + cited.offsetWidth > box.clientWidth) box.scrollLeft = Math.max(0, left - 8);
    }
  }
  const copy = button("Copy", async () => {
    const ok = await copyText(answerAsText(turn));
    copy.textContent = ok ? "Copied" : "Copy failed";
    $("#status").textContent = ok ? "Answer and sources copied." : "Could not copy: select the text instead.";
    setTimeout(() => { copy.textContent = "Copy"; }, 2000);
  }, "small copy");
  copy.setAttribute("aria-label", "Copy the answer and its sources");
  node.append(el("div", { className: "actions" }, copy));
  if ((view.followups || []).length) {
    node.append(el("div", { className: "followups" },
      el("p", { className: "label" }, "Ask next"),
      el("ul", { className: "chips" }, ...view.followups.map((q) => el("li", {}, button(q, () => ask(q), "chip"))))));
  }
}

function addTurn(question) {
  const answer = el("div", { className: "bubble answer", role: "group", "aria-label": "Answer" },
    el("p", { className: "answer-text pending" }));
  const turn = el("li", { className: "turn", "aria-busy": "true" },
    el("div", { className: "bubble question" }, el("span", { className: "visually-hidden" }, "You asked: "), el("p", {}, question)),
    answer);
  $("#conversation").append(turn);
  showWelcome();
  return { turn, answer };
}

function scrollToTurn(turn) {
  // the newest answer's start at the top of the conversation, the question box still in view below it
  turn.scrollIntoView({ block: "start", behavior: "auto" });
}

function renderFailure(view, question, message) {
  view.turn.classList.add("failed");
  view.answer.replaceChildren(
    el("p", { className: "error", role: "alert" }, message),
    button("Retry", () => { view.turn.remove(); ask(question); }, "small retry"));
}

async function ask(question) {
  const status = $("#status");
  const input = $("#question");
  if (!question.trim()) {
    status.textContent = "Type a question first.";
    input.focus();
    return;
  }
  if (state.busy) return;
  state.busy = true;
  $("#ask-button").disabled = true;
  status.textContent = "Answering…";
  if (PHONE.matches) selectTab("chat");
  const view = addTurn(question);
  scrollToTurn(view.turn);
  try {
    const pending = view.answer.querySelector(".answer-text");
    const { answer, view: shown } = await streamAnswer(question, history(), (piece) => pending.append(piece));
    const turn = { question, answer, view: shown };
    state.turns.push(turn);
    saveConversation();
    renderAnswer(view.answer, turn);
    status.textContent = "Answered.";
    input.value = "";
    autoGrow();
  } catch (error) {
    renderFailure(view, question, error.message);
    status.textContent = "";
  } finally {
    view.turn.removeAttribute("aria-busy");
    state.busy = false;
    $("#ask-button").disabled = false;
    scrollToTurn(view.turn);
    if (!PHONE.matches || document.activeElement === document.body) input.focus({ preventScroll: true });
  }
}

function restoreConversation() {
  state.turns = loadConversation();
  for (const turn of state.turns) {
    const view = addTurn(turn.question);
    view.turn.removeAttribute("aria-busy");
    renderAnswer(view.answer, turn);
  }
  showWelcome();
  const last = $("#conversation").lastElementChild;
  if (last) scrollToTurn(last);
}

// ---- the article, with the quoted span highlighted ---------------------------------

async function loadDocument(docId) {
  if (!state.documents.has(docId)) {
    state.documents.set(docId, await getJSON(`/api/documents/${encodeURIComponent(docId)}`));
  }
  return state.documents.get(docId);
}

async function openArticle(docId, start, end, focus = true) {
  try {
    const doc = await loadDocument(docId);
    renderArticle(doc, start, end, focus);
  } catch (error) {
    $("#article-text").replaceChildren(el("p", { className: "error", role: "alert" }, error.message));
  }
}

function showCitation(citation) {
  selectTab("article");
  return openArticle(citation.doc_id, citation.start, citation.end);
}

const CELL_SEPARATOR = " | "; // how the server writes a table row into an article's text

// Runs of two or more paragraphs that are rows of one table: each splits into the same number (two or more)
// of cells. Returns [{from, to, width}] over paragraph indexes (`to` exclusive).
function tableRuns(doc) {
  const widths = doc.paragraphs.map((p) => doc.text.slice(p.start, p.end).split(CELL_SEPARATOR).length);
  const runs = [];
  let i = 0;
  while (i < widths.length) {
    let j = i + 1;
    while (widths[i] > 1 && j < widths.length && widths[j] === widths[i]) j += 1;
    if (j - i >= 2) runs.push({ from: i, to: j, width: widths[i] });
    i = j;
  }
  return runs;
}

// A table's rows as a table, the first row as column labels; the cited cell marked. Returns [node, mark].
function articleTable(doc, paras, start, end, n) {
  let highlighted = null;
  const rows = paras.map((para, r) => {
    let pos = para.start;
    const cells = doc.text.slice(para.start, para.end).split(CELL_SEPARATOR).map((text, c) => {
      const [a, b] = [pos, pos + text.length];
      pos = b + CELL_SEPARATOR.length;
      const cited = start !== undefined && a === start && b === end;
      const content = cited ? (highlighted = el("mark", { tabindex: "-1" }, text)) : text;
      if (r === 0) return el("th", { scope: "col" }, content);
      if (c === 0) return el("th", { scope: "row", className: cited ? "cited" : "" }, content);
      return el("td", { className: cited ? "cited" : "" }, content);
    });
    return el("tr", {}, ...cells);
  });
  const table = el("table", { className: "article-table" }, el("thead", {}, rows[0]), el("tbody", {}, ...rows.slice(1)));
  return [el("div", { className: "table-wrap", role: "region", "aria-label": `Table ${n}`, tabindex: "0" }, table), highlighted];
}

function renderArticle(doc, start, end, focus) {
  $("#article-title").textContent = doc.title;
  $("#article-meta").textContent = [dateLabel(doc.published), doc.source].filter(Boolean).join(" · ");
  $("#doc-picker").value = doc.id;
  const body = $("#article-text");
  body.replaceChildren();
  let highlighted = null;
  const runs = tableRuns(doc);
  let index = 0;
  for (const [n, run] of runs.entries()) {
    const paras = doc.paragraphs.slice(run.from, run.to);
    const span = [paras[0].start, paras[paras.length - 1].end];
    const citedHere = start !== undefined && start >= span[0] && start < span[1];
    for (; index < run.from; index += 1) highlighted = articleParagraph(body, doc, doc.paragraphs[index], start, end) || highlighted;
    const [node, mark] = articleTable(doc, paras, start, end, n + 1);
    if (citedHere && !mark) {
      // a quote that is not one whole cell: the rows as written, the quote marked in its row
      for (; index < run.to; index += 1) highlighted = articleParagraph(body, doc, doc.paragraphs[index], start, end) || highlighted;
      continue;
    }
    body.append(node);
    highlighted = mark || highlighted;
    index = run.to;
  }
  for (; index < doc.paragraphs.length; index += 1) highlighted = articleParagraph(body, doc, doc.paragraphs[index], start, end) || highlighted;
  if (!focus) return;
  if (highlighted) {
    highlighted.scrollIntoView({ block: "center" });
    highlighted.focus({ preventScroll: true });
  } else {
    $("#article-title").focus();
  }
}

// One paragraph of the article; the quoted span marked when it is in it. Returns the mark, if any.
function articleParagraph(body, doc, para, start, end) {
  const p = el("p");
  let highlighted = null;
  const cited = start !== undefined && start >= para.start && start < para.end && end <= para.end;
  if (cited) {
    p.className = "cited";
    highlighted = el("mark", { tabindex: "-1" }, doc.text.slice(start, end));
    p.append(doc.text.slice(para.start, start), highlighted, doc.text.slice(end, para.end));
  } else {
    p.append(doc.text.slice(para.start, para.end));
  }
  body.append(p);
  return highlighted;
}

function renderDocuments(docs) {
  state.summaries = docs;
  $("#doc-count").textContent = docs.length === 1 ? "this article" : `these ${docs.length} articles`;
  const shown = docs.slice(0, 5);
  $("#doc-cards").replaceChildren(...shown.map((d) => el("li", { className: "doc-card" },
    button(d.title, () => { selectTab("article"); openArticle(d.id); }, "doc-title"),
    el("p", { className: "meta" }, [dateLabel(d.published), d.source].filter(Boolean).join(" · ")))));
  if (docs.length > shown.length) {
    $("#doc-cards").append(el("li", { className: "meta" }, `and ${docs.length - shown.length} more: choose one under Article.`));
  }
  const picker = $("#doc-picker");
  picker.replaceChildren(...docs.map((d) => el("option", { value: d.id }, `${d.title} (${dateLabel(d.published)})`)));
  $("#doc-picker-wrap").hidden = docs.length < 2;
  renderDocumentChoice(docs);
  const first = chosenDocument() || (docs.length ? docs[0].id : "");
  if (first) openArticle(first, undefined, undefined, false);
}

// ---- the figures table ----------------------------------------------------------

async function loadFigures() {
  try {
    const [figures] = await Promise.all([getJSON("/api/figures"), loadAudit(false)]);
    state.figures = figures;
    renderFigures();
  } catch (error) {
    $("#figures-table tbody").replaceChildren(
      el("tr", {}, el("td", { colspan: "5", className: "error" }, error.message)));
  }
}

function renderFigures() {
  const filter = $("#figures-filter").value.trim().toLocaleLowerCase();
  const { key, dir } = state.sort;
  const rows = state.figures
    .filter((f) => !filter || `${f.subject} ${f.measure}`.toLocaleLowerCase().includes(filter));
  if (key) {
    rows.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      const order = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
      return order * dir;
    });
  }
  $("#figures-table tbody").replaceChildren(...rows.map((f) => {
    const qualifier = f.qualifier && f.qualifier !== "exact" ? `${f.qualifier} ` : "";
    const flagged = state.flagged.has(f.id);
    return el("tr", { className: flagged ? "flagged" : "" },
      el("td", {}, f.subject),
      el("td", {}, f.measure),
      el("td", { className: "nowrap" }, periodLabel(f.period)),
      el("td", { className: "num" }, qualifier + formatValue(f.value, f.unit),
        flagged ? el("span", { className: "flag", title: "The audit found this figure does not add up" }, "flagged") : null),
      el("td", {}, quoteButton({ doc_id: f.doc_id, start: f.start, end: f.end, quote: f.quote })));
  }));
  $("#figures-caption").textContent = `Figures stated in the articles: ${rows.length} shown`;
}

function sortFigures(key) {
  state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : 1 };
  for (const th of document.querySelectorAll("#figures-table th[aria-sort]")) {
    const mine = th.querySelector("button").dataset.key === key;
    th.setAttribute("aria-sort", mine ? (state.sort.dir === 1 ? "ascending" : "descending") : "none");
  }
  renderFigures();
}

// ---- the audit -----------------------------------------------------------------

const STATUS_WORDS = { inconsistent: "does not add up", consistent: "adds up", not_derivable: "cannot be checked" };
const STATUS_ORDER = ["inconsistent", "consistent", "not_derivable"];

async function loadAudit(render = true) {
  if (!state.audit) {
    state.audit = getJSON("/api/audit").then((report) => {
      for (const f of report.findings || []) {
        if (f.status === "inconsistent" && (f.figure_ids || []).length) state.flagged.add(f.figure_ids[0]);
      }
      return report;
    });
    state.audit.catch(() => { state.audit = null; });
  }
  if (!render) return state.audit.catch(() => null);
  const status = $("#audit-status");
  status.textContent = "Loading the audit…";
  try {
    const report = await state.audit;
    const findings = [...(report.findings || [])].sort(
      (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
    const counts = {};
    for (const f of findings) counts[f.status] = (counts[f.status] || 0) + 1;
    status.textContent = findings.length
      ? `${findings.length} claims checked against the article's own figures.`
      : "No claims to check.";
    $("#audit-summary").replaceChildren(...STATUS_ORDER.filter((s) => counts[s]).map((s) =>
      el("li", { className: `count status-${s}` }, el("strong", {}, String(counts[s])), ` ${s.replace("_", " ")}`)));
    $("#audit-findings").replaceChildren(...findings.map(renderFinding));
  } catch (error) {
    status.textContent = error.message;
  }
}

function renderFinding(finding) {
  const has = (x) => x !== null && x !== undefined;
  const numbers = [];
  if (has(finding.stated)) numbers.push(`Stated: ${formatValue(finding.stated, finding.unit)}`);
  if (has(finding.computed)) numbers.push(`Worked out: ${formatValue(finding.computed, finding.unit)}`);
  const status = String(finding.status).replace(/[^a-z_-]/gi, "");
  return el("li", { className: `finding status-${status}` },
    el("details", { open: status === "inconsistent" },
      el("summary", {}, el("span", { className: "badge" }, STATUS_WORDS[status] || status), " ", finding.claim),
      numbers.length ? el("p", {}, numbers.join(" · ")) : null,
      finding.expression ? el("p", {}, el("code", {}, finding.expression)) : null,
      finding.explanation ? el("p", {}, finding.explanation) : null,
      (finding.quotes || []).length
        ? el("ol", { className: "sources" }, ...finding.quotes.map((c) => el("li", {}, quoteButton(c))))
        : null));
}

// ---- the evaluation -------------------------------------------------------------

function pct(x) {
  return x === null || x === undefined ? "–" : `${formatNumber(x)}%`;
}

async function loadEval() {
  const status = $("#eval-status");
  const body = $("#eval-body");
  status.textContent = "Loading the latest evaluation…";
  try {
    const report = await getJSON("/api/eval");
    state.evalLoaded = true;
    status.textContent = `Latest run${report.when ? ` ${report.when}` : ""}${report.target ? ` against ${report.target}` : ""}.`;
    const sets = report.sets || [];
    const chart = el("canvas", { role: "img", "aria-label": `Chart: accuracy and confidently wrong per set. ${sets.map((s) => `${s.set}: ${pct(s.figures.accuracy)} right, ${pct(s.figures.confidently_wrong_pct)} confidently wrong`).join("; ")}` });
    const table = el("table", { className: "eval-table" },
      el("caption", { className: "visually-hidden" }, "Figures per evaluation set"),
      el("thead", {}, el("tr", {}, ...["Set", "Questions", "Accuracy", "Confidently wrong", "Abstention P / R", "Ungrounded"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...sets.map((s) => el("tr", {},
        el("th", { scope: "row" }, s.set, s.sealed ? el("span", { className: "sealed" }, "sealed") : null),
        el("td", { className: "num" }, formatNumber(s.figures.n ?? 0)),
        el("td", { className: "num" }, pct(s.figures.accuracy)),
        el("td", { className: "num" }, pct(s.figures.confidently_wrong_pct)),
        el("td", { className: "num" }, `${pct(s.figures.abstain_precision)} / ${pct(s.figures.abstain_recall)}`),
        el("td", { className: "num" }, formatNumber(s.figures.ungrounded ?? 0))))));
    const gates = (report.gates || []).length
      ? el("ul", { className: "gates" }, ...report.gates.map((g) => el("li", { className: g.passed ? "pass" : "fail" },
        el("strong", {}, g.passed ? "pass" : "fail"), ` ${g.name}`)))
      : null;
    const wrong = sets.filter((s) => !s.sealed && Array.isArray(s.confidently_wrong)).map((s) =>
      el("details", { className: "wrong" },
        el("summary", {}, `Confidently wrong in ${s.set} (${s.confidently_wrong.length})`),
        s.confidently_wrong.length
          ? el("ol", {}, ...s.confidently_wrong.map((r) => el("li", {},
            el("p", {}, el("strong", {}, r.question)),
            el("p", {}, `Answered: ${r.answer}`),
            el("p", { className: "meta" }, `Expected: ${r.expected}${r.reason ? ` (${r.reason})` : ""}`))))
          : el("p", {}, "None.")));
    body.replaceChildren(el("div", { className: "chart-box tall" }, chart),
      el("div", { className: "table-wrap", role: "region", "aria-label": "Evaluation sets", tabindex: "0" }, table),
      gates, ...wrong,
      el("p", { className: "hint" }, "Confidently wrong = answered, not abstained, and wrong. Sealed test sets show aggregate figures only."));
    if (typeof window.Chart === "function") {
      new window.Chart(chart, {
        type: "bar",
        data: {
          labels: sets.map((s) => s.set),
          datasets: [
            { label: "accuracy %", data: sets.map((s) => s.figures.accuracy ?? 0), backgroundColor: "#2e7d32" },
            { label: "confidently wrong %", data: sets.map((s) => s.figures.confidently_wrong_pct ?? 0), backgroundColor: "#c62828" },
          ],
        },
        options: { animation: false, responsive: true, maintainAspectRatio: false, indexAxis: "y",
          scales: { x: { min: 0, max: 100 } }, plugins: { legend: { position: "bottom" } } },
      });
    }
  } catch (error) {
    status.textContent = error.message;
    body.replaceChildren();
  }
}

// ---- views: tabs in the top bar (ARIA tabs: arrow keys move between them) -------------

function selectTab(name) {
  const phone = PHONE.matches;
  if (name === "chat" && !phone) name = state.tab; // on a wide screen the conversation is always shown
  if (name !== "chat") state.tab = name;
  document.body.dataset.view = name === "chat" ? "chat" : "panel";
  for (const tab of document.querySelectorAll("[role=tab]")) {
    const mine = tab.id === `tab-${name}`;
    tab.setAttribute("aria-selected", String(mine));
    tab.tabIndex = mine ? 0 : -1;
    const panel = document.getElementById(tab.getAttribute("aria-controls"));
    if (panel.classList.contains("panel")) panel.hidden = tab.id !== `tab-${state.tab}`;
  }
  if (name === "figures" && !state.figures.length) loadFigures();
  if (name === "audit") loadAudit();
  if (name === "eval" && !state.evalLoaded) loadEval();
}

function setUpTabs() {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  tabs.forEach((tab) => {
    tab.addEventListener("click", () => selectTab(tab.id.slice(4)));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const visible = tabs.filter((t) => t.offsetParent !== null);
      const next = visible[(visible.indexOf(tab) + step + visible.length) % visible.length];
      selectTab(next.id.slice(4));
      next.focus();
      event.preventDefault();
    });
  });
  selectTab(PHONE.matches ? "chat" : "article");
  PHONE.addEventListener("change", () => selectTab(PHONE.matches ? "chat" : state.tab));
}

// ---- start ---------------------------------------------------------------------

function autoGrow() {
  const input = $("#question");
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}

function start() {
  const input = $("#question");
  $("#ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    ask(input.value);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ask(input.value);
    }
  });
  input.addEventListener("input", autoGrow);
  $("#new-conversation").addEventListener("click", newConversation);
  for (const b of document.querySelectorAll(".suggestion")) {
    b.addEventListener("click", () => ask(b.textContent));
  }
  for (const b of document.querySelectorAll("#figures-table th button")) {
    b.addEventListener("click", () => sortFigures(b.dataset.key));
  }
  $("#figures-filter").addEventListener("input", renderFigures);
  $("#doc-picker").addEventListener("change", (event) => openArticle(event.target.value));
  $("#ask-document").addEventListener("change", (event) => chooseDocument(event.target.value));
  setUpTabs();
  restoreConversation();
  getJSON("/api/documents")
    .then(renderDocuments)
    .catch((error) => { $("#doc-cards").replaceChildren(el("li", { className: "error" }, error.message)); });
}

document.addEventListener("DOMContentLoaded", start);
