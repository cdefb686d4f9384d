// The audit page: a file of decisions already taken sent to POST
// /v1/AuditBatch: JSON lines (a DecidedCase a line, application/x-ndjson) or
// CSV (a header naming the columns of include/netra/columns.h, a decision a
// row, text/csv); one AuditFinding (or {"line","code","error"}) comes back
// per decision. Findings
// are shown with their reasons and articles and can be downloaded.

import { callLines } from "./api.js";
import { $, h, table, scrollRegion } from "./dom.js";
import { t, int } from "./i18n.js";
import { showError, state } from "./app.js";
import { csvBlob, save } from "./files.js";
import { xlsxBlob } from "./xlsx.js";

const VERDICTS = ["NOT_SANCTIONED", "TOO_LIGHT", "TOO_HEAVY", "DOUBLE_SANCTION", "OTHER_TYPE", "TYPE_NOT_IN_FORCE",
  "OFFICIAL_WITHOUT_AUTHORITY", "RECOMMENDATION_NOT_FOLLOWED", "CANNOT_ASSESS", "WITHIN_LAW", "INVALID"];
let results = null;  // [{line, answer}]
let raw = "";

export function init() {
  $("audit-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (file) $("audit-text").value = "";
  });
  scrollRegion($("audit-table").parentElement, "audit-heading");
  $("audit-form").addEventListener("submit", (e) => { e.preventDefault(); run(); });
  $("audit-only").addEventListener("change", render);
  $("audit-csv").addEventListener("click", () => save(csvBlob(rowsForFile()), fileName("csv")));
  $("audit-xlsx").addEventListener("click", () => save(xlsxBlob(rowsForFile(), t("audit.heading")), fileName("xlsx")));
  $("audit-jsonl").addEventListener("click", () => save(new Blob([raw], { type: "application/x-ndjson" }), fileName("jsonl")));
}

async function run() {
  const status = $("audit-status");
  const file = $("audit-file").files[0];
  const text = file ? await file.text() : $("audit-text").value;
  // CSV when the file says so, or when pasted text does not start with a
  // JSON object; the service reads its header and names each bad row's line.
  const first = text.replace(/^\uFEFF/, "").trimStart();
  const csv = file ? /\.csv$/i.test(file.name) : first !== "" && !first.startsWith("{");
  // Blank lines are left out; each line sent keeps its number in the input
  // (a CSV's header is its line 1 and gets no answer).
  const lines = [], numbers = [];
  text.split(/\r?\n/).forEach((l, i) => { if (l.trim()) { lines.push(l); numbers.push(i + 1); } });
  if (csv) numbers.shift();
  if (!numbers.length) { status.textContent = t("audit.empty"); return; }
  status.textContent = t("audit.running", int(numbers.length));
  try {
    const answers = await callLines("AuditBatch", lines.join("\n") + "\n", { csv });
    raw = answers.map((a) => JSON.stringify(a)).join("\n") + "\n";
    // An error's line is that of the text sent (for CSV counting the header).
    const sent = (line) => numbers[Number(line) - (csv ? 2 : 1)] ?? Number(line);
    results = answers.map((a, i) => ({ line: a.line !== undefined && a.error !== undefined ? sent(a.line) : numbers[i], answer: a }));
    status.textContent = t("audit.summary", int(results.length));
    render();
    $("audit-result").hidden = false;
  } catch (e) {
    status.textContent = "";
    showError(e);
  }
}

function verdictOf(a) { return a.error !== undefined ? "INVALID" : a.verdict || "CANNOT_ASSESS"; }

function articles(a) {
  const seen = new Set();
  for (const b of a.basis || []) for (const c of b.cited_as || []) seen.add(c);
  return [...seen];
}

export function render() {
  if (!results) return;
  const counts = new Map(VERDICTS.map((v) => [v, 0]));
  for (const r of results) counts.set(verdictOf(r.answer), (counts.get(verdictOf(r.answer)) || 0) + 1);
  $("audit-figures").replaceChildren(...VERDICTS.filter((v) => counts.get(v) || v === "WITHIN_LAW").map((v) =>
    h("div", { class: `figure verdict-${v}`, "data-testid": `audit-${v}`, dataset: { value: counts.get(v) } },
      h("span", { class: "figure-label" }, t(`verdict.${v}`)), h("span", { class: "figure-value" }, int(counts.get(v))))));
  const only = $("audit-only").checked;
  const rows = results.filter((r) => !only || verdictOf(r.answer) !== "WITHIN_LAW").map(({ line, answer: a }) => {
    const v = verdictOf(a);
    const cited = articles(a);
    return h("tr", { "data-testid": "audit-row", dataset: { verdict: v } },
      h("td", { class: "num" }, int(line)),
      h("th", { scope: "row" }, a.case_id || t("audit.no_case")),
      h("td", {}, h("span", { class: `verdict verdict-${v}` }, t(`verdict.${v}`)),
        (a.verdicts || []).length > 1 ? h("span", { class: "paraphrase" }, a.verdicts.slice(1).map((x) => t(`verdict.${x}`)).join(", ")) : null),
      h("td", {}, a.error !== undefined ? `${a.code}: ${a.error}` : h("ul", { class: "reasons" }, (a.reasons || []).map((r) => h("li", {}, r)))),
      h("td", {}, cited.length ? h("details", {}, h("summary", {}, cited[cited.length - 1]),
        h("ul", { class: "reasons" }, cited.map((c) => h("li", {}, c)))) : ""));
  });
  table($("audit-table"), {
    caption: t("audit.heading"),
    head: [{ text: t("audit.col.line"), class: "num" }, { text: t("audit.col.case") }, { text: t("audit.col.verdict") },
      { text: t("audit.col.reasons") }, { text: t("audit.col.basis") }],
    rows, empty: t("audit.empty"),
  });
}

function rowsForFile() {
  const head = [t("audit.col.line"), t("audit.col.case"), t("audit.col.verdict"), "verdict", t("audit.col.reasons"), t("audit.col.basis")];
  return [head, ...results.map(({ line, answer: a }) => [
    line, a.case_id || "", t(`verdict.${verdictOf(a)}`), a.error !== undefined ? "INVALID" : (a.verdicts || [a.verdict]).join(" "),
    a.error !== undefined ? `${a.code}: ${a.error}` : (a.reasons || []).join(" | "), articles(a).join("; ")])];
}

function fileName(ext) { return `temuan-audit_${state.asOf || "hasil"}.${ext}`; }
