// Inline SVG charts for the classroom page, written for it: no library,
// no network. A chart draws into a <figure> at the figure's own size in CSS
// pixels (the SVG's viewBox follows the figure), so that tick labels are
// as large on screen as the style sheet says, on a laptop and on a
// projector alike; update() redraws its paths from the frames received so
// far, and a chart whose figure changes size redraws its axes.

const SVG = 'http://www.w3.org/2000/svg';

// ASPECT is a chart's height over its width; MIN_H and MAX_H bound the
// height in CSS pixels.
const ASPECT = 0.58, MIN_H = 190, MAX_H = 380;

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

// DASHES and MARKERS tell the policies of a run apart besides their
// colour, by their place in the run: where two policies' lines coincide
// (no sanctions under afstand and nabijheid alike), the dashes of the one
// drawn last leave gaps for the one below, and each policy's markers sit
// on months of their own, so both stay visible.
const DASHES = ['', '10 5', '2.5 4', '12 4 3 4'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond'];

// marker returns the path of the marker of the policy at index i, centred
// on (x, y) with radius r.
function marker(i, x, y, r) {
  const f = (v) => v.toFixed(1);
  switch (MARKERS[i % MARKERS.length]) {
    case 'square': return `M${f(x - r * 0.9)},${f(y - r * 0.9)}h${f(1.8 * r)}v${f(1.8 * r)}h${f(-1.8 * r)}Z`;
    case 'triangle': return `M${f(x)},${f(y - r * 1.2)}L${f(x + r * 1.15)},${f(y + r * 0.85)}L${f(x - r * 1.15)},${f(y + r * 0.85)}Z`;
    case 'diamond': return `M${f(x)},${f(y - r * 1.3)}L${f(x + r * 1.3)},${f(y)}L${f(x)},${f(y + r * 1.3)}L${f(x - r * 1.3)},${f(y)}Z`;
    default: return `M${f(x - r)},${f(y)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`;
  }
}

// lineKey returns a small SVG of the line of the policy at index i in a
// run, in colour, with its dashes and marker: the key of the legend.
export function lineKey(i, colour) {
  const svg = el('svg', { class: 'line-key', viewBox: '0 0 34 14', width: '34', height: '14', 'aria-hidden': 'true' });
  el('line', { x1: 1, x2: 33, y1: 7, y2: 7, stroke: colour, 'stroke-width': 2.5, 'stroke-dasharray': DASHES[i % DASHES.length] }, svg);
  el('path', { d: marker(i, 17, 7, 4), fill: colour, class: 'marker' }, svg);
  svg.dataset.dash = DASHES[i % DASHES.length] || 'solid';
  svg.dataset.marker = MARKERS[i % MARKERS.length];
  return svg;
}

// resized is called when a chart's figure changes size; the page sets it
// with onResize to have the charts redrawn.
let resized = () => {};

// onResize sets the function called when a chart's figure changes size.
export function onResize(fn) { resized = fn; }

const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => {
  let any = false;
  for (const e of entries) {
    const chart = e.target.chart;
    const w = Math.round(e.contentRect.width);
    if (chart && w > 0 && w !== chart.width) { chart.invalidate(); any = true; }
  }
  if (any) resized();
});

// scale returns the top and tick step of an axis from 0 to at least hi:
// about four steps of 1, 2, 2.5 or 5 times a power of ten, whole for counts.
// A euro axis spans at least €1k, so that an empty chart does not read
// "€1 €1 €0".
export function scale(hi, kind) {
  if (kind === 'level') return { max: 1, step: 0.2 };
  if (kind === 'euro') hi = Math.max(hi, 1000);
  if (!(hi > 0)) hi = 1;
  const raw = hi / 4;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  let step = 10 * p;
  for (const f of [1, 2, 2.5, 5]) if (f * p >= raw) { step = f * p; break; }
  if (kind === 'count') step = Math.max(1, Math.round(step));
  return { max: Math.ceil(hi / step - 1e-9) * step, step };
}

// decimals returns the digits after the point that tell steps of size
// step apart.
function decimals(step) {
  let d = 0;
  while (d < 3 && Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) > 1e-9) d++;
  return d;
}

// fmt formats an axis value with the precision of the axis's step: euros
// in thousands or millions, levels and shares with one decimal, counts as
// integers.
export function fmt(v, kind, step) {
  if (kind === 'euro') {
    if (v === 0) return '€0';
    const unit = step >= 1e6 ? [1e6, 'M'] : step >= 1e3 ? [1e3, 'k'] : [1, ''];
    return `€${(v / unit[0]).toFixed(decimals(step / unit[0]))}${unit[1]}`;
  }
  if (kind === 'level') return v.toFixed(1);
  return v.toFixed(decimals(step));
}

// Chart is what line and ladder charts share: a figure with a caption
// (its text in title), an SVG drawn at the figure's size, and an x axis
// label that stays in place (the page binds their texts, and the SVG's
// accessible name, to the language). unit says whether the chart writes a
// unit at the top of its value axis (ylabel).
class Chart {
  constructor(parent, cls, unit = false) {
    this.fig = document.createElement('figure');
    this.fig.className = cls;
    this.cap = document.createElement('figcaption');
    this.title = document.createElement('span');
    this.cap.appendChild(this.title);
    this.fig.appendChild(this.cap);
    this.svg = el('svg', { role: 'img', preserveAspectRatio: 'xMidYMid meet' }, this.fig);
    this.xlabel = el('text', { class: 'xlabel', 'text-anchor': 'middle' }, this.svg);
    this.ylabel = unit ? el('text', { class: 'ylabel', 'text-anchor': 'start', x: 2 }, this.svg) : null;
    parent.appendChild(this.fig);
    this.fig.chart = this;
    this.width = 0;
    observer?.observe(this.fig);
  }

  // invalidate makes the next update rebuild the axes at the current size.
  invalidate() { this.width = 0; }

  // frame builds the axes over months 0..months with y in [0, ymax] at
  // the figure's current size; it returns the scales and the group that
  // holds the data.
  frame(months, { max: ymax, step }, kind) {
    const W = Math.max(200, Math.round(this.fig.clientWidth || 480));
    const H = Math.round(Math.min(MAX_H, Math.max(MIN_H, W * ASPECT)));
    this.width = W;
    this.svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    this.axesGroup?.remove();
    this.dataGroup?.remove();
    const font = parseFloat(getComputedStyle(this.svg).fontSize) || 12;
    const labels = [];
    for (let i = 0; i * step <= ymax + 1e-9; i++) labels.push(fmt(i * step, kind, step));
    const widest = Math.max(...labels.map((s) => s.length));
    const M = { left: Math.ceil(widest * font * 0.62) + 12, right: Math.ceil(font), top: Math.ceil(font * (this.ylabel ? 1.9 : 0.8)), bottom: Math.ceil(font * 2.9) };
    const x = (m) => M.left + (m / Math.max(months, 1)) * (W - M.left - M.right);
    const y = (v) => H - M.bottom - (v / ymax) * (H - M.top - M.bottom);
    const axes = el('g', { class: 'axes' });
    this.svg.insertBefore(axes, this.xlabel);
    labels.forEach((label, i) => {
      const v = i * step;
      el('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: i === 0 ? 'axis' : 'gridline' }, axes);
      const t = el('text', { x: M.left - 6, y: y(v), class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, axes);
      t.textContent = label;
    });
    // Month ticks every 6, 12 or 24 months, and fewer when they would
    // crowd: at least four label widths apart.
    let every = months <= 24 ? 6 : months > 120 ? 24 : 12;
    const room = (W - M.left - M.right) / Math.max(months, 1);
    while (every * room < font * 3 && every < months) every *= 2;
    for (let m = 0; m <= months; m += every) {
      el('line', { x1: x(m), x2: x(m), y1: H - M.bottom, y2: H - M.bottom + 4, class: 'axis' }, axes);
      const t = el('text', { x: x(m), y: H - M.bottom + 5 + font, class: 'tick', 'text-anchor': 'middle' }, axes);
      t.textContent = String(m);
    }
    this.xlabel.setAttribute('x', String((M.left + W - M.right) / 2));
    this.xlabel.setAttribute('y', String(H - font * 0.35));
    this.ylabel?.setAttribute('y', String(font * 0.95));
    this.axesGroup = axes;
    this.dataGroup = el('g', { class: 'data' });
    this.svg.insertBefore(this.dataGroup, this.xlabel);
    return { x, y, data: this.dataGroup };
  }
}

// LineChart shows one outcome, one line per policy in the policy's colour,
// dashes and markers. kind is 'level' (fixed 0-1), 'count' or 'euro' (axis
// grows with the data); unit says whether the value axis names its unit.
export class LineChart extends Chart {
  constructor(parent, id, outcome, kind, unit = false) {
    super(parent, 'chart line', unit);
    this.fig.id = `chart-${id}`;
    this.outcome = outcome;
    this.kind = kind;
    this.key = '';
  }

  invalidate() { super.invalidate(); this.key = ''; }

  // update redraws from frames (index = month) for the run's policies.
  update(frames, policies, months) {
    let hi = 0;
    for (const f of frames) if (f) for (const p of f.policies) hi = Math.max(hi, p[this.outcome] ?? 0);
    const sc = scale(hi, this.kind);
    const key = `${months}|${sc.max}|${policies.map((p) => p.name)}`;
    if (key !== this.key || this.width === 0) {
      this.key = key;
      this.axes = this.frame(months, sc, this.kind);
      this.paths = policies.map((p, i) => el('path', {
        class: 'series', stroke: p.colour, 'data-policy': p.name,
        'stroke-dasharray': DASHES[i % DASHES.length], 'data-dash': DASHES[i % DASHES.length] || 'solid',
      }, this.axes.data));
      this.markers = policies.map((p, i) => el('path', { class: 'marker', fill: p.colour, 'data-policy': p.name, 'data-marker': MARKERS[i % MARKERS.length] }, this.axes.data));
    }
    const { x, y } = this.axes;
    // Markers about every 56 px, each policy's on months of its own: at
    // least one month apart per policy, so that n policies' markers take
    // turns, offset by the policy's index (a short run on a narrow chart
    // would otherwise put two policies' markers on the same months).
    const n = policies.length;
    const every = Math.max(n, 1, Math.round(56 / Math.max(x(1) - x(0), 1e-9)));
    const r = Math.max(3, (parseFloat(getComputedStyle(this.svg).fontSize) || 12) * 0.3);
    policies.forEach((_, i) => {
      let d = '';
      let dots = '';
      let pen = 'M';
      // Distinct for distinct i, and below every, since every >= n.
      const offset = Math.floor((i * every) / n);
      const at = [];
      for (let m = 0; m < frames.length; m++) {
        const v = frames[m]?.policies[i][this.outcome];
        if (v === null || v === undefined) { pen = 'M'; continue; }
        d += `${pen}${x(m).toFixed(1)},${y(v).toFixed(1)}`;
        pen = 'L';
        if (m % every === offset) { dots += marker(i, x(m), y(v), r); at.push(m); }
      }
      this.paths[i].setAttribute('d', d || 'M0,0');
      this.markers[i].setAttribute('d', dots || 'M0,0');
      // The months with a marker, for the browser test.
      this.markers[i].dataset.months = at.join(' ');
    });
  }
}

// LadderChart stacks one policy's residents by rung (1-6) and those who
// left without work, as shares of everyone who has arrived.
export class LadderChart extends Chart {
  constructor(parent, index, policy, colours) {
    super(parent, 'chart ladder');
    this.fig.id = `ladder-${policy.name}`;
    // The title is dark on white, for contrast; the policy's colour is a
    // swatch beside it.
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = policy.colour;
    this.cap.prepend(sw);
    this.index = index;
    this.colours = colours;
    this.months = -1;
  }

  invalidate() { super.invalidate(); this.months = -1; }

  update(frames, months) {
    if (months !== this.months || this.width === 0) {
      this.months = months;
      this.axes = this.frame(months, scale(1, 'level'), 'level');
      this.paths = this.colours.map((c, k) => el('path', { class: 'layer', fill: c, 'data-layer': String(k) }, this.axes.data));
    }
    const { x, y } = this.axes;
    const layers = this.colours.length;
    const tops = Array.from({ length: layers }, () => []);
    for (let m = 0; m < frames.length; m++) {
      const p = frames[m]?.policies[this.index];
      if (!p) continue;
      const counts = [...p.rungs, p.left_without_work];
      const total = counts.reduce((a, b) => a + b, 0) || 1;
      let acc = 0;
      for (let k = 0; k < layers; k++) {
        acc += counts[k] / total;
        tops[k].push([x(m), y(acc)]);
      }
    }
    const base = tops[0].map(([px]) => [px, y(0)]);
    for (let k = 0; k < layers; k++) {
      const upper = tops[k];
      const lower = k === 0 ? base : tops[k - 1];
      if (upper.length === 0) { this.paths[k].setAttribute('d', 'M0,0'); continue; }
      const pts = upper.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`);
      const back = lower.slice().reverse().map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`);
      this.paths[k].setAttribute('d', `M${pts.join('L')}L${back.join('L')}Z`);
    }
  }
}
