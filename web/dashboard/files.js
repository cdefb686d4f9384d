// Downloads made in the browser: CSV (UTF-8 with a byte-order mark, so
// Excel reads the letters right) and handing a Blob to the user as a file.

// One CSV field: quoted when it holds a comma, quote or line break; a text
// that a spreadsheet would run as a formula (=, +, -, @ first) gets a
// leading apostrophe. Numbers are written as they are.
function field(v) {
  if (typeof v === "number") return String(v);
  let s = v === undefined || v === null ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvBlob(rows) {
  const text = "\uFEFF" + rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
  return new Blob([text], { type: "text/csv;charset=utf-8" });
}

export function save(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
