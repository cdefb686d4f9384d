// Calls to the service's public API: every method is POST /v1/<Method> with
// a protobuf-JSON body (int64 fields come back as strings; fields at their
// default are left out). The bearer token lives in sessionStorage only.

const TOKEN_KEY = "netra.token";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;  // HTTP status (0: no answer)
    this.code = code;      // "PERMISSION_DENIED", ...
  }
}

export function token() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ""; } catch (_) { return ""; }
}
export function setToken(value) {
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch (_) { /* storage off: the token lives as long as the page */ }
  memoryToken = value || "";
}
let memoryToken = "";

// Called with the ApiError of any 401, so the page can ask for a token again.
let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

function headers(contentType) {
  const h = { "Content-Type": contentType, "Accept": contentType === "application/x-ndjson" ? contentType : "application/json" };
  const tok = token() || memoryToken;
  if (tok) h.Authorization = `Bearer ${tok}`;
  return h;
}

async function fail(res) {
  let code = `HTTP_${res.status}`, message = res.statusText || "";
  try {
    const body = await res.json();
    if (body && body.error) { code = body.code || code; message = body.error; }
  } catch (_) { /* not JSON */ }
  const err = new ApiError(res.status, code, message);
  if (res.status === 401) onUnauthorized(err);
  throw err;
}

// call("GetPactProgress", {...}) -> the answer as an object.
export async function call(method, body = {}, { signal } = {}) {
  let res;
  try {
    res = await fetch(`v1/${method}`, { method: "POST", headers: headers("application/json"), body: JSON.stringify(body), signal, cache: "no-store" });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, "UNAVAILABLE", e.message);
  }
  if (!res.ok) await fail(res);
  return res.json();
}

// callLines("AuditBatch", text) -> the answer lines, one parsed object each.
export async function callLines(method, text, { signal, csv = false } = {}) {
  let res;
  try {
    const type = csv ? "text/csv" : "application/x-ndjson";
    res = await fetch(`v1/${method}`, { method: "POST", headers: headers(type), body: text, signal, cache: "no-store" });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, "UNAVAILABLE", e.message);
  }
  if (!res.ok) await fail(res);
  const out = await res.text();
  return out.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
}

// int64 fields arrive as strings, absent at zero.
export function n(v) { return v === undefined || v === null || v === "" ? 0 : Number(v); }
