// The audit page: a JSON-lines file of decisions already taken (DecidedCase
// per line) sent to POST /v1/AuditBatch as application/x-ndjson; one
// AuditFinding (or {"line","code","error"}) comes back per line. Findings
// are shown with their reasons and articles and can be downloaded.

import { callLines } from "./api.js";
import { $, h, table } from "./dom.js";
import { t, int } from "./i18n.js";
import { showError, state } from "./app.js";
import { csvBlob, save } from "./files.js";
import { xlsxBlob } from "./xlsx.js";

const VERDICTS = ["TOO_LIGHT", "TOO_HEAVY", "OTHER_TYPE", "TYPE_NOT_IN_FORCE", "OFFICIAL_WITHOUT_AUTHORITY", "CANNOT_ASSESS", "WITHIN_LAW", "INVALID"];
let results = null;  // [{line, answer}]
let raw = "";

export function init() {
  $("audit-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (file) $("audit-text").value = "";
  });
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
  // Blank lines are left out; each line sent keeps its number in the input.
  const lines = [], numbers = [];
  text.split(/\r?\n/).forEach((l, i) => { if (l.trim()) { lines.push(l); numbers.push(i + 1); } });
  if (!lines.length) { status.textContent = t("audit.empty"); return; }
  status.textContent = t("audit.running", int(lines.length));
  try {
    const answers = await callLines("AuditBatch", lines.join("\n") + "\n");
    raw = answers.map((a) => JSON.stringify(a)).join("\n") + "\n";
    results = answers.map((a, i) => ({ line: a.line !== undefined && a.error !== undefined ? numbers[Number(a.line) - 1] ?? Number(a.line) : numbers[i], answer: a }));
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
      h("th", { scope: "row" }, a.case_id || ""),
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
