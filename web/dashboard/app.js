// The dashboard's controller: sign-in, the election / date / agency
// controls, the pages (#pakta, #netralitas, #audit) and the language.
// Every figure comes from the public API (api.js); nothing is computed here
// that the service does not answer, except sums of its groups per unit.

import { call, setToken, token, setUnauthorizedHandler, ApiError } from "./api.js";
import { $, h } from "./dom.js";
import * as i18n from "./i18n.js";
import { t } from "./i18n.js";
import * as pact from "./pact.js";
import * as neutrality from "./neutrality.js";
import * as audit from "./audit.js";

const PAGES = ["pakta", "netralitas", "audit"];

// What the page shows; the modules read it and call back refresh().
export const state = {
  caller: null,          // GetCaller's answer
  election: "",
  asOf: "",
  agency: "",            // "" = every agency the caller may read
  unit: null,            // {agency, unit}: drilled into one unit
  knownAgencies: new Set(),
  generation: 0,         // a newer refresh makes older answers stale
};

export function setStatus(text) { $("status").textContent = text; }

export function showError(err) {
  const el = $("error");
  if (!err) { el.hidden = true; el.textContent = ""; return; }
  el.hidden = false;
  el.textContent = err instanceof ApiError && err.status === 0 ? t("error.network", err.message)
    : err instanceof ApiError ? t("error.generic", err.code, err.message) : String(err.message || err);
}

// Agencies the caller may choose: its own list, or those seen in answers.
export function noteAgencies(names) {
  let added = false;
  for (const a of names) if (a && !state.knownAgencies.has(a)) { state.knownAgencies.add(a); added = true; }
  if (added) fillAgencies();
}

function fillAgencies() {
  const sel = $("agency");
  const own = state.caller?.agencies || [];
  const names = own.length ? [...own] : [...state.knownAgencies];
  names.sort((a, b) => a.localeCompare(b, "id"));
  const options = [];
  if (own.length !== 1) options.push(h("option", { value: "" }, t("controls.agency.all")));
  for (const a of names) options.push(h("option", { value: a }, a));
  sel.replaceChildren(...options);
  sel.value = state.agency;
  if (sel.value !== state.agency) state.agency = sel.value;
}

function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

// Reloads what the current page shows for the current controls.
export async function refresh() {
  const gen = ++state.generation;
  $("as-of-text").textContent = i18n.date(state.asOf);
  showError(null);
  setStatus(t("loading"));
  sessionStorage.setItem("netra.view", JSON.stringify({ election: state.election, asOf: state.asOf, agency: state.agency }));
  const results = await Promise.allSettled([pact.load(gen), neutrality.load(gen)]);
  if (gen !== state.generation) return;
  const failed = results.find((r) => r.status === "rejected");
  if (failed) showError(failed.reason);
  setStatus("");
  document.body.dataset.loaded = String(gen);  // for tests: answers of this refresh are on the page
}

export function isCurrent(gen) { return gen === state.generation; }

function route() {
  let page = location.hash.replace(/^#/, "");
  if (!PAGES.includes(page)) page = "pakta";
  for (const p of PAGES) $(`page-${p}`).hidden = p !== page;
  for (const a of document.querySelectorAll(".tabs a")) {
    if (a.dataset.page === page) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

function describeCaller() {
  const c = state.caller;
  const scope = c.agencies?.length ? c.agencies.join(", ") : t("caller.province");
  const el = $("caller");
  el.textContent = `${t("caller.as", c.name || "?", scope)}; ${c.personal_data ? t("caller.pd") : t("caller.nopd")}`;
  el.hidden = false;
}

function relabel() {
  i18n.apply();
  if (state.caller) {
    describeCaller();
    fillAgencies();
    pact.render();
    neutrality.render();
    audit.render();
  }
}

async function startApp() {
  describeCaller();
  $("signin").hidden = true;
  $("app").hidden = false;
  $("signout").hidden = false;
  const saved = JSON.parse(sessionStorage.getItem("netra.view") || "{}");
  const elections = (await call("Elections", {})).elections || [];
  const sel = $("election");
  sel.replaceChildren(...elections.map((e) => h("option", { value: e.id }, `${e.name || e.id} (${e.id})`)));
  const ids = elections.map((e) => e.id);
  state.election = ids.includes(saved.election) ? saved.election : ids.includes("pilkada2024") ? "pilkada2024" : ids[0] || "";
  sel.value = state.election;
  state.asOf = /^\d{4}-\d{2}-\d{2}$/.test(saved.asOf || "") ? saved.asOf : todayIso();
  $("as-of").value = state.asOf;
  state.agency = saved.agency || "";
  if (state.caller.agencies?.length === 1) state.agency = state.caller.agencies[0];
  fillAgencies();
  pact.init();
  neutrality.init();
  audit.init();
  route();
  $("main").focus();
  await refresh();
}

async function signIn(value, { quiet = false } = {}) {
  const err = $("signin-error");
  err.textContent = quiet ? "" : t("signin.checking");
  setToken(value);
  try {
    state.caller = await call("GetCaller", {});
  } catch (e) {
    setToken("");
    err.textContent = e instanceof ApiError && e.status === 401 ? t("signin.rejected", e.message || e.code)
      : e instanceof ApiError ? t("error.generic", e.code, e.message) : String(e.message || e);
    $("token").focus();
    return;
  }
  err.textContent = "";
  $("token").value = "";
  await startApp();
}

function signOut(message = "") {
  setToken("");
  sessionStorage.removeItem("netra.view");
  // A fresh page: nothing of the last caller's answers stays in the DOM.
  if (message) sessionStorage.setItem("netra.signin-message", message);
  location.hash = "";
  location.reload();
}

function init() {
  i18n.setLang(i18n.lang());
  $("lang").value = i18n.lang();
  i18n.apply();
  $("lang").addEventListener("change", (e) => { i18n.setLang(e.target.value); relabel(); });
  $("signin-form").addEventListener("submit", (e) => {
    e.preventDefault();
    signIn($("token").value.trim());
  });
  $("signout").addEventListener("click", () => signOut());
  setUnauthorizedHandler((e) => { if (state.caller) signOut(t("signin.rejected", e.message || e.code)); });
  $("controls").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!$("as-of").value) return;
    state.asOf = $("as-of").value;
    const agency = $("agency").value;
    if (agency !== state.agency) state.unit = null;
    // Another list of units: its worst first again.
    if (agency !== state.agency || $("election").value !== state.election) pact.resetUnits();
    state.election = $("election").value;
    state.agency = agency;
    pact.resetPaging();
    refresh();
  });
  // A changed select or date applies at once (the button is for keyboards
  // and screen readers that expect one).
  for (const id of ["election", "agency"]) $(id).addEventListener("change", () => $("controls").requestSubmit());
  $("as-of").addEventListener("change", () => { if ($("as-of").value) $("controls").requestSubmit(); });
  window.addEventListener("hashchange", route);

  const message = sessionStorage.getItem("netra.signin-message");
  if (message) { $("signin-error").textContent = message; sessionStorage.removeItem("netra.signin-message"); }
  if (token()) signIn(token(), { quiet: true });
  else $("token").focus();
}

init();
