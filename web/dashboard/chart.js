// The signing curve drawn with uPlot (vendor/uplot, loaded as a classic
// script before the modules): issued, signed and not signed per day, with
// the due date as a dashed vertical line. Dates are days at UTC midnight.

import { t, int, dateShort, date, parseDay } from "./i18n.js";
import { n } from "./api.js";

let plot = null;
let observer = null;

const COLORS = { issued: "#5a6b7b", signed: "#0b6e3b", on_time: "#1f8a70", not_signed: "#b3261e", due: "#7a4d00" };

function size(el) {
  const width = Math.max(260, el.clientWidth || 600);
  return { width, height: Math.round(Math.min(320, Math.max(200, width * 0.5))) };
}

// curve: GetSigningCurve's answer, or null to clear.
export function drawCurve(el, curve) {
  if (plot) { plot.destroy(); plot = null; }
  if (observer) { observer.disconnect(); observer = null; }
  el.replaceChildren();
  if (!curve || typeof window.uPlot !== "function") return;
  const pts = curve.points || [];
  const xs = pts.map((p) => parseDay(p.date).getTime() / 1000);
  const due = parseDay(curve.due);
  const dueSec = due ? due.getTime() / 1000 : null;
  const data = [
    xs,
    pts.map((p) => n(p.issued)),
    pts.map((p) => n(p.signed_on_time) + n(p.signed_late)),
    pts.map((p) => n(p.signed_on_time)),
    pts.map((p) => n(p.not_signed)),
  ];
  const lo = Math.min(xs[0], dueSec ?? xs[0]) - 86400;
  const hi = Math.max(xs[xs.length - 1], dueSec ?? 0) + 86400;
  const series = (label, stroke, width = 2, dash) => ({
    label, stroke, width, dash, points: { show: pts.length < 40 },
    value: (u, v) => (v === null || v === undefined ? "–" : int(v)),
  });
  const opts = {
    ...size(el),
    tzDate: (ts) => window.uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    scales: { x: { time: true, range: () => [lo, hi] }, y: { range: (u, min, max) => [0, Math.max(1, max) * 1.05] } },
    series: [
      { label: t("controls.date"), value: (u, v) => (v === null || v === undefined ? "–" : date(new Date(v * 1000).toISOString().slice(0, 10))) },
      series(t("curve.issued"), COLORS.issued, 2, [6, 4]),
      series(t("curve.signed"), COLORS.signed, 3),
      series(t("curve.on_time"), COLORS.on_time, 1.5),
      series(t("curve.not_signed"), COLORS.not_signed, 2),
    ],
    axes: [
      { values: (u, splits) => splits.map((s) => dateShort(new Date(s * 1000))), space: 70 },
      { values: (u, splits) => splits.map((s) => int(s)), size: 60 },
    ],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    hooks: {
      draw: [(u) => {
        if (dueSec === null) return;
        const x = Math.round(u.valToPos(dueSec, "x", true));
        const { ctx } = u;
        const top = u.bbox.top, bottom = u.bbox.top + u.bbox.height;
        ctx.save();
        ctx.strokeStyle = COLORS.due;
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = COLORS.due;
        ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
        const label = `${t("curve.due")} ${dateShort(due)}`;
        const w = ctx.measureText(label).width;
        ctx.fillText(label, Math.min(x + 4 * devicePixelRatio, u.bbox.left + u.bbox.width - w), bottom - 6 * devicePixelRatio);
        ctx.restore();
      }],
    },
  };
  plot = new window.uPlot(opts, data, el);
  let width = el.clientWidth;
  observer = new ResizeObserver(() => {
    if (!plot || el.clientWidth === width) return;
    width = el.clientWidth;
    requestAnimationFrame(() => { if (plot) plot.setSize(size(el)); });
  });
  observer.observe(el);
}
