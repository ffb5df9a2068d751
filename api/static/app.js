// The chat page. Everything from a person or an article is put on the page as text
// (textContent and text nodes), never parsed as HTML.
"use strict";

const HISTORY_TURNS = 10; // earlier turns sent with a follow-up; the server refuses more than its limit

const state = {
  history: [], // [{question, answer}], oldest first
  documents: new Map(), // id -> document (text, paragraphs, metadata), fetched when a quote is opened
  titles: new Map(), // id -> title, for naming the source under a quote
  figures: [],
  sort: { key: null, dir: 1 }, // table order until a heading is chosen
  auditLoaded: false,
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

// ---- numbers, formatted for people -------------------------------------------

function formatNumber(x) {
  return Number(x).toLocaleString("en-GB", { maximumFractionDigits: 1 });
}

function formatValue(value, unit) {
  if (value === null || value === undefined) return "";
  const n = formatNumber(value);
  if (unit === "percent") return `${n}%`;
  if (unit === "percentage_points") return `${n} percentage points`;
  if (unit === "years") return `${n} years`;
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

// ---- talking to the server -------------------------------------------------

async function errorMessage(response) {
  try {
    const body = await response.json();
    if (body && typeof body.detail === "string") return body.detail;
  } catch (_) { /* not JSON: fall through */ }
  return `The server answered ${response.status} ${response.statusText}.`;
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(await errorMessage(response));
  return response.json();
}

// POST /api/chat and read its Server-Sent Events: `delta` pieces, then one `answer`.
async function streamAnswer(question, history, onDelta) {
  const response = await fetch("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ question, history }),
  });
  if (!response.ok) throw new Error(await errorMessage(response));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let answer = null;
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
  };
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
  if (buffer.trim()) handle(buffer);
  if (!answer) throw new Error("The answer stopped before it was complete. Please ask again.");
  return answer;
}

// ---- the conversation --------------------------------------------------------

function documentTitle(docId) {
  return state.titles.get(docId) || docId;
}

function quoteButton(citation) {
  const button = el("button", { type: "button", className: "quote" },
    el("q", {}, citation.quote));
  button.addEventListener("click", () => showCitation(citation));
  return el("span", {}, button,
    el("span", { className: "where" }, ` ${documentTitle(citation.doc_id)}`));
}

function renderAnswerDetails(container, answer) {
  container.replaceChildren();
  if (answer.calculation) {
    container.append(el("div", { className: "working" },
      el("h4", {}, "Working"),
      el("p", {}, el("code", {}, answer.calculation.expression))));
  }
  if (answer.citations.length) {
    container.append(el("div", { className: "sources" },
      el("h4", {}, answer.citations.length === 1 ? "Source" : "Sources"),
      el("ol", {}, ...answer.citations.map((c) => el("li", {}, quoteButton(c))))));
  }
  if (answer.warnings.length) {
    container.append(el("div", { className: "warnings" },
      el("h4", {}, "Please note"),
      el("ul", {}, ...answer.warnings.map((w) => el("li", {}, w)))));
  }
}

function addTurn(question) {
  const text = el("p", { className: "answer-text" });
  const details = el("div", { className: "details" });
  const turn = el("li", { className: "turn", "aria-busy": "true" },
    el("div", { className: "bubble question" }, el("span", { className: "who" }, "You asked"), el("p", {}, question)),
    el("div", { className: "bubble answer" }, el("span", { className: "who" }, "Answer"), text, details));
  $("#conversation").append(turn);
  turn.scrollIntoView({ block: "end", behavior: "smooth" });
  return { turn, text, details };
}

async function ask(question) {
  const form = $("#ask-form");
  const status = $("#status");
  const button = $("#ask-button");
  if (!question.trim()) {
    status.textContent = "Type a question first.";
    $("#question").focus();
    return;
  }
  button.disabled = true;
  form.setAttribute("aria-busy", "true");
  status.textContent = "Answering…";
  const view = addTurn(question);
  try {
    const history = state.history.slice(-HISTORY_TURNS);
    const answer = await streamAnswer(question, history, (piece) => view.text.append(piece));
    view.text.textContent = answer.answer;
    if (answer.abstained) view.turn.classList.add("abstained");
    renderAnswerDetails(view.details, answer);
    state.history.push({ question, answer: answer.answer });
    status.textContent = "Answered.";
    $("#question").value = "";
  } catch (error) {
    view.turn.classList.add("failed");
    view.text.textContent = "";
    view.details.replaceChildren(el("p", { className: "error", role: "alert" }, error.message));
    status.textContent = "";
  } finally {
    view.turn.removeAttribute("aria-busy");
    form.removeAttribute("aria-busy");
    button.disabled = false;
    $("#question").focus();
  }
}

// ---- the article, with the quoted span highlighted ---------------------------------

async function loadDocument(docId) {
  if (!state.documents.has(docId)) {
    state.documents.set(docId, await getJSON(`/api/documents/${encodeURIComponent(docId)}`));
  }
  return state.documents.get(docId);
}

async function showCitation(citation) {
  selectTab("article");
  try {
    const doc = await loadDocument(citation.doc_id);
    renderArticle(doc, citation.start, citation.end);
  } catch (error) {
    $("#article-text").replaceChildren(el("p", { className: "error", role: "alert" }, error.message));
  }
}

function renderArticle(doc, start, end) {
  $("#article-title").textContent = doc.title;
  $("#article-meta").textContent = `Published ${doc.published}${doc.source ? ` · ${doc.source}` : ""}`;
  $("#article-empty").hidden = true;
  const body = $("#article-text");
  body.replaceChildren();
  let highlighted = null;
  for (const para of doc.paragraphs) {
    const p = el("p");
    const cited = start !== undefined && start >= para.start && start < para.end && end <= para.end;
    if (cited) {
      p.className = "cited";
      highlighted = el("mark", { tabindex: "-1" }, doc.text.slice(start, end));
      p.append(doc.text.slice(para.start, start), highlighted, doc.text.slice(end, para.end));
    } else {
      p.append(doc.text.slice(para.start, para.end));
    }
    body.append(p);
  }
  if (highlighted) {
    highlighted.scrollIntoView({ block: "center" });
    highlighted.focus({ preventScroll: true });
  } else {
    $("#article-title").focus();
  }
}

// ---- the figures table ----------------------------------------------------------

async function loadFigures() {
  try {
    state.figures = await getJSON("/api/figures");
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
    const quote = el("button", { type: "button", className: "quote" }, el("q", {}, f.quote));
    quote.addEventListener("click", () => showCitation({ doc_id: f.doc_id, start: f.start, end: f.end, quote: f.quote }));
    const qualifier = f.qualifier && f.qualifier !== "exact" ? `${f.qualifier} ` : "";
    return el("tr", {},
      el("td", {}, f.subject),
      el("td", {}, f.measure),
      el("td", {}, periodLabel(f.period)),
      el("td", { className: "num" }, qualifier + formatValue(f.value, f.unit)),
      el("td", {}, quote));
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

async function loadAudit() {
  const status = $("#audit-status");
  const list = $("#audit-findings");
  status.textContent = "Loading the audit…";
  try {
    const report = await getJSON("/api/audit");
    state.auditLoaded = true;
    const findings = report.findings || [];
    status.textContent = findings.length ? `${findings.length} claims checked.` : "No claims to check.";
    list.replaceChildren(...findings.map(renderFinding));
  } catch (error) {
    status.textContent = error.message;
  }
}

function renderFinding(finding) {
  const numbers = [];
  const has = (x) => x !== null && x !== undefined;
  if (has(finding.stated)) numbers.push(`Stated: ${formatValue(finding.stated, finding.unit)}`);
  if (has(finding.computed)) numbers.push(`Worked out: ${formatValue(finding.computed, finding.unit)}`);
  const workings = finding.workings && finding.workings.length ? finding.workings : [finding.expression].filter(Boolean);
  return el("li", { className: `finding status-${String(finding.status).replace(/[^a-z_-]/gi, "")}` },
    el("p", {}, el("strong", { className: "badge" }, String(finding.status)), " ", finding.claim),
    numbers.length ? el("p", {}, numbers.join(" · ")) : null,
    workings.length ? el("ul", { className: "workings" }, ...workings.map((w) => el("li", {}, el("code", {}, w)))) : null,
    finding.explanation ? el("p", {}, finding.explanation) : null,
    (finding.quotes || []).length
      ? el("ol", { className: "sources" }, ...finding.quotes.map((c) => el("li", {}, quoteButton(c))))
      : null);
}

// ---- tabs (ARIA tabs: arrow keys move between them) ------------------------------

function selectTab(name) {
  for (const tab of document.querySelectorAll("[role=tab]")) {
    const mine = tab.id === `tab-${name}`;
    tab.setAttribute("aria-selected", String(mine));
    tab.tabIndex = mine ? 0 : -1;
    document.getElementById(tab.getAttribute("aria-controls")).hidden = !mine;
  }
  if (name === "figures" && !state.figures.length) loadFigures();
  if (name === "audit" && !state.auditLoaded) loadAudit();
}

function setUpTabs() {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => selectTab(tab.id.slice(4)));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = tabs[(i + step + tabs.length) % tabs.length];
      selectTab(next.id.slice(4));
      next.focus();
      event.preventDefault();
    });
  });
}

// ---- start ---------------------------------------------------------------------

function start() {
  const input = $("#question");
  $("#ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    ask(input.value);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (!$("#ask-button").disabled) ask(input.value);
    }
  });
  $("#new-conversation").addEventListener("click", () => {
    state.history = [];
    $("#conversation").replaceChildren();
    $("#status").textContent = "Started a new conversation.";
    input.focus();
  });
  for (const button of document.querySelectorAll(".suggestion")) {
    button.addEventListener("click", () => {
      input.value = button.textContent;
      ask(button.textContent);
    });
  }
  for (const button of document.querySelectorAll("#figures-table th button")) {
    button.addEventListener("click", () => sortFigures(button.dataset.key));
  }
  $("#figures-filter").addEventListener("input", renderFigures);
  setUpTabs();
  getJSON("/api/documents")
    .then((docs) => { for (const d of docs) state.titles.set(d.id, d.title); })
    .catch(() => { /* titles are a nicety; quotes still open their article */ });
}

document.addEventListener("DOMContentLoaded", start);
