// The pact page: figures of the scope, progress per unit (worst first, with
// the leaders-before-staff order), the signing curve, and who has not signed
// (paged and searched on the server, downloadable as CSV and .xlsx).

import { call, n } from "./api.js";
import { $, h, clear, table, scrollRegion } from "./dom.js";
import { t, int, pct, date } from "./i18n.js";
import { state, refresh, isCurrent, noteAgencies, showError } from "./app.js";
import { drawCurve } from "./chart.js";
import { csvBlob, save } from "./files.js";
import { xlsxBlob } from "./xlsx.js";

let progress = null;   // GetPactProgress of the scope
let curve = null;      // GetSigningCurve of the scope
let ns = null;         // the current ListNotSigned page
const paging = { tokens: [""], page: 0, query: "", size: 50 };
// The units table shows the worst UNITS_SHOWN first (a province can have
// hundreds of units: the page stays small); a button shows them all.
const UNITS_SHOWN = 50;
let allUnits = false;

export function resetPaging() { paging.tokens = [""]; paging.page = 0; }
export function resetUnits() { allUnits = false; }

function scope() {
  if (state.unit) return { agency: state.unit.agency, unit: state.unit.unit };
  return state.agency ? { agency: state.agency } : {};
}

export function init() {
  $("scope-back").addEventListener("click", () => {
    const agency = state.unit?.agency, unit = state.unit?.unit;
    state.unit = null;
    resetPaging();
    refresh().then(() => {
      // Back where the user was: the unit's link in the table.
      const link = [...document.querySelectorAll("[data-testid=unit-link]")]
        .find((b) => b.dataset.agency === agency && b.dataset.unit === unit);
      (link || $("pact-heading")).focus();
    });
  });
  $("ns-search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    paging.query = $("ns-search").value.trim();
    resetPaging();
    loadNotSigned(state.generation).catch(showError);
  });
  $("ns-clear").addEventListener("click", () => {
    $("ns-search").value = "";
    if (!paging.query) return;
    paging.query = "";
    resetPaging();
    loadNotSigned(state.generation).catch(showError);
  });
  $("ns-prev").addEventListener("click", () => turn(-1));
  $("ns-next").addEventListener("click", () => turn(+1));
  $("ns-size").addEventListener("change", (e) => {
    paging.size = Number(e.target.value);
    resetPaging();
    loadNotSigned(state.generation).catch(showError);
  });
  $("ns-csv").addEventListener("click", () => download("csv"));
  $("ns-xlsx").addEventListener("click", () => download("xlsx"));
  paging.size = Number($("ns-size").value);
  scrollRegion($("ns-table").parentElement, "ns-heading");
  const pd = Boolean(state.caller?.personal_data);
  $("ns-search-form").hidden = !pd;
  $("ns-hidden").hidden = pd;
}

export async function load(gen) {
  $("ns-download-status").textContent = "";  // a download's count is of the list it was made from
  const body = { election: state.election, as_of: state.asOf, scope: scope() };
  const [p, c, list] = await Promise.all([
    call("GetPactProgress", body),
    call("GetSigningCurve", body).catch((e) => ({ error: e })),
    loadNotSigned(gen).catch((e) => ({ error: e })),
  ]);
  if (!isCurrent(gen)) return;
  progress = p;
  curve = c;
  noteAgencies((p.groups || []).map((g) => g.agency));
  render();
  if (c.error) throw c.error;
  if (list?.error) throw list.error;
}

async function loadNotSigned(gen) {
  const body = {
    election: state.election, as_of: state.asOf, scope: scope(),
    page_size: paging.size, page_token: paging.tokens[paging.page] || "",
  };
  if (paging.query) body.query = paging.query;
  const answer = await call("ListNotSigned", body);
  if (!isCurrent(gen)) return;
  ns = answer;
  if (answer.next_page_token) paging.tokens[paging.page + 1] = answer.next_page_token;
  renderNotSigned();
}

function turn(step) {
  const next = paging.page + step;
  if (next < 0 || (step > 0 && !paging.tokens[next])) return;
  paging.page = next;
  loadNotSigned(state.generation).then(() => $("ns-page").focus()).catch(showError);
}

export function render() {
  if (!progress) return;
  renderScope();
  renderFigures();
  if (state.unit) renderGroups(); else renderUnits();
  renderCurve();
  renderNotSigned();
}

function renderScope() {
  const el = $("scope");
  el.dataset.agency = state.unit?.agency || state.agency || "";
  el.dataset.unit = state.unit?.unit || "";
  el.textContent = state.unit ? t("pact.scope.unit", state.unit.unit, state.unit.agency)
    : `${t("pact.scope.all")}${state.agency ? `: ${state.agency}` : ""}`;
  $("scope-back").hidden = !state.unit;
}

function signed(c) { return n(c.signed_on_time) + n(c.signed_late); }

// A figure card: the visible text is Indonesian-formatted, data-value holds
// the plain number (for tests and for copying).
function figure(testid, label, value, shown, extra, cls = "figure") {
  return h("div", { class: cls, "data-testid": testid, dataset: { value } },
    h("span", { class: "figure-label" }, label),
    h("span", { class: "figure-value" }, shown),
    extra ? h("span", { class: "figure-extra" }, extra) : null);
}

function renderFigures() {
  const total = progress.total || {};
  const issued = n(total.issued), done = signed(total), rate = issued ? done / issued : 0;
  $("pact-figures").replaceChildren(
    figure("fig-issued", t("fig.issued"), issued, int(issued)),
    figure("fig-signed", t("fig.signed"), done, int(done),
      n(total.signed_late) ? `${t("fig.late")}: ${int(total.signed_late)}` : null),
    figure("fig-not-signed", t("fig.not_signed"), n(total.not_signed), int(total.not_signed),
      n(total.declined) ? `${t("fig.declined")}: ${int(total.declined)}` : null),
    figure("fig-rate", t("fig.rate"), rate.toFixed(6), pct(rate)),
    figure("fig-due", t("fig.due"), progress.due || "", date(progress.due), null, "figure date"),
    state.unit ? null : figure("fig-leaders-first", t("fig.leaders_first"), n(progress.units_leaders_first),
      int(progress.units_leaders_first),
      n(progress.units_staff_ahead_of_leaders) ? `${t("fig.staff_ahead")}: ${int(progress.units_staff_ahead_of_leaders)}` : null),
  );
}

// Groups summed per agency + unit, with the unit's leadership order.
function units() {
  const by = new Map();
  for (const g of progress.groups || []) {
    const key = `${g.agency}\u0000${g.unit}`;
    const u = by.get(key) || { agency: g.agency || "", unit: g.unit || "", issued: 0, signed: 0, late: 0, not_signed: 0 };
    u.issued += n(g.issued);
    u.signed += signed(g);
    u.late += n(g.signed_late);
    u.not_signed += n(g.not_signed);
    by.set(key, u);
  }
  for (const l of progress.leadership || []) {
    const u = by.get(`${l.agency || ""}\u0000${l.unit || ""}`);
    if (u) u.leadership = l;
  }
  const list = [...by.values()].filter((u) => u.issued > 0);
  for (const u of list) u.rate = u.signed / u.issued;
  list.sort((a, b) => a.rate - b.rate || b.not_signed - a.not_signed || a.unit.localeCompare(b.unit, "id"));
  return list;
}

function leaderMark(l) {
  if (!l || n(l.leaders) === 0) return { cls: "lead-none", text: t("lead.none"), icon: "–" };
  if (n(l.staff_signed_before_leaders) > 0) {
    return { cls: "lead-bad", text: t("lead.staff_ahead", int(l.staff_signed_before_leaders)), icon: "!" };
  }
  if (n(l.leaders_signed) >= n(l.leaders)) return { cls: "lead-ok", text: t("lead.first"), icon: "✓" };
  return { cls: "lead-wait", text: t("lead.waiting", int(l.leaders_signed), int(l.leaders)), icon: "…" };
}

function bar(rate) {
  const fill = h("span", { class: `bar-fill ${rate < 0.5 ? "low" : rate < 0.9 ? "mid" : "high"}` });
  fill.style.width = `${Math.max(0, Math.min(1, rate)) * 100}%`;
  return h("span", { class: "bar", role: "presentation" }, fill);
}

function num(field, value) { return h("td", { class: "num", dataset: { field, value } }, int(value)); }

function renderUnits() {
  $("units-heading").textContent = t("units.heading");
  const list = units();
  const showAgency = !state.agency && (state.caller?.agencies?.length !== 1);
  const head = [{ text: t("units.col.unit") }];
  head.push({ text: t("units.col.progress") }, { text: t("units.col.signed"), class: "num" },
    { text: t("units.col.not_signed"), class: "num" }, { text: t("units.col.leaders") });
  const shown = allUnits ? list : list.slice(0, UNITS_SHOWN);
  const rows = shown.map((u) => {
    const mark = leaderMark(u.leadership);
    const link = h("button", { type: "button", class: "link", "data-testid": "unit-link", dataset: { agency: u.agency, unit: u.unit } }, u.unit);
    link.addEventListener("click", () => drill(u.agency, u.unit));
    return h("tr", { "data-testid": "unit-row", dataset: { agency: u.agency, unit: u.unit } },
      h("th", { scope: "row" }, link, showAgency ? h("span", { class: "agency" }, u.agency) : null),
      h("td", { class: "bar-cell" }, bar(u.rate), h("span", { class: "rate" }, pct(u.rate))),
      h("td", { class: "num", dataset: { field: "signed", value: u.signed, issued: u.issued } }, `${int(u.signed)} / ${int(u.issued)}`),
      num("not_signed", u.not_signed),
      h("td", { class: `lead ${mark.cls}` }, h("span", { class: "lead-icon", "aria-hidden": "true" }, mark.icon), " ", mark.text));
  });
  const wrap = clear($("units"));
  const tbl = h("table", { class: "data units" });
  table(tbl, { caption: t("units.caption"), head, rows, empty: t("units.empty") });
  const box = h("div", { class: "table-wrap tall" }, tbl);
  wrap.append(h("p", { class: "note" }, t("units.caption")), box);
  scrollRegion(box, "units-heading");
  if (shown.length < list.length) {
    const more = h("button", { type: "button", class: "secondary", "data-testid": "units-more" }, t("units.more", int(list.length)));
    more.addEventListener("click", () => {
      allUnits = true;
      renderUnits();
      // The keyboard goes on where the list went on: the first unit not shown before.
      document.querySelectorAll("[data-testid=unit-link]")[shown.length]?.focus();
    });
    wrap.append(h("p", { class: "units-more" }, h("span", { class: "note" }, t("units.shown", int(shown.length), int(list.length))), " ", more));
  }
}

function renderGroups() {
  $("units-heading").textContent = t("groups.heading");
  const rows = (progress.groups || []).map((g) => {
    const issued = n(g.issued), done = signed(g);
    return h("tr", {},
      h("th", { scope: "row" }, t(`class.${g.position_class || "POSITION_CLASS_UNSPECIFIED"}`)),
      h("td", {}, g.kind || ""),
      h("td", { class: "bar-cell" }, bar(issued ? done / issued : 0), h("span", { class: "rate" }, pct(issued ? done / issued : 0))),
      h("td", { class: "num" }, `${int(done)} / ${int(issued)}`),
      num("not_signed", n(g.not_signed)));
  });
  const lead = (progress.leadership || [])[0];
  const mark = leaderMark(lead);
  const wrap = clear($("units"));
  const tbl = h("table", { class: "data" });
  table(tbl, {
    caption: t("groups.heading"),
    head: [{ text: t("groups.col.class") }, { text: t("groups.col.kind") }, { text: t("units.col.progress") },
      { text: t("units.col.signed"), class: "num" }, { text: t("units.col.not_signed"), class: "num" }],
    rows, empty: t("units.empty"),
  });
  wrap.append(h("p", { class: `lead ${mark.cls}`, "data-testid": "unit-leadership" },
    h("span", { class: "lead-icon", "aria-hidden": "true" }, mark.icon), ` ${t("units.col.leaders")}: ${mark.text}`),
  scrollRegion(h("div", { class: "table-wrap" }, tbl), "units-heading"));
}

function drill(agency, unit) {
  state.unit = { agency, unit };
  resetPaging();
  refresh().then(() => $("pact-heading").focus());
}

function renderCurve() {
  const el = $("curve");
  const summary = $("curve-summary");
  if (!curve || curve.error || !(curve.points || []).length) {
    drawCurve(el, null);
    summary.textContent = curve?.error ? "" : t("curve.empty");
    el.setAttribute("aria-label", t("curve.heading"));
    return;
  }
  const pts = curve.points;
  const last = pts[pts.length - 1];
  const text = t("curve.summary", date(pts[0].date), date(last.date), int(n(last.signed_on_time) + n(last.signed_late)), int(n(last.issued)), date(curve.due));
  summary.textContent = text;
  el.setAttribute("aria-label", `${t("curve.heading")}. ${text}`);
  drawCurve(el, curve);
}

function renderNotSigned() {
  if (!ns) return;
  const pd = Boolean(state.caller?.personal_data) && !ns.personal_data_hidden;
  const total = n(ns.total);
  const count = $("ns-count");
  count.textContent = t("ns.count", int(total));
  count.dataset.value = String(total);
  const head = [];
  if (pd) head.push({ text: t("ns.col.nip") }, { text: t("ns.col.name") });
  head.push({ text: t("ns.col.agency") }, { text: t("ns.col.unit") }, { text: t("ns.col.leader") });
  const rows = (ns.entries || []).map((e) => h("tr", { "data-testid": "ns-row" },
    pd ? h("td", { class: "nip" }, e.nip || "") : null,
    pd ? h("td", {}, e.name || "") : null,
    h("td", {}, e.agency || ""),
    h("td", {}, e.unit || ""),
    h("td", {}, e.leader ? t("ns.leader.yes") : t("ns.leader.no"))));
  table($("ns-table"), { caption: t("ns.heading"), head, rows, empty: t("ns.empty") });
  const pages = Math.max(1, Math.ceil(total / paging.size));
  const page = $("ns-page");
  page.textContent = t("ns.page", int(paging.page + 1), int(pages));
  page.tabIndex = -1;
  $("ns-prev").disabled = paging.page === 0;
  $("ns-next").disabled = !ns.next_page_token;
  $("ns-csv").disabled = $("ns-xlsx").disabled = total === 0;
}

function fileName(ext) {
  const parts = ["belum-tanda-tangan", state.election, state.asOf];
  if (state.unit) parts.push(state.unit.agency, state.unit.unit);
  else if (state.agency) parts.push(state.agency);
  if (paging.query) parts.push(paging.query);
  return `${parts.join("_").replace(/[^\p{L}\p{N}._-]+/gu, "-")}.${ext}`;
}

// Every page of the list (1,000 a call), then the file.
async function download(kind) {
  const status = $("ns-download-status");
  const buttons = [$("ns-csv"), $("ns-xlsx")];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const body = { election: state.election, as_of: state.asOf, scope: scope(), page_size: 1000, page_token: "" };
    if (paging.query) body.query = paging.query;
    const entries = [];
    let hidden = !state.caller?.personal_data, total = n(ns?.total);
    do {
      status.textContent = t("ns.downloading", int(entries.length), int(total));
      const page = await call("ListNotSigned", body);
      entries.push(...(page.entries || []));
      if (page.personal_data_hidden) hidden = true;
      total = n(page.total) || total;
      body.page_token = page.next_page_token || "";
    } while (body.page_token);
    const header = hidden ? [] : [t("ns.col.nip"), t("ns.col.name")];
    header.push(t("ns.col.agency"), t("ns.col.unit"), t("ns.col.leader"));
    const rows = [header, ...entries.map((e) => [
      ...(hidden ? [] : [e.nip || "", e.name || ""]), e.agency || "", e.unit || "",
      e.leader ? t("ns.leader.yes") : t("ns.leader.no")])];
    if (kind === "csv") save(csvBlob(rows), fileName("csv"));
    else save(xlsxBlob(rows, t("ns.heading")), fileName("xlsx"));
    status.textContent = t("ns.downloaded", int(entries.length));
  } catch (e) {
    status.textContent = "";
    showError(e);
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}
