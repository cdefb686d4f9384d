// The neutrality page: figures, deadlines past due (with the article behind
// each, as ListOverdue cites it), a case's state on the date, and compliance per
// agency beside the agency's published IM NKK index (entered by the user,
// kept in localStorage per caller).

import { call, n } from "./api.js";
import { $, h, clear, table, scrollRegion } from "./dom.js";
import { t, int, dec, pct, date } from "./i18n.js";
import { state, isCurrent, noteAgencies, showError, refresh } from "./app.js";

let report = null;      // GetCompliance's report
let overdue = null;     // ListOverdue's answer

function imnkkKey() { return `netra.imnkk.${state.caller?.name || "local"}`; }

// "agency,index" lines -> {agency: index}, and the lines that did not read.
export function parseImNkk(text) {
  const map = {}, bad = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const m = /^(?:"((?:[^"]|"")*)"|(.*?))\s*[,;\t]\s*([0-9]+(?:[.,][0-9]+)?)$/.exec(line);
    if (!m) { if (i > 0) bad.push([i + 1, line]); return; }  // the first line may be a header
    const agency = (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]).trim();
    const index = Number(m[3].replace(",", "."));
    if (!agency || !(index >= 0 && index <= 1)) { bad.push([i + 1, line]); return; }
    map[agency] = index;
  });
  return { map, bad };
}

function storedImNkk() {
  try { return localStorage.getItem(imnkkKey()) || ""; } catch (_) { return ""; }
}

export function init() {
  scrollRegion($("overdue").parentElement, "overdue-heading");
  scrollRegion($("compliance").parentElement, "cmp-heading");
  $("imnkk-text").value = storedImNkk();
  $("imnkk-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (file) $("imnkk-text").value = await file.text();
  });
  $("imnkk-save").addEventListener("click", () => {
    const text = $("imnkk-text").value;
    const { map, bad } = parseImNkk(text);
    $("imnkk-status").textContent = bad.length ? t("imnkk.bad", bad[0][0], bad[0][1]) : t("imnkk.saved", int(Object.keys(map).length));
    if (bad.length) return;
    try { localStorage.setItem(imnkkKey(), text); } catch (_) { /* kept for this page only */ }
    refresh();
  });
  $("case-close").addEventListener("click", () => {
    const id = $("case").dataset.caseId;
    $("case").hidden = true;
    const back = [...document.querySelectorAll("[data-testid=case-link]")].find((b) => b.dataset.caseId === id);
    (back || $("neu-heading")).focus();
  });
}

export async function load(gen) {
  const { map } = parseImNkk($("imnkk-text").value || storedImNkk());
  const [c, o] = await Promise.all([
    call("GetCompliance", { election: state.election, as_of: state.asOf, im_nkk_index: map }),
    call("ListOverdue", { as_of: state.asOf, agency: state.unit?.agency || state.agency }),
  ]);
  if (!isCurrent(gen)) return;
  report = c.report || {};
  overdue = o;
  noteAgencies((report.agencies || []).map((a) => a.agency));
  render();
  if (!$("case").hidden && $("case").dataset.caseId) openCase($("case").dataset.caseId, { focus: false });
}

// The agencies shown: the report's, or the one chosen.
function rowsShown() {
  const chosen = state.unit?.agency || state.agency;
  const all = report.agencies || [];
  return chosen ? all.filter((a) => a.agency === chosen) : all;
}

function figure(testid, label, value) {
  return h("div", { class: "figure", "data-testid": testid, dataset: { value } },
    h("span", { class: "figure-label" }, label), h("span", { class: "figure-value" }, int(value)));
}

export function render() {
  if (!report) return;
  const chosen = state.unit?.agency || state.agency;
  const total = chosen ? (rowsShown()[0] || {}) : (report.total || {});
  const items = overdue?.items || [];
  $("neu-figures").replaceChildren(
    figure("cmp-total-reported", t("fig.reported"), n(total.reported)),
    figure("cmp-total-open", t("fig.open_cases"), n(total.open)),
    figure("cmp-total-proven", t("fig.proven"), n(total.proven)),
    figure("cmp-total-followed-up", t("fig.followed_up"), n(total.followed_up)),
    figure("cmp-total-follow-up-overdue", t("fig.follow_up_overdue"), n(total.follow_up_overdue)),
    figure("overdue-count", t("fig.overdue"), items.length),
  );
  renderOverdue(items);
  renderCompliance(chosen ? null : report.total);
}

function renderOverdue(items) {
  const rows = [...items].sort((a, b) => (a.due || "").localeCompare(b.due || "")).map((it) => {
    const link = h("button", { type: "button", class: "link", "data-testid": "case-link", dataset: { caseId: it.case_id }, "aria-label": t("overdue.open", it.case_id) }, it.case_id);
    link.addEventListener("click", () => openCase(it.case_id));
    return h("tr", { "data-testid": "overdue-row" },
      h("th", { scope: "row" }, link),
      h("td", {}, it.period || ""),
      h("td", { dataset: { value: it.due || "" } }, date(it.due)),
      h("td", {}, h("span", { class: "cite" }, (it.cited_as || []).length ? it.cited_as.join("; ") : it.rule_id),
        it.paraphrase ? h("span", { class: "paraphrase" }, it.paraphrase) : null,
        h("code", { class: "rule-id" }, it.rule_id)));
  });
  table($("overdue"), {
    caption: t("overdue.heading"),
    head: [{ text: t("overdue.col.case") }, { text: t("overdue.col.period") }, { text: t("overdue.col.due") }, { text: t("overdue.col.rule") }],
    rows, empty: t("overdue.empty"),
  });
}

const COLUMNS = [
  ["asn", "cmp.col.asn"], ["reported", "cmp.col.reported"], ["open", "cmp.col.open"], ["proven", "cmp.col.proven"],
  ["not_proven", "cmp.col.not_proven"], ["followed_up", "cmp.col.followed_up"], ["escalated", "cmp.col.escalated"],
  ["follow_up_overdue", "cmp.col.follow_up_overdue"],
];

function complianceRow(a, isTotal) {
  const cells = COLUMNS.map(([f]) => h("td", { class: "num", dataset: { field: f, value: n(a[f]) } }, int(a[f])));
  return h("tr", { "data-testid": isTotal ? "cmp-total" : "cmp-row", dataset: { agency: a.agency || "" }, class: isTotal ? "total" : null },
    h("th", { scope: "row" }, isTotal ? t("cmp.total") : a.agency),
    ...cells,
    h("td", { class: "num", dataset: { field: "cases_per_1000", value: a.cases_per_1000 || 0 } }, dec(a.cases_per_1000)),
    h("td", { class: "num", dataset: { field: "share_followed_up", value: a.share_followed_up || 0 } }, n(a.proven) ? pct(a.share_followed_up) : "–"),
    h("td", { class: "num", dataset: { field: "im_nkk_index", value: a.has_im_nkk_index ? a.im_nkk_index || 0 : "" } },
      a.has_im_nkk_index ? dec(a.im_nkk_index || 0) : "–"),
    h("td", {}, a.im_nkk_predicate || ""));
}

function renderCompliance(total) {
  const rows = rowsShown().map((a) => complianceRow(a, false));
  if (total && rows.length > 1) rows.push(complianceRow(total, true));
  table($("compliance"), {
    caption: t("cmp.heading"),
    head: [{ text: t("cmp.col.agency") }, ...COLUMNS.map(([, k]) => ({ text: t(k), class: "num" })),
      { text: t("cmp.col.per1000"), class: "num" }, { text: t("cmp.col.share_followed_up"), class: "num" },
      { text: t("cmp.col.im_nkk"), class: "num" }, { text: t("cmp.col.predicate") }],
    rows, empty: t("cmp.empty"),
  });
}

async function openCase(id, { focus = true } = {}) {
  const panel = $("case");
  panel.dataset.caseId = id;
  panel.hidden = false;
  $("case-heading").textContent = t("case.heading", id);
  const body = clear($("case-body"));
  body.append(h("p", {}, t("loading")));
  if (focus) $("case-heading").focus();
  try {
    const [log, st] = await Promise.all([
      call("GetCase", { case_id: id }),
      call("GetCaseState", { case_id: id, as_of: state.asOf }),
    ]);
    const agency = log.employee?.agency?.name || log.employee?.agency?.id || "";
    const dl = h("dl", { class: "facts" },
      h("dt", {}, t("case.status", date(st.as_of || state.asOf))), h("dd", { "data-testid": "case-status" }, st.status || ""),
      h("dt", {}, t("case.agency")), h("dd", {}, agency),
      h("dt", {}, t("case.events")), h("dd", {}, int(st.events || (log.events || []).length)));
    const deadlines = h("table", { class: "data" });
    table(deadlines, {
      caption: t("case.deadlines"),
      head: [{ text: t("case.col.deadline") }, { text: t("case.col.due") }, { text: t("case.col.status") }, { text: t("case.col.basis") }],
      rows: (st.deadlines || []).map((d) => h("tr", { class: d.status === "OVERDUE" ? "overdue" : null },
        h("th", { scope: "row" }, d.name || ""), h("td", {}, date(d.due)), h("td", {}, d.status || ""),
        h("td", {}, (d.cited_as || []).join("; ")))),
      empty: "–",
    });
    const next = (st.next_steps || []).map((s) => h("li", {}, `${s.event || ""}${s.due ? ` (${date(s.due)})` : ""}${s.note ? `: ${s.note}` : ""}`));
    body.replaceChildren(dl, h("h4", { id: "case-deadlines-heading" }, t("case.deadlines")),
      scrollRegion(h("div", { class: "table-wrap" }, deadlines), "case-deadlines-heading"),
      next.length ? h("h4", {}, t("case.next")) : null, next.length ? h("ul", {}, next) : null);
  } catch (e) {
    body.replaceChildren();
    showError(e);
  }
}
