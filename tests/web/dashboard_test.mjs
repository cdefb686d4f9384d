// The dashboard (web/dashboard) in a real browser: Debian's chromium driven
// headless by playwright-core against a `netra serve` loaded with a
// synthetic province. Exits non-zero with a message on the first mismatch.
//
// Environment (tests/web/README.md):
//   NETRA_URL             the service's base URL (data loaded)
//   NETRA_PROVINCE_TOKEN  a token without agency scope, with personal_data
//   NETRA_AGENCY_TOKEN    a token scoped to one agency, without personal_data
//   NETRA_EXPECTED        JSON written from the command line (netra pact
//                         progress, netra compliance) on the same data
//   NETRA_SCREENSHOTS     folder for the screenshots (made if missing)
//   CHROMIUM              the browser (default /usr/bin/chromium)
//   NETRA_AUDIT_FILE      JSON lines for the audit page (default
//                         examples/audit_neutrality_decisions_2024.jsonl)
//
// axe-core (pinned in package-lock.json) checks every tab for both tokens,
// wide and narrow, and the sign-in form: a violation of impact serious or
// critical, or any colour contrast below WCAG 2 AA, fails the test.

import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const env = (name, def) => {
  const v = process.env[name] ?? def;
  if (v === undefined) { console.error(`dashboard_test: ${name} is not set (see tests/web/README.md)`); process.exit(2); }
  return v;
};
const URL_ = env("NETRA_URL").replace(/\/$/, "") + "/";
const PROVINCE = env("NETRA_PROVINCE_TOKEN");
const AGENCY_TOKEN = env("NETRA_AGENCY_TOKEN");
const EXPECTED = JSON.parse(fs.readFileSync(env("NETRA_EXPECTED"), "utf8"));
const SHOTS = env("NETRA_SCREENSHOTS");
const CHROMIUM = env("CHROMIUM", "/usr/bin/chromium");
const AUDIT_FILE = env("NETRA_AUDIT_FILE", path.resolve(HERE, "../../examples/audit_neutrality_decisions_2024.jsonl"));
// The same decisions as CSV (the columns of include/netra/columns.h).
const AUDIT_CSV = path.resolve(HERE, "../../examples/audit_decisions_2024.csv");
fs.mkdirSync(SHOTS, { recursive: true });
// axe's source, run in the page with page.evaluate (a DevTools evaluation,
// which the page's Content-Security-Policy does not govern, so the page is
// tested under its real policy: no bypassCSP, no inline <script> tag).
const require_ = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require_.resolve("axe-core/axe.min.js"), "utf8");
const AXE_VERSION = require_("axe-core/package.json").version;

class Mismatch extends Error {}
let step = "start";
let checks = 0;
function fail(message) { throw new Mismatch(`[${step}] ${message}`); }
function eq(what, got, want) {
  checks++;
  if (JSON.stringify(got) !== JSON.stringify(want)) fail(`${what}: the page shows ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}
function ok(what, cond) { checks++; if (!cond) fail(what); }
const ID = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--lang=id-ID"],
  // playwright gives the browser a fresh --user-data-dir of its own each launch.
});

// Every problem the browser sees is a failure: a console error, an uncaught
// exception, a request that failed, a static asset answered >= 400, or a
// request that left the service's origin (the page must work offline).
const problems = [];
function watch(page) {
  const origin = new URL(URL_).origin;
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (r.url().startsWith("blob:")) return;  // a download handed to the browser
    problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:")) problems.push(`request outside the service: ${u}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} for ${r.request().method()} ${r.url()}`);
  });
}
function noProblems() {
  if (problems.length) fail(`the browser reported:\n  ${problems.join("\n  ")}`);
}

// axe-core on the page as it is now. Fails on any violation of impact
// serious or critical, and on colour contrast below WCAG 2 AA (rule
// color-contrast) at any impact; lesser findings are printed. axe cannot
// tell the background of text scrolled out of a box (the tables' boxes
// scroll) and leaves such text unchecked; then a second pass checks the
// contrast inside the table boxes again with them opened (max-height and
// overflow undone in the element's style for the pass, then restored).
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const CLIPPED = ["elmPartiallyObscured", "elmPartiallyObscuring", "bgOverlap", "outsideViewport"];
let axeRuns = 0, axeMs = 0;
async function accessible(page, what) {
  const start = Date.now();
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  const run = (context, options) => page.evaluate(async ([c, o, clippedKeys]) => {
    const r = await window.axe.run(c, o);
    const unsure = r.incomplete.filter((v) => v.id === "color-contrast").flatMap((v) => v.nodes);
    return {
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")), summary: v.nodes[0]?.failureSummary || "" })),
      unsure: unsure.length,
      clipped: unsure.filter((n) => n.any.some((a) => clippedKeys.includes(a.data?.messageKey))).length,
    };
  }, [context, options, CLIPPED]);
  const all = await run("html", { runOnly: { type: "tag", values: AXE_TAGS }, resultTypes: ["violations", "incomplete"] });
  let found = all.violations, unsure = all.unsure;
  if (all.clipped && await page.locator(".table-wrap").count()) {
    await page.evaluate(() => {
      for (const el of document.querySelectorAll(".table-wrap")) {
        el.dataset.axeStyle = el.getAttribute("style") || "";
        el.style.maxHeight = "none";
        el.style.overflow = "visible";
      }
    });
    try {
      const inside = await run("html", { runOnly: { type: "rule", values: ["color-contrast"] }, resultTypes: ["violations", "incomplete"] });
      found = [...found, ...inside.violations.filter((v) => !found.some((w) => w.id === v.id))];
      unsure = inside.unsure;
    } finally {
      await page.evaluate(() => {
        for (const el of document.querySelectorAll(".table-wrap")) {
          if (el.dataset.axeStyle) el.setAttribute("style", el.dataset.axeStyle); else el.removeAttribute("style");
          delete el.dataset.axeStyle;
        }
      });
    }
  }
  axeRuns++;
  axeMs += Date.now() - start;
  if (process.env.NETRA_AXE_VERBOSE) console.log(`dashboard_test: axe (${what}): ${Date.now() - start} ms; contrast not decidable: ${unsure}`);
  const bad = found.filter((v) => v.impact === "serious" || v.impact === "critical" || v.id === "color-contrast");
  for (const v of found.filter((x) => !bad.includes(x))) {
    console.log(`dashboard_test: axe note (${what}): ${v.id} [${v.impact}] ${v.help}: ${v.targets.join(" | ")}`);
  }
  checks++;
  if (bad.length) {
    fail(`axe (${what}) found ${bad.length} accessibility violation(s):\n  ${bad.map((v) =>
      `${v.id} [${v.impact}] ${v.help} (${v.nodes} element(s)): ${v.targets.join(" | ")}\n    ${v.summary.replace(/\n/g, " ")}`).join("\n  ")}`);
  }
}

async function newPage(viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: "id-ID", timezoneId: "Asia/Jakarta" });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  watch(page);
  return page;
}

// Waits for the refresh after `before` (the body's data-loaded) to finish.
async function loadedAfter(page, before) {
  await page.waitForFunction((b) => document.body.dataset.loaded && document.body.dataset.loaded !== b
    && document.getElementById("status").textContent === "", before);
  noProblems();
}
const loaded = (page) => page.evaluate(() => document.body.dataset.loaded || "");

async function signIn(page, token, { checkForm = false } = {}) {
  await page.goto(URL_, { waitUntil: "load" });
  noProblems();
  ok("uPlot (vendored) is loaded", await page.evaluate(() => typeof window.uPlot === "function"));
  if (checkForm) {  // the same form for every token
    const viewport = page.viewportSize();
    await accessible(page, `the sign-in form, ${viewport.width}px`);
    await page.setViewportSize({ width: 390, height: 844 });
    await accessible(page, "the sign-in form, 390px");
    await page.setViewportSize(viewport);
  }
  // Keyboard: from the top of the page, Tab reaches the token field; Enter signs in.
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  let reached = false;
  for (let i = 0; i < 8 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.id === "token");
  }
  ok("Tab reaches the token field", reached);
  ok("the token field has a label", await page.evaluate(() => document.getElementById("token").labels.length === 1));
  await page.keyboard.type(token);
  const before = await loaded(page);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#app:not([hidden])");
  await loadedAfter(page, before);
}

async function setDate(page, day) {
  const before = await loaded(page);
  await page.fill("#as-of", day);
  await loadedAfter(page, before);
  eq("the date field", await page.inputValue("#as-of"), day);
}

async function figure(page, testid) {
  const el = page.locator(`[data-testid=${testid}]`);
  const value = await el.getAttribute("data-value");
  const text = (await el.locator(".figure-value").textContent()).trim();
  eq(`${testid} is shown in Indonesian format`, text, ID.format(Number(value)));
  return Number(value);
}

async function checkTotals(page, want, what) {
  eq(`${what}: issued`, await figure(page, "fig-issued"), want.issued);
  eq(`${what}: signed`, await figure(page, "fig-signed"), want.signed);
  eq(`${what}: not signed`, await figure(page, "fig-not-signed"), want.not_signed);
  eq(`${what}: not-signed list count`, Number(await page.getAttribute("[data-testid=ns-count]", "data-value")), want.not_signed);
}

async function goTo(page, tab) {
  await page.click(`.tabs a[data-page=${tab}]`);
  await page.waitForSelector(`#page-${tab}:not([hidden])`);
}

async function checkCompliance(page) {
  await goTo(page, "netralitas");
  const rows = await page.$$eval("tr[data-testid=cmp-row]", (trs) => trs.map((tr) => {
    const o = { agency: tr.dataset.agency };
    for (const td of tr.querySelectorAll("td[data-field]")) o[td.dataset.field] = Number(td.dataset.value);
    return o;
  }));
  const byAgency = new Map(rows.map((r) => [r.agency, r]));
  for (const want of EXPECTED.compliance) {
    const got = byAgency.get(want.agency);
    ok(`compliance row of ${want.agency} is shown`, got);
    for (const f of ["asn", "reported", "open", "proven", "followed_up", "follow_up_overdue"]) eq(`compliance ${want.agency} ${f}`, got[f], want[f]);
  }
  eq("compliance rows", rows.length, EXPECTED.compliance.length);
  const sum = (f) => EXPECTED.compliance.reduce((n, a) => n + a[f], 0);
  eq("neutrality figure: reported", await figure(page, "cmp-total-reported"), sum("reported"));
  eq("neutrality figure: open", await figure(page, "cmp-total-open"), sum("open"));
  eq("neutrality figure: proven", await figure(page, "cmp-total-proven"), sum("proven"));
  eq("neutrality figure: followed up", await figure(page, "cmp-total-followed-up"), sum("followed_up"));
  eq("neutrality figure: follow-up overdue", await figure(page, "cmp-total-follow-up-overdue"), sum("follow_up_overdue"));
  const overdue = page.locator("button[data-testid=case-link]");
  if (await overdue.count()) {
    ok("each overdue deadline shows its article", (await page.$$eval("tr[data-testid=overdue-row] .cite", (els) => els.every((e) => / Pasal /.test(e.textContent)))));
    const id = await overdue.first().getAttribute("data-case-id");
    await overdue.first().click();
    await page.waitForFunction(() => document.querySelector("[data-testid=case-status]")?.textContent);
    ok(`the case ${id} opens with its state`, (await page.textContent("#case-heading")).includes(id));
    await page.click("#imnkk summary");
    await accessible(page, "netralitas with a case and the IM NKK form open");
    await page.click("#imnkk summary");
    await page.click("#case-close");
  }
  await goTo(page, "pakta");
}

function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// The entries of a ZIP (stored or deflated), each CRC-checked.
function unzip(buf) {
  ok("the .xlsx starts as a ZIP", buf.readUInt32LE(0) === 0x04034b50);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  ok("the ZIP has its end record", eocd >= 0);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    ok("a central directory header", buf.readUInt32LE(at) === 0x02014b50);
    const method = buf.readUInt16LE(at + 10), crc = buf.readUInt32LE(at + 16), size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28), extra = buf.readUInt16LE(at + 30), comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    const data = method === 0 ? raw : zlib.inflateRawSync(raw);
    eq(`CRC-32 of ${name}`, zlib.crc32(data) >>> 0, crc);
    files.set(name, data.toString("utf8"));
    at += 46 + nameLen + extra + comment;
  }
  return files;
}

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid=${testid}]`)]);
  const file = await dl.path();
  ok(`the ${testid} download finished`, file && !(await dl.failure()));
  const saved = path.join(SHOTS, dl.suggestedFilename());
  await dl.saveAs(saved);
  return { buf: fs.readFileSync(file), name: dl.suggestedFilename() };
}

// Screenshots of every tab, wide and narrow, each checked with axe where
// `checkAt` holds the tag ("wide", "narrow").
async function screenshots(page, prefix, checkAt = ["wide", "narrow"]) {
  for (const [tag, viewport] of [["wide", { width: 1366, height: 768 }], ["narrow", { width: 390, height: 844 }]]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);  // the chart follows its box
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    ok(`${prefix} at ${viewport.width}px: no sideways scrolling of the page (${overflow}px too wide)`, overflow <= 1);
    for (const tab of ["pakta", "netralitas", "audit"]) {
      await goTo(page, tab);
      if (checkAt.includes(tag)) await accessible(page, `${prefix}: ${tab} at ${viewport.width}px`);
      await page.screenshot({ path: path.join(SHOTS, `${prefix}-${tab}-${tag}.png`), fullPage: tab !== "pakta" });
    }
    await goTo(page, "pakta");
    await page.screenshot({ path: path.join(SHOTS, `${prefix}-pakta-${tag}-full.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

// A large election (tens of thousands not signed): the list is paged on the
// server, so the page holds one page of rows and stays small; the search and
// the CSV (every page, 1,000 a call) still cover the whole list. Timings are
// printed for information only: the machine is shared, nothing is asserted
// on time.
async function checkLarge(page, large) {
  const timed = async (what, fn) => {
    const start = Date.now();
    const out = await fn();
    console.log(`dashboard_test: ${what}: ${Date.now() - start} ms`);
    return out;
  };
  const rows = () => page.$$eval("tr[data-testid=ns-row] td.nip", (tds) => tds.map((td) => td.textContent));
  const domSize = () => page.evaluate(() => document.querySelectorAll("*").length);
  const DOM_LIMIT = 3000;

  step = `large election ${large.election}`;
  await timed(`switching to ${large.election}`, async () => {
    const before = await loaded(page);
    await page.selectOption("#election", large.election);
    await loadedAfter(page, before);
  });
  await timed(`${large.election} at ${large.as_of}`, () => setDate(page, large.as_of));
  eq("large: not signed", await figure(page, "fig-not-signed"), large.not_signed);
  eq("large: the not-signed list's count", Number(await page.getAttribute("[data-testid=ns-count]", "data-value")), large.not_signed);
  eq("large: the count's text", (await page.textContent("[data-testid=ns-count]")).includes(ID.format(large.not_signed)), true);
  let size = Number(await page.inputValue("#ns-size"));
  eq("large: rows in the table (one page)", await page.locator("#ns-table tbody tr").count(), size);
  const units = await page.locator("tr[data-testid=unit-row]").count();
  ok(`large: at most 50 units listed before 'show all' (${units})`, units <= 50);
  let dom = await domSize();
  console.log(`dashboard_test: large: ${dom} elements in the page`);
  ok(`large: the page holds ${dom} elements (at most ${DOM_LIMIT})`, dom <= DOM_LIMIT);
  await accessible(page, `pakta of ${large.election}`);
  await page.screenshot({ path: path.join(SHOTS, `province-large-pakta-wide-full.png`), fullPage: true });

  step = "large: paging";
  await timed("page size 100", async () => {
    const first = (await rows())[0];
    await page.selectOption("#ns-size", "100");
    await page.waitForFunction(() => document.querySelectorAll("tr[data-testid=ns-row]").length === 100);
    eq("large: the first row after a new page size", (await rows())[0], first);
  });
  size = 100;
  const pages = Math.ceil(large.not_signed / size);
  const seen = new Set(await rows());
  const pageOne = [...seen];
  for (let k = 2; k <= 4; k++) {
    const prev = (await rows())[0];
    await timed(`large: to page ${k}`, async () => {
      await page.click("#ns-next");
      await page.waitForFunction((f) => document.querySelector("tr[data-testid=ns-row] td.nip")?.textContent !== f, prev);
    });
    const now = await rows();
    eq(`large: rows on page ${k}`, now.length, size);
    ok(`large: page ${k} holds only names not shown before`, now.every((x) => !seen.has(x)));
    now.forEach((x) => seen.add(x));
    eq(`large: the page label on page ${k}`, (await page.textContent("#ns-page")).trim(), `Halaman ${ID.format(k)} dari ${ID.format(pages)}`);
    ok(`large: focus after paging is on the page label`, await page.waitForFunction(() => document.activeElement?.id === "ns-page",
      null, { timeout: 5_000 }).then(() => true, () => false));
    eq(`large: rows in the DOM on page ${k}`, await page.locator("#ns-table tbody tr").count(), size);
  }
  const pageFour = await rows();
  await page.click("#ns-prev");
  await page.waitForFunction((f) => document.querySelector("tr[data-testid=ns-row] td.nip")?.textContent !== f, pageFour[0]);
  eq("large: back a page", (await page.textContent("#ns-page")).trim(), `Halaman 3 dari ${ID.format(pages)}`);
  ok("large: the previous page holds none of page 4", (await rows()).every((x) => !pageFour.includes(x) && !pageOne.includes(x)));
  dom = await domSize();
  ok(`large: after paging the page holds ${dom} elements (at most ${DOM_LIMIT})`, dom <= DOM_LIMIT);

  step = "large: search";
  await timed(`large: search ${JSON.stringify(large.query)}`, async () => {
    await page.fill("#ns-search", large.query);
    await page.press("#ns-search", "Enter");
    await page.waitForFunction((n) => Number(document.querySelector("[data-testid=ns-count]").dataset.value) === n
      && document.querySelectorAll("tr[data-testid=ns-row]").length === Math.min(n, 100), large.query_not_signed, { timeout: 15_000 })
      .catch(() => null);
  });
  eq("large: the search's count (the server's total)", Number(await page.getAttribute("[data-testid=ns-count]", "data-value")), large.query_not_signed);
  const names = await page.$$eval("tr[data-testid=ns-row] td:nth-child(2)", (tds) => tds.map((td) => td.textContent));
  eq("large: rows of the search's first page", names.length, Math.min(large.query_not_signed, size));
  ok(`large: every name found holds ${large.query}`, names.every((x) => x.toLowerCase().includes(large.query.toLowerCase())));
  eq("large: the search starts on page 1", (await page.textContent("#ns-page")).trim(),
    `Halaman 1 dari ${ID.format(Math.max(1, Math.ceil(large.query_not_signed / size)))}`);
  await page.click("#ns-clear");
  await page.waitForFunction((n) => Number(document.querySelector("[data-testid=ns-count]").dataset.value) === n, large.not_signed);
  eq("large: the whole list again", (await rows())[0], pageOne[0]);

  step = "large: CSV download";
  const csv = await timed(`large: CSV of ${large.not_signed} rows`, () => download(page, "ns-csv"));
  const table = parseCsv(csv.buf.toString("utf8").replace(/^\uFEFF/, "")).filter((r) => r.length > 1 || r[0]);
  const col = table[0].indexOf("NIP");
  ok(`large: the CSV has a NIP column (header ${JSON.stringify(table[0])})`, col >= 0);
  const nips = table.slice(1).map((r) => r[col]);
  eq("large: CSV data rows", nips.length, large.not_signed);
  eq("large: CSV NIPs are distinct", new Set(nips).size, nips.length);
  eq("large: CSV NIPs equal netra pact progress's (SHA-256 of the sorted list)",
    crypto.createHash("sha256").update([...nips].sort().join("\n")).digest("hex"), large.nips_sha256);
  eq("large: the download's status", (await page.textContent("[data-testid=ns-download-status]")).trim(),
    `Unduhan siap: ${ID.format(large.not_signed)} baris.`);
  dom = await domSize();
  ok(`large: after the download the page holds ${dom} elements (at most ${DOM_LIMIT})`, dom <= DOM_LIMIT);
  noProblems();
}

let code = 0;
try {
  // --- The province token ---
  step = "province sign-in";
  const page = await newPage();
  await signIn(page, PROVINCE, { checkForm: true });
  ok("the caller is shown", (await page.textContent("[data-testid=caller]")).length > 0);
  ok("names and NIPs are shown to the province token", await page.isVisible("#ns-search"));
  const elections = await page.$$eval("#election option", (os) => os.map((o) => o.value));
  ok(`election ${EXPECTED.election} can be chosen`, elections.includes(EXPECTED.election));
  if ((await page.inputValue("#election")) !== EXPECTED.election) {
    const before = await loaded(page);
    await page.selectOption("#election", EXPECTED.election);
    await loadedAfter(page, before);
  }

  step = `province at ${EXPECTED.as_of}`;
  await setDate(page, EXPECTED.as_of);
  await checkTotals(page, EXPECTED.total_at_as_of, EXPECTED.as_of);
  await checkCompliance(page);
  ok("the signing curve is drawn", await page.locator("#curve canvas").count() > 0);
  // The worst units first; all of them on request (the keyboard goes on at the first one added).
  const unitsListed = EXPECTED.units.filter((x) => x.issued > 0).length;
  const more = page.locator("[data-testid=units-more]");
  eq("units listed before 'show all'", await page.locator("tr[data-testid=unit-row]").count(), Math.min(unitsListed, 50));
  eq("a button shows all the units", await more.count(), unitsListed > 50 ? 1 : 0);
  if (await more.count()) {
    await more.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction((k) => document.querySelectorAll("tr[data-testid=unit-row]").length === k, unitsListed);
    eq("focus after 'show all' is on the first unit added", await page.evaluate(() =>
      [...document.querySelectorAll("[data-testid=unit-link]")].indexOf(document.activeElement)), 50);
  }
  const unitRows = await page.$$eval("tr[data-testid=unit-row]", (trs) => trs.map((tr) => {
    const signed = tr.querySelector("td[data-field=signed]");
    return {
      agency: tr.dataset.agency, unit: tr.dataset.unit, issued: Number(signed.dataset.issued),
      signed: Number(signed.dataset.value),
      not_signed: Number(tr.querySelector("td[data-field=not_signed]").dataset.value),
    };
  }));
  // Every unit's bar holds the command's figures for that unit, and no other unit is shown.
  const key = (u) => `${u.agency}\u0000${u.unit}`;
  const sorted = (list) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const wantUnits = sorted(EXPECTED.units.filter((u) => u.issued > 0));
  eq("units shown", sorted(unitRows).map(key).join("; "), wantUnits.map(key).join("; "));
  sorted(unitRows).forEach((u, i) =>
    eq(`unit ${u.unit} of ${u.agency}`, JSON.stringify(u), JSON.stringify(wantUnits[i])));
  const units = unitRows.map((r) => r.signed / r.issued);
  ok("units are sorted worst first", units.every((r, i) => i === 0 || units[i - 1] <= r + 1e-12));

  step = `province at ${EXPECTED.other_as_of}`;
  await setDate(page, EXPECTED.other_as_of);
  await checkTotals(page, EXPECTED.total_at_other_as_of, EXPECTED.other_as_of);

  step = "drill into a unit";
  await setDate(page, EXPECTED.as_of);
  const u = EXPECTED.unit;
  const link = page.locator("button[data-testid=unit-link]").filter({ hasText: u.unit })
    .and(page.locator(`[data-agency="${u.agency.replace(/"/g, '\\"')}"]`));
  ok(`the unit ${u.unit} of ${u.agency} is listed`, (await link.count()) === 1);
  let before = await loaded(page);
  await link.focus();
  await page.keyboard.press("Enter");  // drilled with the keyboard
  await loadedAfter(page, before);
  eq("scope unit", await page.getAttribute("[data-testid=scope]", "data-unit"), u.unit);
  eq("scope agency", await page.getAttribute("[data-testid=scope]", "data-agency"), u.agency);
  await checkTotals(page, u, `unit ${u.unit}`);
  ok("focus after drilling is on the page's heading", await page.waitForFunction(() => document.activeElement?.id === "pact-heading",
    null, { timeout: 5_000 }).then(() => true, () => false));
  await accessible(page, `the unit ${u.unit}`);
  const listed = await page.$$eval("tr[data-testid=ns-row] td:nth-child(4)", (tds) => [...new Set(tds.map((td) => td.textContent))]);
  eq("the unit's not-signed list holds only the unit", listed, [u.unit]);
  before = await loaded(page);
  await page.click("[data-testid=scope-back]");
  await loadedAfter(page, before);
  await checkTotals(page, EXPECTED.total_at_as_of, `${EXPECTED.as_of} after the unit`);

  step = "search the not-signed list";
  const nip = EXPECTED.not_signed_nips[0];
  if (nip) {
    await page.fill("#ns-search", nip.slice(0, 12));
    await page.press("#ns-search", "Enter");
    const found = await page.waitForFunction((p) => {
      const nips = [...document.querySelectorAll("tr[data-testid=ns-row] td.nip")].map((td) => td.textContent);
      return nips.length > 0 && nips.every((x) => x.includes(p)) ? nips : null;
    }, nip.slice(0, 12), { timeout: 15_000 }).then((h) => h.jsonValue()).catch(() => null);
    ok(`searching ${nip.slice(0, 12)} lists only the NIPs holding it`, found && found.includes(nip));
    eq("the count of the search", Number(await page.getAttribute("[data-testid=ns-count]", "data-value")), found.length);
    await page.click("#ns-clear");
    await page.waitForFunction((n) => Number(document.querySelector("[data-testid=ns-count]").dataset.value) === n, EXPECTED.total_at_as_of.not_signed);
  }
  noProblems();

  step = "paging";
  const pageSize = Number(await page.inputValue("#ns-size"));
  eq("rows on the first page", await page.locator("tr[data-testid=ns-row]").count(), Math.min(pageSize, EXPECTED.total_at_as_of.not_signed));
  if (EXPECTED.total_at_as_of.not_signed > pageSize) {
    const first = await page.textContent("tr[data-testid=ns-row] td.nip");
    await page.click("#ns-next");
    await page.waitForFunction((f) => document.querySelector("tr[data-testid=ns-row] td.nip")?.textContent !== f, first);
    ok("the next page has other names", (await page.textContent("tr[data-testid=ns-row] td.nip")) !== first);
    await page.click("#ns-prev");
    await page.waitForFunction((f) => document.querySelector("tr[data-testid=ns-row] td.nip")?.textContent === f, first);
  }

  step = "CSV download";
  const csv = await download(page, "ns-csv");
  const rows = parseCsv(csv.buf.toString("utf8").replace(/^\uFEFF/, "")).filter((r) => r.length > 1 || r[0]);
  const col = rows[0].indexOf("NIP");
  ok(`the CSV has a NIP column (header ${JSON.stringify(rows[0])})`, col >= 0);
  const got = rows.slice(1).map((r) => r[col]);
  const want = new Set(EXPECTED.not_signed_nips);
  eq("CSV rows", got.length, EXPECTED.not_signed_nips.length);
  eq("CSV NIPs are distinct", new Set(got).size, got.length);
  const missing = [...want].filter((x) => !got.includes(x));
  const extra = got.filter((x) => !want.has(x));
  ok(`CSV NIPs equal netra pact progress's (missing ${missing.slice(0, 3)}, extra ${extra.slice(0, 3)})`, !missing.length && !extra.length);

  step = "xlsx download";
  const xlsx = await download(page, "ns-xlsx");
  ok("the xlsx is named .xlsx", xlsx.name.endsWith(".xlsx"));
  const parts = unzip(xlsx.buf);
  for (const p of ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"]) {
    ok(`the xlsx has ${p}`, parts.has(p));
  }
  const sheet = parts.get("xl/worksheets/sheet1.xml");
  eq("xlsx data rows", (sheet.match(/<row /g) || []).length - 1, EXPECTED.not_signed_nips.length);
  if (nip) ok("a NIP is kept as text in the xlsx", sheet.includes(`<is><t xml:space="preserve">${nip}</t></is>`));

  step = "audit";
  await goTo(page, "audit");
  await page.setInputFiles("#audit-file", AUDIT_FILE);
  await page.click("[data-testid=audit-submit]");  // the button of the audit form
  const lines = fs.readFileSync(AUDIT_FILE, "utf8").split("\n").filter((l) => l.trim()).length;
  await page.waitForFunction((n) => document.querySelectorAll("tr[data-testid=audit-row]").length === n, lines);
  const verdicts = await page.$$eval("tr[data-testid=audit-row]", (trs) => trs.map((tr) => tr.dataset.verdict));
  ok(`the audit shows findings with problems (${verdicts})`, verdicts.some((v) => v !== "WITHIN_LAW"));
  const auditCsv = await download(page, "audit-csv");
  const auditRows = parseCsv(auditCsv.buf.toString("utf8").replace(/^\uFEFF/, "")).filter((r) => r.length > 1);
  eq("audit CSV rows", auditRows.length - 1, lines);
  await accessible(page, "audit with its findings");
  // The same decisions as CSV (examples/audit_decisions_2024.csv) give the same verdicts.
  await page.setInputFiles("#audit-file", AUDIT_CSV);
  await page.click("[data-testid=audit-submit]");
  await page.waitForFunction((v) => [...document.querySelectorAll("tr[data-testid=audit-row]")]
    .map((tr) => tr.dataset.verdict).join() === v, verdicts.join(), { timeout: 20000 }).catch(() => {});
  eq("the CSV's verdicts", (await page.$$eval("tr[data-testid=audit-row]", (trs) => trs.map((tr) => tr.dataset.verdict))).join(),
     verdicts.join());
  await goTo(page, "pakta");

  step = "language";
  await page.selectOption("#lang", "en");
  eq("English labels", (await page.textContent("#pact-heading")).trim(), "Integrity pact signing");
  eq("numbers stay in Indonesian format in English", (await page.textContent("[data-testid=fig-issued] .figure-value")).trim(),
    ID.format(EXPECTED.total_at_as_of.issued));
  eq("the page's language", await page.evaluate(() => document.documentElement.lang), "en");
  await accessible(page, "pakta in English");
  await page.selectOption("#lang", "id");
  noProblems();

  step = "province screenshots";
  // Wide, the province's tabs were checked above (a unit, a case open, the
  // audit's findings, the page in English); narrow here.
  await screenshots(page, "province", ["narrow"]);
  noProblems();

  if (EXPECTED.large) await checkLarge(page, EXPECTED.large);
  await page.context().close();

  // --- The agency token: its agency only, no names or NIPs ---
  step = "agency token";
  const ap = await newPage();
  await signIn(ap, AGENCY_TOKEN);
  await setDate(ap, EXPECTED.as_of);
  ok("no search by name or NIP for a token without personal data", !(await ap.isVisible("#ns-search")));
  const heads = await ap.$$eval("#ns-table thead th", (ths) => ths.map((th) => th.textContent));
  ok(`no NIP or name column (${heads})`, !heads.includes("NIP") && !heads.includes("Nama"));
  const others = EXPECTED.compliance.map((a) => a.agency).filter((a) => a !== EXPECTED.agency);
  ok("the test knows other agencies", others.length > 0);
  for (const tab of ["pakta", "netralitas", "audit"]) {
    await goTo(ap, tab);
    const html = await ap.content();
    const text = await ap.evaluate(() => document.body.innerText);
    for (const other of others) ok(`${tab}: another agency (${other}) appears on the agency token's page`, !html.includes(other));
    ok(`${tab}: a NIP appears on the agency token's page`, !/\b\d{18}\b/.test(text));
  }
  ok("the agency's own figures are shown", Number(await ap.getAttribute("[data-testid=fig-issued]", "data-value")) > 0);
  await goTo(ap, "pakta");
  const agencyCsv = await download(ap, "ns-csv");
  const agencyRows = parseCsv(agencyCsv.buf.toString("utf8").replace(/^\uFEFF/, ""));
  ok(`the agency's CSV has no NIP column (${agencyRows[0]})`, !agencyRows[0].includes("NIP"));
  ok("the agency's CSV holds no NIP", !/\b\d{18}\b/.test(agencyCsv.buf.toString("utf8")));
  for (const other of others) ok(`the agency's CSV names ${other}`, !agencyCsv.buf.toString("utf8").includes(other));
  await screenshots(ap, "agency");
  noProblems();
  await ap.context().close();
  console.log(`dashboard_test: axe-core ${AXE_VERSION}: ${axeRuns} pages checked in ${(axeMs / 1000).toFixed(1)} s`);
  console.log(`dashboard_test: ${checks} checks passed; screenshots in ${SHOTS}`);
  console.log("1 passed, 0 failed");
} catch (e) {
  console.error(e instanceof Mismatch ? `dashboard_test: FAIL ${e.message}` : `dashboard_test: FAIL [${step}] ${e.stack || e}`);
  if (problems.length) console.error(`browser problems:\n  ${problems.join("\n  ")}`);
  console.log("0 passed, 1 failed");
  code = 1;
} finally {
  await browser.close();
}
process.exit(code);
