// The classroom page: controls, runs and their event streams, rendering.
// The server simulates; this page only draws, once per animation frame,
// whatever months have arrived since the last frame.
import { LineChart, LadderChart, lineKey, onResize } from './charts.js';

const SPEEDS = [1, 2, 4, 8, 16, 32, 64, 0]; // months per second; 0 = as fast as possible

// ENDS are the reasons of a run's end event, other than its horizon
// ("done"), by the key of UI[lang].reasons that words them.
const ENDS = { stopping: 'stopping', 'time limit': 'time_limit' };

// HEALTH_TIMEOUT is how long, in milliseconds, the page waits for
// /api/health after a broken stream before it takes the server for gone.
const HEALTH_TIMEOUT = 5000;

const UI = {
  nl: {
    title: 'wijksim – klas', subtitle: 'klas: aanpakken naast elkaar, op dezelfde bewoners',
    lang: 'English', projector: 'Projector', scenario: 'Scenario', policies: 'Aanpakken (2 tot 4)', seed: 'Startgetal (seed)',
    presets: 'Verhalen uit de bronnen', play: '▶ Start', pause: '❚❚ Pauze', step: '+1 maand', reset: '↺ Reset',
    speed: 'Snelheid', export: '⤓ Exporteren', ladder: 'Participatieladder per aanpak', outcomes: 'Uitkomsten per aanpak',
    month: (m, n) => `maand ${m} / ${n}`, max: 'max', perSecond: 'maanden/s',
    tooFew: 'Kies minstens twee aanpakken.', tooMany: 'Kies hoogstens vier aanpakken.',
    ended: 'Klaar. Reset of verander een schuif voor een nieuwe run.', lost: 'De verbinding met wijksim is verbroken. Druk op Reset voor een nieuwe run.',
    exported: 'Export gedownload: pak hem uit en volg README.txt.', source: 'Bron', unit: 'Eenheid',
    left: 'Uitgestroomd zonder werk', monthAxis: 'maanden sinds de start',
    loadPolicy: 'Beleid laden uit een bestand (YAML)…', help: (label) => `Uitleg bij ${label}`,
    ladderOf: (label) => `Participatieladder onder ${label}, per maand`,
    refused: (detail) => `wijksim weigert dit (toelichting in het Engels): ${detail}`,
    reasons: {
      server_full: (n) => `wijksim heeft al het maximum van ${n} runs open, voor alle computers samen. Probeer het opnieuw als er een klaar is.`,
      client_full: (n) => `Deze computer heeft al het maximum van ${n} runs open. Sluit een pagina of wacht tot een run klaar is.`,
      stopping: () => 'wijksim stopt. Start wijksim serve opnieuw en laad de pagina.',
      time_limit: () => 'wijksim heeft deze run gestopt: hij stond open tot de tijdslimiet van de server. Druk op Start of Reset om opnieuw te beginnen.',
      unreachable: () => 'wijksim antwoordt niet meer: is het gestopt? Start wijksim serve opnieuw en laad de pagina.',
    },
    loaded: (label, file) => `Beleid "${label}" geladen uit ${file}.`,
    loadedFull: (label, file) => `Beleid "${label}" geladen uit ${file}; zet een andere aanpak uit om het mee te laten doen.`,
    footer: 'Alle aanpakken lopen op hetzelfde startgetal (seed): dezelfde bewoners en dezelfde levensgebeurtenissen (common random numbers). Daardoor verklaart toeval minder van de verschillen, maar niet niets: elke grafiek is één run met één startgetal. Voor betrouwbaarheidsintervallen over veel runs: exporteer en gebruik het commando compare uit README.txt. Het model en zijn bronnen: docs/ODD.md.',
  },
  en: {
    title: 'wijksim – classroom', subtitle: 'classroom: policies side by side, on the same residents',
    lang: 'Nederlands', projector: 'Projector', scenario: 'Scenario', policies: 'Policies (2 to 4)', seed: 'Seed',
    presets: 'Stories from the sources', play: '▶ Play', pause: '❚❚ Pause', step: '+1 month', reset: '↺ Reset',
    speed: 'Speed', export: '⤓ Export', ladder: 'Participation ladder per policy', outcomes: 'Outcomes per policy',
    month: (m, n) => `month ${m} / ${n}`, max: 'max', perSecond: 'months/s',
    tooFew: 'Choose at least two policies.', tooMany: 'Choose at most four policies.',
    ended: 'Done. Reset or move a slider for a new run.', lost: 'The connection to wijksim was lost. Press Reset for a new run.',
    exported: 'Export downloaded: unpack it and follow README.txt.', source: 'Source', unit: 'Unit',
    left: 'Left without work', monthAxis: 'months since the start',
    loadPolicy: 'Load a policy from a file (YAML)…', help: (label) => `About ${label}`,
    ladderOf: (label) => `Participation ladder under ${label}, by month`,
    refused: (detail) => `wijksim refused this: ${detail}`,
    reasons: {
      server_full: (n) => `wijksim already has its maximum of ${n} runs open, over all computers together. Try again when one ends.`,
      client_full: (n) => `This computer already has its maximum of ${n} runs open. Close a page or wait for a run to end.`,
      stopping: () => 'wijksim is stopping. Start wijksim serve again and reload the page.',
      time_limit: () => 'wijksim stopped this run: it was open until the server\'s time limit. Press Play or Reset to run again.',
      unreachable: () => 'wijksim no longer answers: has it stopped? Start wijksim serve again and reload the page.',
    },
    loaded: (label, file) => `Policy "${label}" loaded from ${file}.`,
    loadedFull: (label, file) => `Policy "${label}" loaded from ${file}; untick another policy to race it.`,
    footer: 'Every policy runs on the same seed: the same residents and the same life events (common random numbers). That makes chance a smaller part of the differences, but not nothing: each chart is one run on one seed. For confidence intervals over many runs, export and use the compare command in README.txt. The model and its sources: docs/ODD.md.',
  },
};

const state = {
  // files holds the policy files loaded on the page by policy name: {name, yaml}.
  meta: null, lang: 'nl', scenario: 'default', policies: [], files: {}, seed: 1, values: {}, speed: 3,
  playing: false, run: null, gen: 0, dirty: false, story: null, charts: [], ladders: [],
};
const bindings = []; // [element, {nl, en} or key of UI, attribute]
const $ = (id) => document.getElementById(id);

// text returns a bilingual text or a UI key in the current language.
function text(t) {
  if (typeof t === 'string') return UI[state.lang][t];
  return t[state.lang] || t.en || '';
}

// bind shows t in el (textContent or an attribute) now and after every
// language switch.
function bind(el, t, attr = 'textContent') {
  bindings.push([el, t, attr]);
  apply(el, t, attr);
  return el;
}

function apply(el, t, attr) {
  const v = typeof t === 'function' ? t() : text(t);
  if (attr === 'textContent') el.textContent = v; else el.setAttribute(attr, v);
}

function setLanguage(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  document.title = UI[lang].title;
  for (let i = bindings.length - 1; i >= 0; i--) {
    const [el, t, attr] = bindings[i];
    if (!el.isConnected) { bindings.splice(i, 1); continue; }
    apply(el, t, attr);
  }
  if (state.status) status(...state.status);
  updateControls();
}

// status shows a message: a key of UI (shown in the current language,
// also after a switch), a function of the language, or a message from the
// server.
function status(msg, kind = 'info') {
  state.status = [msg, kind];
  const s = $('status');
  if (typeof msg === 'function') s.textContent = msg(state.lang);
  else s.textContent = msg in UI.en ? text(msg) : msg || '';
  s.className = `status-${kind}`;
}

// ServerError is an error answer of the server; its message is the
// server's, in English. A refusal for want of room also has a reason and
// a limit, which the page words in its own language.
class ServerError extends Error {
  constructor(message, reason = '', limit = 0) {
    super(message);
    this.reason = reason;
    this.limit = limit;
  }
}

// NetworkError is a request that got no answer: the server is gone (or
// the network), which the page words in its own language.
class NetworkError extends Error {}

// request is fetch, with a request that got no answer as a NetworkError.
async function request(path, init) {
  try {
    return await fetch(path, init);
  } catch (err) {
    throw new NetworkError(err.message);
  }
}

async function api(path, body) {
  const res = await request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) {
    let answer = {};
    try { answer = await res.json(); } catch { /* not JSON */ }
    throw new ServerError(answer.error || `${res.status} ${res.statusText}`, answer.reason, answer.limit);
  }
  return res;
}

// failure is what status shows for err, in the page's language (also
// after a switch): a refusal the page knows by its reason in its own
// words, a request without answer as a stopped server, another message of
// the server after a lead-in, or err's own.
function failure(err) {
  if (err instanceof NetworkError) return (lang) => UI[lang].reasons.unreachable();
  if (!(err instanceof ServerError)) return err.message;
  return (lang) => {
    const reason = Object.hasOwn(UI[lang].reasons, err.reason) ? UI[lang].reasons[err.reason] : null;
    return reason ? reason(err.limit) : UI[lang].refused(err.message);
  };
}

// ---- configuration -------------------------------------------------------

function sliderById(id) { return state.meta.sliders.find((s) => s.id === id); }

// config is the run the page asks for: only the values that differ from
// the scenario's are sent, so an export lists only what the class changed.
function config() {
  const base = state.meta.values[state.scenario];
  const set = {};
  for (const s of state.meta.sliders) {
    const v = state.values[s.id];
    if (v === base[s.id]) continue;
    for (const k of s.keys) set[k] = s.kind === 'boolean' ? v === 1 : v;
  }
  const files = state.policies.filter((n) => state.files[n]).map((n) => state.files[n]);
  const cfg = { scenario: state.scenario, policies: state.policies.slice(), seed: state.seed, set };
  if (files.length > 0) cfg.policy_files = files;
  return cfg;
}

// ---- runs ----------------------------------------------------------------

function closeRun() {
  if (state.run?.es) state.run.es.close();
  state.run = null;
}

// newRun replaces the current run by a fresh one from the controls. The
// current run stops at once, but its charts and month stay until the new
// run starts, also when it cannot.
async function newRun(play) {
  const gen = ++state.gen;
  if (state.run) {
    state.run.ended = true;
    state.run.es?.close();
  }
  state.playing = play;
  updateControls();
  let created;
  try {
    const res = await api('/api/runs', { ...config(), speed: SPEEDS[state.speed], play });
    created = await res.json();
  } catch (err) {
    if (gen === state.gen) { status(failure(err), 'error'); state.playing = false; updateControls(); }
    return;
  }
  if (gen !== state.gen) return; // a newer run was asked for meanwhile
  status('');
  const run = { id: created.id, info: null, frames: [], ended: false, es: new EventSource(created.events) };
  state.run = run;
  run.es.addEventListener('start', (e) => {
    run.info = JSON.parse(e.data);
    buildCharts(run.info);
    // Which run the charts show, for the browser test to wait for.
    document.body.dataset.run = run.id;
    state.dirty = true;
  });
  run.es.addEventListener('month', (e) => {
    const f = JSON.parse(e.data);
    run.frames[f.month] = f;
    run.month = f.month;
    state.dirty = true;
  });
  run.es.addEventListener('end', (e) => {
    run.ended = true;
    run.es.close();
    if (state.run !== run) return;
    state.playing = false;
    // The server says why the run ended: its end, the server stops, or
    // the server's time limit for a run.
    const { reason } = JSON.parse(e.data);
    const why = Object.hasOwn(ENDS, reason) ? ENDS[reason] : '';
    status(why ? (lang) => UI[lang].reasons[why]() : 'ended', why ? 'error' : 'info');
    updateControls();
  });
  run.es.addEventListener('failure', (e) => {
    run.ended = true;
    run.es.close();
    status(failure(new ServerError(JSON.parse(e.data).error)), 'error');
  });
  run.es.onerror = async () => {
    if (run.ended || state.run !== run) return;
    run.es.close();
    run.ended = true;
    state.playing = false;
    updateControls();
    // Reset helps if wijksim still answers; if not, or not in time, it
    // has stopped (or hangs).
    let answers = true;
    const probe = new AbortController();
    const timer = setTimeout(() => probe.abort(), HEALTH_TIMEOUT);
    try { await request('/api/health', { signal: probe.signal }); } catch { answers = false; } finally { clearTimeout(timer); }
    if (state.run === run) status(answers ? 'lost' : failure(new NetworkError()), 'error');
  };
}

async function control(action, extra = {}) {
  const run = state.run;
  if (!run || run.ended) return;
  try {
    const res = await api(`/api/runs/${run.id}/control`, { action, ...extra });
    const st = await res.json();
    // An answer that arrives after the run's end event is stale: the run
    // no longer plays.
    if (state.run === run && !run.ended) { state.playing = st.playing; updateControls(); }
  } catch (err) {
    status(failure(err), 'error');
  }
}

let resetTimer = 0;
// restart starts a new run after the controls settle, playing if the
// current run was playing.
function restart() {
  clearTimeout(resetTimer);
  resetTimer = setTimeout(() => newRun(state.playing), 250);
}

// ---- controls ------------------------------------------------------------

function updateControls() {
  $('play').textContent = text(state.playing ? 'pause' : 'play');
  $('play').setAttribute('aria-pressed', String(state.playing));
  const sp = SPEEDS[state.speed];
  $('speed-value').textContent = sp === 0 ? text('max') : `${sp} ${text('perSecond')}`;
  const run = state.run;
  const months = run?.info?.months ?? state.values.months;
  $('month').textContent = text('month')(run?.month ?? 0, months);
}

function buildScenarioSelect() {
  const sel = $('scenario');
  for (const sc of state.meta.scenarios) {
    const o = document.createElement('option');
    o.value = sc.name;
    bind(o, sc.label);
    sel.appendChild(o);
  }
  sel.value = state.scenario;
  bind($('scenario-desc'), () => text(state.meta.scenarios.find((s) => s.name === state.scenario).description));
  sel.addEventListener('change', () => {
    state.scenario = sel.value;
    state.values = { ...state.meta.values[state.scenario] };
    setLanguage(state.lang);
    syncSliders();
    restart();
  });
}

function buildPolicies() {
  for (const p of state.meta.policies) addPolicy(p);
  // The file input is hidden: the browser would word it in its own
  // language; a button in the page's opens it.
  $('policy-file-button').addEventListener('click', () => $('policy-file').click());
  $('policy-file').addEventListener('change', async (e) => {
    const input = e.target;
    const file = input.files[0];
    input.value = '';
    if (file) await loadPolicyFile(file);
  });
}

// addPolicy adds a policy's checkbox, with its colour and label, to the
// list; a policy of a file shows its file's name.
function addPolicy(p) {
  const box = $('policies');
  const label = document.createElement('label');
  label.className = 'policy';
  label.dataset.policy = p.name;
  const cb = document.createElement('input');
  cb.type = 'checkbox';
  cb.value = p.name;
  cb.checked = state.policies.includes(p.name);
  const sw = document.createElement('span');
  sw.className = 'swatch';
  sw.style.background = p.colour;
  const name = document.createElement('span');
  label.append(cb, sw, name);
  bind(name, () => (p.file ? `${text(p.label)} (${p.file})` : text(p.label)));
  bind(label, p.summary, 'title');
  cb.addEventListener('change', () => {
    const chosen = [...box.querySelectorAll('input:checked')].map((c) => c.value);
    const { min_policies: lo, max_policies: hi } = state.meta.limits;
    if (chosen.length < lo || chosen.length > hi) {
      cb.checked = !cb.checked;
      status(chosen.length < lo ? 'tooFew' : 'tooMany', 'error');
      return;
    }
    // keep the page's order of policies: the built-in ones, then files
    state.policies = state.meta.policies.map((q) => q.name).filter((n) => chosen.includes(n));
    restart();
  });
  box.appendChild(label);
}

// loadPolicyFile has the server check a policy file, adds its policy to
// the list (or replaces the policy of an earlier file of the same name)
// and races it when fewer than the most policies race.
async function loadPolicyFile(file) {
  const sent = { name: file.name, yaml: await file.text() };
  let info;
  try {
    info = await (await api('/api/policies', sent)).json();
  } catch (err) {
    status(failure(err), 'error');
    return;
  }
  state.files[info.name] = sent;
  const i = state.meta.policies.findIndex((q) => q.name === info.name);
  if (i >= 0) {
    state.meta.policies[i] = info;
    document.querySelector(`#policies label[data-policy="${CSS.escape(info.name)}"]`).remove();
  } else {
    state.meta.policies.push(info);
  }
  addPolicy(info);
  const full = !state.policies.includes(info.name) && state.policies.length >= state.meta.limits.max_policies;
  if (!full && !state.policies.includes(info.name)) {
    state.policies = state.meta.policies.map((q) => q.name).filter((n) => n === info.name || state.policies.includes(n));
  }
  syncPolicies();
  await newRun(state.playing);
  if (state.status?.[1] !== 'error') {
    status((lang) => UI[lang][full ? 'loadedFull' : 'loaded'](info.label[lang] || info.label.en, file.name));
  }
}

function syncPolicies() {
  for (const cb of $('policies').querySelectorAll('input')) cb.checked = state.policies.includes(cb.value);
}

function formatValue(s, v) {
  if (s.kind === 'boolean') return '';
  if (s.kind === 'integer') return String(v);
  return s.step >= 0.05 ? v.toFixed(2) : v.toFixed(3);
}

// buildSliders builds the groups of sliders. Each slider is named by its
// label alone; its explanation (tooltip, unit, source) is a text beside
// it that describes it (aria-describedby) and that its "?" button shows
// on focus, hover and click.
function buildSliders() {
  const root = $('sliders');
  for (const g of state.meta.groups) {
    const fs = document.createElement('fieldset');
    const legend = document.createElement('legend');
    bind(legend, g.title);
    fs.appendChild(legend);
    for (const s of state.meta.sliders.filter((x) => x.group === g.id)) {
      const row = document.createElement('div');
      row.className = 'slider';
      const id = `slider-${s.id}`;
      const head = document.createElement('div');
      head.className = 'head';
      const label = document.createElement('label');
      label.htmlFor = id;
      const name = document.createElement('span');
      bind(name, s.label);
      label.append(name);
      const tip = document.createElement('div');
      tip.id = `tip-${s.id}`;
      tip.className = 'tip';
      tip.hidden = true;
      bind(tip, () => `${text(s.tip)}\n${text('unit')}: ${text(s.unit)} · ${text('source')}: ${text(s.source)}`);
      const info = helpButton(tip, () => text('help')(text(s.label)));
      head.append(label, info);
      const input = document.createElement('input');
      input.id = id;
      input.dataset.slider = s.id;
      input.dataset.key = s.keys[0];
      input.setAttribute('aria-describedby', tip.id);
      const out = document.createElement('output');
      out.htmlFor = id;
      if (s.kind === 'boolean') {
        input.type = 'checkbox';
        input.addEventListener('change', () => { state.values[s.id] = input.checked ? 1 : 0; markChanged(s, row); restart(); });
        row.classList.add('toggle');
        label.prepend(input);
        row.append(head, tip);
      } else {
        input.type = 'range';
        input.step = s.step;
        input.addEventListener('input', () => {
          state.values[s.id] = Number(input.value);
          out.textContent = formatValue(s, Number(input.value));
          markChanged(s, row);
        });
        input.addEventListener('change', () => restart());
        row.append(head, input, out, tip);
      }
      fs.appendChild(row);
    }
    root.appendChild(fs);
  }
  syncSliders();
}

// helpButton returns a "?" button, named by name, that shows tip while it
// has the focus or the pointer, and keeps it shown after a click until a
// second click or Escape.
function helpButton(tip, name) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'info';
  b.textContent = '?';
  b.setAttribute('aria-controls', tip.id);
  b.setAttribute('aria-expanded', 'false');
  bind(b, name, 'aria-label');
  let pinned = false;
  const show = (on) => {
    tip.hidden = !on;
    b.setAttribute('aria-expanded', String(on));
  };
  b.addEventListener('focus', () => show(true));
  b.addEventListener('blur', () => { pinned = false; show(false); });
  b.addEventListener('mouseenter', () => show(true));
  b.addEventListener('mouseleave', () => { if (!pinned) show(false); });
  b.addEventListener('click', () => { pinned = !pinned || tip.hidden; show(pinned); });
  b.addEventListener('keydown', (e) => { if (e.key === 'Escape') { pinned = false; show(false); } });
  return b;
}

// markChanged highlights a slider whose value differs from the scenario's.
function markChanged(s, row) {
  row.classList.toggle('changed', state.values[s.id] !== state.meta.values[state.scenario][s.id]);
}

// syncSliders shows state.values on the sliders; a slider's range widens
// to include the scenario's value.
function syncSliders() {
  for (const s of state.meta.sliders) {
    const input = document.querySelector(`[data-slider="${s.id}"]`);
    const row = input.closest('.slider');
    const v = state.values[s.id];
    markChanged(s, row);
    if (s.kind === 'boolean') { input.checked = v === 1; continue; }
    input.min = Math.min(s.min, v);
    input.max = Math.max(s.max, v);
    input.value = v;
    input.parentElement.querySelector('output').textContent = formatValue(s, v);
  }
}

function buildPresets() {
  const box = $('presets');
  for (const p of state.meta.presets) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'preset';
    b.dataset.preset = p.id;
    bind(b, p.title);
    bind(b, () => `${text(p.story[0])}\n${text(p.story[1])}`, 'title');
    b.addEventListener('click', () => choosePreset(p));
    box.appendChild(b);
  }
}

function choosePreset(p) {
  state.values = { ...state.meta.values[state.scenario], ...p.values };
  state.policies = p.policies.slice();
  syncSliders();
  syncPolicies();
  for (const b of document.querySelectorAll('.preset')) b.classList.toggle('active', b.dataset.preset === p.id);
  const story = $('story');
  story.hidden = false;
  story.replaceChildren();
  const title = document.createElement('strong');
  bind(title, p.title);
  const l1 = document.createElement('p');
  bind(l1, p.story[0]);
  const l2 = document.createElement('p');
  bind(l2, p.story[1]);
  const src = document.createElement('p');
  src.className = 'source';
  bind(src, () => `${text('source')}: ${p.source}`);
  story.append(title, l1, l2, src);
  newRun(false);
}

// ---- charts --------------------------------------------------------------

function buildCharts(info) {
  const ladders = $('ladders');
  const legend = $('rung-legend');
  ladders.replaceChildren();
  legend.replaceChildren();
  const colours = [...state.meta.rung_colours, '#999999'];
  const names = [...state.meta.rungs, { nl: UI.nl.left, en: UI.en.left }];
  names.forEach((n, k) => {
    const item = document.createElement('span');
    item.className = 'item';
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = colours[k];
    const t = document.createElement('span');
    bind(t, n);
    item.append(sw, t);
    legend.appendChild(item);
  });
  state.ladders = info.policies.map((p, i) => {
    const c = new LadderChart(ladders, i, p, colours);
    bind(c.title, p.label);
    bind(c.svg, () => text('ladderOf')(text(p.label)), 'aria-label');
    bind(c.xlabel, 'monthAxis');
    return c;
  });
  const charts = $('charts');
  if (state.charts.length === 0) {
    // One line chart per outcome the server's outcome registry shows in
    // the classroom, with its title, axis and the axis's unit, if any.
    state.charts = state.meta.outcomes.map((o) => {
      const c = new LineChart(charts, o.key, o.key, o.axis, Boolean(o.axis_unit.en));
      bind(c.title, o.label);
      bind(c.svg, o.label, 'aria-label');
      bind(c.xlabel, 'monthAxis');
      if (c.ylabel) bind(c.ylabel, o.axis_unit);
      return c;
    });
  }
  const pl = $('policy-legend');
  pl.replaceChildren();
  info.policies.forEach((p, i) => {
    const item = document.createElement('span');
    item.className = 'item';
    item.dataset.policy = p.name;
    const t = document.createElement('span');
    bind(t, p.label);
    item.append(lineKey(i, p.colour), t);
    pl.appendChild(item);
  });
}

function render() {
  const run = state.run;
  if (state.dirty && run?.info) {
    state.dirty = false;
    const months = run.info.months;
    for (const c of state.ladders) c.update(run.frames, months);
    for (const c of state.charts) c.update(run.frames, run.info.policies, months);
    updateControls();
  }
  requestAnimationFrame(render);
}

// ---- start ---------------------------------------------------------------

async function exportRun() {
  try {
    const res = await api('/api/export', { ...config(), lang: state.lang });
    let blob;
    try { blob = await res.blob(); } catch (err) { throw new NetworkError(err.message); }
    const name = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') || '')?.[1] || 'wijksim-klas.zip';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    status('exported');
  } catch (err) {
    status(failure(err), 'error');
  }
}

async function main() {
  const res = await request('/api/meta');
  if (!res.ok) throw new Error(`meta: ${res.status}`);
  state.meta = await res.json();
  state.policies = state.meta.default_policies.slice();
  state.values = { ...state.meta.values[state.scenario] };
  for (const el of document.querySelectorAll('[data-i18n]')) bind(el, el.dataset.i18n);
  buildScenarioSelect();
  buildPolicies();
  buildPresets();
  buildSliders();
  $('seed').max = state.meta.limits.max_seed;
  $('seed').addEventListener('change', () => {
    const v = Math.trunc(Number($('seed').value));
    if (!(v >= 0 && v <= state.meta.limits.max_seed)) { $('seed').value = state.seed; return; }
    state.seed = v;
    restart();
  });
  $('speed').max = SPEEDS.length - 1;
  $('speed').value = state.speed;
  $('speed').addEventListener('input', () => {
    state.speed = Number($('speed').value);
    updateControls();
    control('speed', { speed: SPEEDS[state.speed] });
  });
  $('play').addEventListener('click', () => {
    if (state.playing) control('pause');
    else if (!state.run || state.run.ended) newRun(true);
    else control('play');
  });
  $('step').addEventListener('click', () => {
    if (state.run && !state.run.ended) control('step');
  });
  $('reset').addEventListener('click', () => newRun(false));
  $('export').addEventListener('click', exportRun);
  $('lang').addEventListener('click', () => setLanguage(state.lang === 'nl' ? 'en' : 'nl'));
  $('projector').addEventListener('click', () => {
    const on = document.body.classList.toggle('projector');
    $('projector').setAttribute('aria-pressed', String(on));
  });
  window.addEventListener('pagehide', closeRun);
  onResize(() => { state.dirty = true; });
  setLanguage(state.lang);
  await newRun(false);
  document.body.dataset.ready = 'true';
  requestAnimationFrame(render);
}

main().catch((err) => status(failure(err), 'error'));
