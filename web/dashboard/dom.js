// Building the page's elements without HTML strings (so the page keeps
// working under Content-Security-Policy default-src 'self', and no name from
// the data is ever parsed as markup).

// h("td", {class: "num", dataset: {value: 3}}, "3"): an element with its
// attributes (class, text, dataset, hidden, any other attribute) and
// children (nodes or text; null and false are skipped).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k === "dataset") for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv);
    else if (k === "hidden") el.hidden = Boolean(v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function $(id) { return document.getElementById(id); }

// A table's box that scrolls (sideways on a phone, or down past its
// max-height) must be reachable by the keyboard to be scrolled (WCAG 2.1.1):
// while its content overflows it is a region named by `labelledBy` (the id of
// a heading, and #scroll-hint: "table, scroll to see all", so it is not
// named as its section is) in the Tab order; when it fits, it is a plain box
// again (no useless Tab stop). Follows the box's and the table's size.
export function scrollRegion(wrap, labelledBy) {
  const update = () => {
    const over = wrap.scrollWidth > wrap.clientWidth + 1 || wrap.scrollHeight > wrap.clientHeight + 1;
    if (over === (wrap.getAttribute("role") === "region")) return;
    if (over) {
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-labelledby", `${labelledBy} scroll-hint`);
      wrap.tabIndex = 0;
    } else {
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-labelledby");
      wrap.removeAttribute("tabindex");
    }
  };
  const observer = new ResizeObserver(update);
  observer.observe(wrap);
  if (wrap.firstElementChild) observer.observe(wrap.firstElementChild);
  update();
  return wrap;
}

export function clear(el) { el.replaceChildren(); return el; }

// A table: caption, head cells [{text, class}], body rows (tr elements).
export function table(el, { caption, head, rows, empty }) {
  clear(el);
  if (caption) el.append(h("caption", { class: "visually-hidden" }, caption));
  el.append(h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col", class: c.class }, c.text)))));
  const body = h("tbody");
  if (rows.length === 0 && empty) body.append(h("tr", {}, h("td", { colspan: head.length, class: "empty" }, empty)));
  body.append(...rows);
  el.append(body);
  return el;
}
