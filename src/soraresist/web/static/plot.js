// Small SVG plots drawn here, no chart library: lines with a ±1 SE band, bars with error bars.

const NS = "http://www.w3.org/2000/svg";
export const PALETTE = ["#1f6feb", "#cf222e", "#1a7f37", "#9a6700", "#8250df", "#bf3989",
  "#0a7ea4", "#6e7781", "#fb8500", "#2a9d8f"];

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  return node;
}

function frame(width, height, margin, yLabel) {
  const root = svg("svg", { class: "plot", width, height, viewBox: `0 0 ${width} ${height}`,
                            role: "img" });
  const h = height - margin.top - margin.bottom;
  const y = (v) => margin.top + h * (1 - v);
  const axis = svg("g", { class: "axis" });
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    axis.append(svg("line", { x1: margin.left - 4, x2: width - margin.right, y1: y(v), y2: y(v),
                              stroke: v === 0 ? "#889" : "#e3e6ee" }));
    axis.append(svg("text", { x: margin.left - 8, y: y(v) + 4, "text-anchor": "end" }, v.toFixed(2)));
  }
  axis.append(svg("text", { x: 12, y: margin.top + h / 2, transform:
    `rotate(-90 12 ${margin.top + h / 2})`, "text-anchor": "middle" }, yLabel));
  root.append(axis);
  return { root, y };
}

// series: [{label, color, values: [p|null], stderr: [se|null]}] over `times`.
export function lineChart(times, series, { width = 640, height = 300, title = "" } = {}) {
  const margin = { top: 24, right: 150, bottom: 36, left: 56 };
  const { root, y } = frame(width, height, margin, "probability");
  const w = width - margin.left - margin.right;
  const tMax = times.length > 1 ? times[times.length - 1] : 1;
  const x = (t) => margin.left + (w * t) / tMax;
  root.append(svg("text", { x: margin.left, y: 15, "font-weight": 600 }, title));
  for (const t of niceTicks(tMax)) {
    root.append(svg("text", { x: x(t), y: height - margin.bottom + 16, "text-anchor": "middle" }, t));
  }
  root.append(svg("text", { x: margin.left + w / 2, y: height - 4, "text-anchor": "middle" }, "time"));
  const legend = new Map();
  series.forEach((s) => {
    const points = times.map((t, k) => [t, s.values[k], s.stderr[k] || 0])
      .filter(([, v]) => v !== null);
    if (!points.length) return;
    const upper = points.map(([t, v, e]) => `${x(t)},${y(Math.min(1, v + e))}`);
    const lower = points.map(([t, v, e]) => `${x(t)},${y(Math.max(0, v - e))}`).reverse();
    root.append(svg("polygon", { points: [...upper, ...lower].join(" "), fill: s.color,
                                 opacity: 0.15 }));
    root.append(svg("polyline", { points: points.map(([t, v]) => `${x(t)},${y(v)}`).join(" "),
                                  fill: "none", stroke: s.color, "stroke-width": 2,
                                  "stroke-dasharray": s.dashed ? "5 3" : "none",
                                  "data-series": s.label }));
    if (!legend.has(s.label)) legend.set(s.label, s.color);
  });
  [...legend].forEach(([label, color], i) => {  // one entry per label, whatever its dashes
    const ly = margin.top + 14 * i + 6;
    root.append(svg("line", { x1: width - margin.right + 10, x2: width - margin.right + 28,
                              y1: ly, y2: ly, stroke: color, "stroke-width": 2 }));
    root.append(svg("text", { x: width - margin.right + 32, y: ly + 4 }, label));
  });
  return root;
}

// groups: [{label, bars: [{label, color, value, stderr}]}]: grouped bars with ±1 SE whiskers.
export function barChart(groups, { width = 640, height = 300, title = "" } = {}) {
  const margin = { top: 24, right: 150, bottom: 70, left: 56 };
  const { root, y } = frame(width, height, margin, "final probability");
  const w = width - margin.left - margin.right;
  const slot = w / Math.max(1, groups.length);
  root.append(svg("text", { x: margin.left, y: 15, "font-weight": 600 }, title));
  const legend = new Map();
  groups.forEach((group, g) => {
    const barWidth = (slot * 0.8) / Math.max(1, group.bars.length);
    group.bars.forEach((bar, b) => {
      const left = margin.left + g * slot + slot * 0.1 + b * barWidth;
      root.append(svg("rect", { x: left, y: y(bar.value), width: barWidth - 2,
                                height: Math.max(0, y(0) - y(bar.value)), fill: bar.color,
                                class: "bar", "data-group": group.label, "data-bar": bar.label }));
      const mid = left + (barWidth - 2) / 2;
      const lo = y(Math.max(0, bar.value - bar.stderr)), hi = y(Math.min(1, bar.value + bar.stderr));
      root.append(svg("line", { x1: mid, x2: mid, y1: lo, y2: hi, stroke: "#222", class: "errorbar" }));
      for (const yy of [lo, hi]) root.append(svg("line", { x1: mid - 4, x2: mid + 4, y1: yy, y2: yy, stroke: "#222" }));
      legend.set(bar.label, bar.color);
    });
    const cx = margin.left + g * slot + slot / 2, cy = height - margin.bottom + 12;
    root.append(svg("text", { x: cx, y: cy, "text-anchor": "end",
                              transform: `rotate(-35 ${cx} ${cy})` }, group.label));
  });
  [...legend].forEach(([label, color], i) => {
    const ly = margin.top + 16 * i;
    root.append(svg("rect", { x: width - margin.right + 10, y: ly, width: 12, height: 12, fill: color }));
    root.append(svg("text", { x: width - margin.right + 28, y: ly + 10 }, label));
  });
  return root;
}

function niceTicks(max) {
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => max / s <= 8) || Math.ceil(max / 8);
  const ticks = [];
  for (let t = 0; t <= max + 1e-9; t += step) ticks.push(Math.round(t * 100) / 100);
  return ticks;
}
