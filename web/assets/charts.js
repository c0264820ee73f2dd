// Inline SVG charts for the classroom page, written for it: no library,
// no network. A chart draws into a <figure>; update() redraws its paths
// from the frames received so far.

const SVG = 'http://www.w3.org/2000/svg';
const W = 480, H = 250;
const M = { left: 54, right: 14, top: 12, bottom: 30 };

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

// scale returns the top and tick step of an axis from 0 to at least hi:
// about four steps of 1, 2, 2.5 or 5 times a power of ten, whole for counts.
export function scale(hi, kind) {
  if (kind === 'level') return { max: 1, step: 0.2 };
  if (!(hi > 0)) hi = 1;
  const raw = hi / 4;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  let step = 10 * p;
  for (const f of [1, 2, 2.5, 5]) if (f * p >= raw) { step = f * p; break; }
  if (kind === 'count') step = Math.max(1, Math.round(step));
  return { max: Math.ceil(hi / step - 1e-9) * step, step };
}

// fmt formats an axis value: euros in thousands or millions, shares and
// levels with one decimal, counts as integers.
function fmt(v, kind) {
  if (kind === 'euro') {
    if (Math.abs(v) >= 1e6) return `€${(v / 1e6).toFixed(v % 1e6 === 0 ? 0 : 1)}M`;
    if (Math.abs(v) >= 1e3) return `€${Math.round(v / 1e3)}k`;
    return `€${Math.round(v)}`;
  }
  if (kind === 'level') return v.toFixed(1);
  return String(Math.round(v * 100) / 100);
}

// frame builds the axes of a chart over months 0..months with y in
// [0, ymax]; it returns the group that holds the data.
function frame(svg, months, { max: ymax, step }, kind) {
  svg.replaceChildren();
  const x = (m) => M.left + (m / Math.max(months, 1)) * (W - M.left - M.right);
  const y = (v) => H - M.bottom - (v / ymax) * (H - M.top - M.bottom);
  const axes = el('g', { class: 'axes' }, svg);
  for (let i = 0; i * step <= ymax + 1e-9; i++) {
    const v = i * step;
    el('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: i === 0 ? 'axis' : 'gridline' }, axes);
    const t = el('text', { x: M.left - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' }, axes);
    t.textContent = fmt(v, kind);
  }
  const stepYears = months > 120 ? 24 : 12;
  for (let m = 0; m <= months; m += months <= 24 ? 6 : stepYears) {
    el('line', { x1: x(m), x2: x(m), y1: H - M.bottom, y2: H - M.bottom + 4, class: 'axis' }, axes);
    const t = el('text', { x: x(m), y: H - M.bottom + 17, class: 'tick', 'text-anchor': 'middle' }, axes);
    t.textContent = String(m);
  }
  return { x, y, data: el('g', { class: 'data' }, svg) };
}

function figure(parent, cls) {
  const fig = document.createElement('figure');
  fig.className = cls;
  const cap = document.createElement('figcaption');
  fig.appendChild(cap);
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', preserveAspectRatio: 'xMidYMid meet' }, fig);
  parent.appendChild(fig);
  return { fig, cap, svg };
}

// LineChart shows one outcome, one line per policy in the policy's colour.
// kind is 'level' (fixed 0-1), 'count' or 'euro' (axis grows with the data).
export class LineChart {
  constructor(parent, id, outcome, kind) {
    Object.assign(this, figure(parent, 'chart line'));
    this.fig.id = `chart-${id}`;
    this.outcome = outcome;
    this.kind = kind;
    this.key = '';
  }

  // update redraws from frames (index = month) for the run's policies.
  update(frames, policies, months) {
    let hi = 0;
    for (const f of frames) if (f) for (const p of f.policies) hi = Math.max(hi, p[this.outcome] ?? 0);
    const sc = scale(hi, this.kind);
    const key = `${months}|${sc.max}|${policies.map((p) => p.name)}`;
    if (key !== this.key) {
      this.key = key;
      this.axes = frame(this.svg, months, sc, this.kind);
      this.paths = policies.map((p) => el('path', { class: 'series', stroke: p.colour, 'data-policy': p.name }, this.axes.data));
    }
    const { x, y } = this.axes;
    policies.forEach((_, i) => {
      let d = '';
      let pen = 'M';
      for (let m = 0; m < frames.length; m++) {
        const v = frames[m]?.policies[i][this.outcome];
        if (v === null || v === undefined) { pen = 'M'; continue; }
        d += `${pen}${x(m).toFixed(1)},${y(v).toFixed(1)}`;
        pen = 'L';
      }
      this.paths[i].setAttribute('d', d || 'M0,0');
    });
  }
}

// LadderChart stacks one policy's residents by rung (1-6) and those who
// left without work, as shares of everyone who has arrived.
export class LadderChart {
  constructor(parent, index, policy, colours) {
    Object.assign(this, figure(parent, 'chart ladder'));
    this.fig.id = `ladder-${policy.name}`;
    this.cap.style.color = policy.colour;
    this.index = index;
    this.colours = colours;
    this.months = -1;
  }

  update(frames, months) {
    if (months !== this.months) {
      this.months = months;
      this.axes = frame(this.svg, months, scale(1, 'level'), 'level');
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
