// End-to-end check of wijksim's classroom page in a real headless Chromium
// (Debian's /usr/bin/chromium), driven by playwright-core.
//
//   node tools/e2e/classroom.mjs http://127.0.0.1:8080/ DIR [DOOMED-URL STOP-URL [LIMITED-URL [HUNG-URL HANG-URL]]]
//
// Loads the page, moves a slider, presses play, waits until the month
// counter advances and a chart's path changes, exports, switches language
// and checks that a visible label changed, turns on projector mode and
// saves a screenshot (DIR/classroom.png). Then, on a projector of 1280 x
// 720 and of 1920 x 1080, in projector mode, before and after play: every
// chart at least 300 px wide and inside the window (no horizontal
// scrolling), the outcome charts in two or more columns, tick labels of at least 11 px, a month label on every x
// axis, no repeated labels on an axis (the empty cost axis once read "€1 €1
// €0"), the colour legend of the policies in view with the last chart, and
// Dutch tooltips without English; a screenshot of each
// (DIR/projector-WxH.png). Last, a lecturer loads a policy file: a bad
// one is refused with its line and key, examples/policies/zaanstad-2019.yaml
// races the built-in policies in a colour of its own, and the export keeps
// the file. Then a computer with its maximum of runs open opens one page
// more: the refusal reads in Dutch, and in English after the switch. Last,
// given a second server (DOOMED-URL) and the address that stops it
// (STOP-URL), a page loses its server mid-run: it says in its own language
// that wijksim no longer answers, also after Reset, Start, a slider and
// Export, and keeps its month with its charts. Given a server whose runs
// end after a few seconds (LIMITED-URL), a page whose run hits that time
// limit says so, not that the run is done. Given a server (HUNG-URL) and
// the address that cuts its streams and makes it answer nothing more
// (HANG-URL), a page whose stream breaks still says, after its probe of
// the server times out, that wijksim no longer answers.
//
// Along the way it checks what a lecturer's review found wrong once: the
// page's title, scenario names, seed and file button follow the language;
// the footer does not claim that chance plays no part; a slider's name is
// its label alone, its explanation a text that its "?" button shows on
// focus and click; every chart has an accessible name; ladder titles are
// dark beside a swatch of the policy's colour; chart titles do not repeat
// their unit; each policy's line has its own dashes and markers, so that
// coinciding lines stay visible, also four policies on a short run, whose
// markers each sit on months of their own; the classroom charts the two accounts of
// cost and not the activation cost; the export asks for a README in the
// page's language. Any console error, page error, failed request or
// failed check makes it exit non-zero.
import { chromium } from 'playwright-core';
import fs from 'node:fs/promises';
import path from 'node:path';

const [url, dir, doomedUrl, stopUrl, limitedUrl, hungUrl, hangUrl] = process.argv.slice(2);
if (!url || !dir) {
  console.error('usage: node classroom.mjs URL SCREENSHOT-DIR');
  process.exit(2);
}
const shot = path.join(dir, 'classroom.png');

// English words that a Dutch tooltip must not contain.
const ENGLISH = /\b(the|and|with|per resident|residents|persons|assumption|see ODD|called|unit|source|share of|long enough|weak ties|recommendation)\b/i;

// layout measures, in the page, what a projector shows of the charts.
function layout() {
  const vw = document.documentElement.clientWidth;
  const charts = [...document.querySelectorAll('figure.chart')].map((f) => {
    const r = f.getBoundingClientRect();
    const svg = f.querySelector('svg');
    const vb = svg.viewBox.baseVal;
    const scale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
    const ticks = [...svg.querySelectorAll('.tick')];
    const sizes = ticks.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    const yTicks = ticks.filter((t) => t.getAttribute('text-anchor') === 'end').map((t) => t.textContent);
    return {
      id: f.id, left: r.left, right: r.right, width: r.width,
      smallestTick: Math.min(...sizes), xlabel: svg.querySelector('.xlabel')?.textContent ?? '',
      yTicks, repeated: new Set(yTicks).size !== yTicks.length,
    };
  });
  return { vw, scrollWidth: document.documentElement.scrollWidth, charts };
}

// seen describes what the page shows of its run, for a failed wait.
function seen(page) {
  return page.evaluate(() => `month "${document.getElementById('month').textContent}", play pressed ${document.getElementById('play').getAttribute('aria-pressed')}, status "${document.getElementById('status').textContent}"`);
}

// projector opens the page on a screen of w x h in projector mode and
// checks the layout before and after play, then saves a screenshot.
async function projector(browser, w, h, errors) {
  const context = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  const size = `${w}x${h}`;
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]');
  // The charts are built when the run's first event arrives.
  await page.waitForSelector('#chart-trust_mean path.series', { state: 'attached' });
  await page.click('#projector');
  // The charts redraw at their new size once the layout settles; if they
  // never do, the checks below say what is wrong.
  await page.waitForFunction(() => [...document.querySelectorAll('figure.chart svg')].every((s) => {
    const vb = s.viewBox.baseVal;
    return vb && Math.abs(vb.width - s.getBoundingClientRect().width) < 2;
  }), null, { timeout: 5000 }).catch(() => console.log(`..  ${size}: the charts' drawing size does not follow their width`));
  const check = (ok, what) => {
    if (!ok) throw new Error(`check failed at ${size}: ${what}`);
    console.log(`ok  ${size}: ${what}`);
  };
  const verify = async (when) => {
    const l = await page.evaluate(layout);
    check(l.charts.length === 12, `${when}: ${l.charts.length} charts (3 ladders, 9 outcomes)`);
    check(l.scrollWidth <= l.vw, `${when}: no horizontal scrolling (page ${l.scrollWidth} px, window ${l.vw} px)`);
    const narrow = l.charts.filter((c) => c.width < 300).map((c) => `${c.id} ${Math.round(c.width)} px`);
    check(narrow.length === 0, `${when}: every chart at least 300 px wide${narrow.length ? ` (not: ${narrow.join(', ')})` : ` (narrowest ${Math.round(Math.min(...l.charts.map((c) => c.width)))} px)`}`);
    const outside = l.charts.filter((c) => c.left < 0 || c.right > l.vw + 0.5).map((c) => c.id);
    check(outside.length === 0, `${when}: every chart inside the window${outside.length ? ` (not: ${outside.join(', ')})` : ''}`);
    const columns = new Set(l.charts.filter((c) => c.id.startsWith('chart-')).map((c) => Math.round(c.left))).size;
    check(columns >= 2, `${when}: the outcome charts stand side by side in ${columns} columns, not stacked in one`);
    const small = Math.min(...l.charts.map((c) => c.smallestTick));
    check(small >= 11, `${when}: tick labels at least 11 px (smallest ${small.toFixed(1)} px)`);
    const unlabelled = l.charts.filter((c) => !/maand/.test(c.xlabel)).map((c) => c.id);
    check(unlabelled.length === 0, `${when}: a month label on every x axis${unlabelled.length ? ` (not: ${unlabelled.join(', ')})` : ''}`);
    const repeated = l.charts.filter((c) => c.repeated).map((c) => `${c.id}: ${c.yTicks.join(' ')}`);
    check(repeated.length === 0, `${when}: no axis repeats a label${repeated.length ? ` (${repeated.join('; ')})` : ''}`);
  };
  await verify('before play');
  const cost = await page.locator('#chart-cum_cost_municipality .tick[text-anchor=end]').allTextContents();
  check(cost.length >= 3 && new Set(cost).size === cost.length, `the empty cost axis reads ${cost.join(' ')}`);

  // Play the whole run as fast as it goes; the page stops playing at its
  // end. (A pause clicked as the run ends would start a new run.)
  await page.locator('#speed').fill('7');
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false' &&
    /\b(\d+)\s*\/\s*\1\b/.test(document.getElementById('month').textContent), null, { timeout: 120000 })
    .catch(async (err) => { throw new Error(`${size}: the run did not play to its end (${await seen(page)}): ${err.message}`); });
  await verify('after the whole run');

  // The colour legend of the policies stays in view with the last chart.
  await page.locator('#chart-cum_sanctions').scrollIntoViewIfNeeded();
  const inView = await page.evaluate(() => {
    const r = document.getElementById('policy-legend').getBoundingClientRect();
    const c = document.getElementById('chart-cum_sanctions').getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && c.top < window.innerHeight && c.bottom > 0;
  });
  check(inView, 'the policy legend is in view with the last chart');

  // Dutch tooltips are Dutch: the sliders' explanations and the titles of
  // policies and presets.
  const tips = await page.evaluate(() => [...document.querySelectorAll('#sliders .tip')].map((e) => e.textContent)
    .concat([...document.querySelectorAll('#policies [title], #presets [title]')].map((e) => e.getAttribute('title'))));
  const found = tips.map((t) => [t, ENGLISH.exec(t)?.[0]]).filter(([, m]) => m);
  check(tips.length >= 17 && found.length === 0,
    `${tips.length} Dutch tooltips without English${found.length ? ` (not: ${found.slice(0, 3).map(([t, m]) => `"${m}" in "${t.slice(0, 80)}"`).join('; ')})` : ''}`);

  await page.evaluate(() => window.scrollTo(0, 0));
  const file = path.join(dir, `projector-${size}.png`);
  await page.screenshot({ path: file });
  check(true, `screenshot saved to ${file}`);
  await context.close();
}

// policyFile loads a policy file on the page, as a lecturer would: a bad
// file is refused with its line and key; the example of Zaanstad's switch
// in 2019 joins the three default policies with a colour of its own, races
// them to month 30 or more, and the export keeps its file. Run from the
// module's root.
async function policyFile(browser, errors) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (m) => {
    // The refusal of the bad file is a 400 answer, which Chromium logs.
    if (m.type() === 'error' && !(m.location().url.endsWith('/api/policies') && /\b400\b/.test(m.text()))) errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');

  const example = await fs.readFile('examples/policies/zaanstad-2019.yaml', 'utf8');
  const bad = example.replace('name: zaanstad-2019', 'name: kapot').replace('attention: 0.8', 'attention: 3');
  // The file is chosen through the page's own button, in the page's
  // language; the browser's file input, worded in the browser's, is hidden.
  check(await page.locator('#policy-file').isHidden() && (await page.locator('#policy-file-button').textContent()) === 'Load a policy from a file (YAML)…',
    'a button in the page\'s language loads a policy file; the browser\'s file input is hidden');
  const choose = async (files) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#policy-file-button')]);
    await chooser.setFiles(files);
  };
  await choose({ name: 'kapot.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
  await page.waitForFunction(() => document.getElementById('status').className === 'status-error');
  const refusal = await page.locator('#status').textContent();
  check(/kapot\.yaml: line \d+, column \d+: key "phases\[1\]\.regime\.attention"/.test(refusal) && /allowed: number in \[0, 1\]/.test(refusal),
    `a bad policy file is refused with its line, key and what is allowed: ${refusal}`);
  check(await page.locator('#policies input[value="kapot"]').count() === 0, 'the refused policy is not offered');

  await choose('examples/policies/zaanstad-2019.yaml');
  await page.waitForSelector('#policies input[value="zaanstad-2019"]:checked');
  await page.waitForFunction(() => document.querySelectorAll('#ladders figure').length === 4);
  const legend = await page.locator('#policy-legend').textContent();
  check(/Zaanstad 2019/.test(legend), 'the loaded policy races the three default policies, in the legend');
  const colours = await page.evaluate(() => [...document.querySelectorAll('#policies .swatch')].map((s) => s.style.background));
  check(colours.length === 6 && new Set(colours).size === 6, `the loaded policy has a colour of its own (${colours.join(', ')})`);

  await page.locator('#speed').fill('7');
  await page.click('#play');
  await page.waitForFunction(() => {
    const m = /(\d+)\s*\//.exec(document.getElementById('month').textContent);
    return m && Number(m[1]) >= 30;
  }, null, { timeout: 120000 });
  const series = await page.locator('#chart-trust_mean path.series').count();
  check(series === 4, `the trust chart draws ${series} policies, the loaded one among them`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const zip = await fs.readFile(await download.path());
  check(zip.includes(Buffer.from('beleid-zaanstad-2019.yaml')), `the export ${download.suggestedFilename()} keeps the policy file`);
  await context.close();
}

// fullHouse opens runs from one computer until the server refuses one
// more, then opens the page once more: its refusal is worded in the
// page's language, Dutch and then English, from the refusal's reason and
// limit. It waits until the earlier pages' runs are gone, so that the runs
// it holds open are all there are.
async function fullHouse(browser, errors) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const watch = (page) => {
    page.on('console', (m) => {
      // The refusal is a 429 answer, which Chromium logs.
      if (m.type() === 'error' && !(m.location().url.endsWith('/api/runs') && /\b429\b/.test(m.text()))) errors.push(`console: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  };
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  watch(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]');
  // Only this page's run is left of the earlier pages' runs.
  await page.waitForFunction(async () => (await (await fetch('/api/health')).json()).runs === 1, null, { timeout: 60000, polling: 250 });
  // More runs from this computer, held open from here: a browser opens at
  // most six connections to one server, and each held run keeps a stream.
  const held = new AbortController();
  const body = JSON.stringify({ scenario: 'default', policies: ['afstand', 'nabijheid'], seed: 1, set: {}, speed: 1, play: false });
  let refusal = null;
  let open = 1;
  for (let i = 0; i < 64; i++) {
    const res = await fetch(new URL('/api/runs', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    if (res.status !== 201) {
      refusal = { status: res.status, answer: await res.json() };
      break;
    }
    const created = await res.json();
    await fetch(new URL(created.events, url), { signal: held.signal }); // attached, so the run stays until aborted
    open++;
  }
  const limit = refusal?.answer?.limit;
  check(refusal?.status === 429 && refusal.answer.reason === 'client_full' && limit === open,
    `one computer with ${open} runs open is refused one more, with reason and limit: ${JSON.stringify(refusal)}`);

  const more = await context.newPage();
  more.setDefaultTimeout(15000);
  watch(more);
  await more.goto(url, { waitUntil: 'load' });
  await more.waitForFunction(() => document.getElementById('status').className === 'status-error');
  const nl = await more.locator('#status').textContent();
  check(nl === `Deze computer heeft al het maximum van ${limit} runs open. Sluit een pagina of wacht tot een run klaar is.`,
    `the refusal reads in Dutch: ${nl}`);
  await more.click('#lang');
  await more.waitForFunction(() => document.documentElement.lang === 'en');
  const en = await more.locator('#status').textContent();
  check(en === `This computer already has its maximum of ${limit} runs open. Close a page or wait for a run to end.`,
    `and in English after the switch: ${en}`);
  held.abort();
  await context.close();
}

// contrast returns the contrast ratio of two CSS colours rgb(r, g, b).
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const x = Number(v) / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// reviewed checks, on the Dutch page as it loads, what a lecturer's review
// found wrong: names, wording, accessibility, chart titles and the charts
// of cost.
async function reviewed(page) {
  check(await page.title() === 'wijksim – klas', `the page's title is Dutch: ${await page.title()}`);
  const scenario = await page.locator('#scenario option:checked').textContent();
  check(scenario === 'Standaard', `the scenario list names the default scenario in Dutch: ${scenario}`);
  check(await page.locator('label[for=seed]').textContent() === 'Startgetal (seed)', 'the seed is named in Dutch');
  check(await page.locator('#policy-file').isHidden() && (await page.locator('#policy-file-button').textContent()) === 'Beleid laden uit een bestand (YAML)…',
    'a Dutch button loads a policy file; the browser\'s file input is hidden');
  const footer = await page.locator('footer').textContent();
  check(!/niet door toeval/.test(footer) && /niet niets/.test(footer) && /compare/.test(footer),
    `the footer says chance is smaller, not gone, and names compare: ${footer}`);

  // A slider is named by its label alone; its explanation describes it.
  const caseload = page.getByRole('slider', { name: 'Caseload per regisseur', exact: true });
  check(await caseload.count() === 1, 'the caseload slider\'s accessible name is its label alone');
  const tipId = await caseload.getAttribute('aria-describedby');
  const tip = page.locator(`#${tipId}`);
  const tipText = await tip.textContent();
  check(/regisseur/.test(tipText) && /Eenheid: .* · Bron: /.test(tipText), `the caseload slider is described by its explanation: ${tipText.replace(/\n/g, ' / ')}`);
  check(/niet het gedrag/.test(await page.locator('#tip-sanction-cut').textContent()), 'the severity of a sanction says it changes costs, not behaviour');
  const help = page.locator('#slider-caseload').locator('xpath=ancestor::div[contains(@class,"slider")]').locator('button.info');
  check(await tip.isHidden(), 'the explanation is hidden at first');
  await help.focus();
  check(await tip.isVisible(), 'the "?" button shows the explanation on keyboard focus');
  await page.keyboard.press('Escape');
  check(await tip.isHidden(), 'Escape hides it');
  await help.click();
  await page.mouse.move(0, 0);
  check(await tip.isVisible() && await help.getAttribute('aria-expanded') === 'true', 'a click (or tap) keeps it shown');
  await help.click();
  check(await tip.isHidden(), 'a second click hides it');
  const labels = await page.evaluate(() => [...document.querySelectorAll('#sliders label')].map((l) => l.textContent));
  check(labels.every((l) => !/Bron|\?/.test(l)), 'no slider label holds its explanation or "?"');
  const words = await page.evaluate(() => [...document.querySelectorAll('#sliders legend, #sliders label')].map((l) => l.textContent).join(' | '));
  check(/Omvang en duur/.test(words) && /Invloed van buren op vertrouwen/.test(words) && !/reclame|Looptijd/.test(words), 'the sliders\' Dutch wording');

  // Charts: names, titles, units, ladder titles and the charts of cost.
  const charts = await page.evaluate(() => [...document.querySelectorAll('figure.chart')].map((f) => ({
    id: f.id, caption: f.querySelector('figcaption').textContent, name: f.querySelector('svg').getAttribute('aria-label') ?? '',
    role: f.querySelector('svg').getAttribute('role'), unit: f.querySelector('svg .ylabel')?.textContent ?? '',
  })));
  const unnamed = charts.filter((c) => c.role !== 'img' || !c.name || !c.name.includes(c.caption));
  check(unnamed.length === 0, `every chart is an image named by its title${unnamed.length ? ` (not: ${unnamed.map((c) => c.id).join(', ')})` : ''}`);
  const repeating = charts.filter((c) => /\((aandeel|aantal|euro|niveau 0-1)\)$/.test(c.caption));
  check(repeating.length === 0, `no chart title ends in its unit${repeating.length ? ` (not: ${repeating.map((c) => c.caption).join('; ')})` : ''}`);
  const byId = Object.fromEntries(charts.map((c) => [c.id, c]));
  check(byId['chart-trust_mean'].unit === 'niveau 0-1' && byId['chart-share_rung_3_plus'].unit === '' && byId['chart-cum_cost_society'].unit === '',
    'the unit is on the axis where the title and the axis\'s labels do not say it');
  check(byId['chart-cum_cost_municipality'] && byId['chart-cum_cost_society'] && !byId['chart-cum_activation_cost'],
    'the classroom charts the cost to the municipality and to society, not the activation cost alike for every policy');
  const ladders = await page.evaluate(() => [...document.querySelectorAll('figure.ladder figcaption')].map((c) => ({
    colour: getComputedStyle(c).color, swatch: c.querySelector('.swatch')?.style.background ?? '',
  })));
  const poor = ladders.filter((l) => contrast(l.colour, 'rgb(255, 255, 255)') < 4.5 || !l.swatch);
  check(ladders.length === 3 && poor.length === 0, `ladder titles are dark on white (${ladders.map((l) => contrast(l.colour, 'rgb(255, 255, 255)').toFixed(1)).join(', ')}:1) beside a swatch of the policy's colour`);
}

// linesApart checks, after some months, that each policy's line has its
// own dashes and markers, in the charts and the legend, and that the
// markers of policies whose lines coincide (no sanctions under afstand
// and nabijheid) sit on months of their own.
async function linesApart(page) {
  const lines = await page.evaluate(() => {
    const fig = document.getElementById('chart-cum_sanctions');
    const first = (d) => /M([\d.]+),([\d.]+)/.exec(d)?.slice(1).map(Number) ?? null;
    return {
      dashes: [...fig.querySelectorAll('path.series')].map((p) => p.dataset.dash),
      markers: [...fig.querySelectorAll('path.marker')].map((p) => ({ shape: p.dataset.marker, at: first(p.getAttribute('d')) })),
      legend: [...document.querySelectorAll('#policy-legend svg.line-key')].map((k) => `${k.dataset.dash}/${k.dataset.marker}`),
      widest: Math.max(...[...document.querySelectorAll('#policy-legend svg.line-key')].map((k) => k.getBoundingClientRect().width)),
    };
  });
  check(lines.dashes.length === 3 && new Set(lines.dashes).size === 3, `each policy's line has its own dashes (${lines.dashes.join(', ')})`);
  check(new Set(lines.markers.map((m) => m.shape)).size === 3 && lines.markers.every((m) => m.at && m.at[0] > 0),
    `and its own markers (${lines.markers.map((m) => m.shape).join(', ')})`);
  check(new Set(lines.markers.map((m) => m.at[0])).size === 3, `on months of their own (first at x ${lines.markers.map((m) => m.at[0]).join(', ')})`);
  check(lines.legend.length === 3 && new Set(lines.legend).size === 3 && lines.widest <= 60,
    `the legend shows them (${lines.legend.join(', ')}), each key at most 60 px wide (widest ${Math.round(lines.widest)} px)`);
}

// markersApart races four policies over the shortest run, 12 months, to
// its end: on every line chart each policy's markers sit on months no
// other policy's markers use (with a marker every month or two, as a short
// run once had, two policies shared their months).
async function markersApart(browser, errors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]');
  await page.click('#projector');
  let run = await page.evaluate(() => document.body.dataset.run);
  const next = async () => {
    await page.waitForFunction((r) => document.body.dataset.run && document.body.dataset.run !== r, run);
    run = await page.evaluate(() => document.body.dataset.run);
  };
  await page.click('#policies input[value="maatwerk"]');
  await next();
  await page.locator('input[data-key="months"]').fill('12');
  await next();
  await page.waitForFunction(() => document.querySelectorAll('#ladders figure').length === 4 && /\/\s*12\b/.test(document.getElementById('month').textContent));
  await page.locator('#speed').fill('7');
  await page.click('#play');
  await page.waitForFunction(() => /\b12\s*\/\s*12\b/.test(document.getElementById('month').textContent), null, { timeout: 60000 });
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false');
  // The month counter and the charts are drawn in the same animation
  // frame, but a chart that changed size is drawn again in a later one:
  // wait until every line chart shows the whole run (a marker for each of
  // the four policies), and fail if it never does.
  await page.waitForFunction(() => [...document.querySelectorAll('figure.chart.line')].every((fig) => {
    const ms = [...fig.querySelectorAll('path.marker')].map((p) => p.dataset.months ?? '');
    return ms.length === 4 && ms.every((m) => m.trim() !== '');
  }), null, { timeout: 15000 }).catch(() => {});
  const charts = await page.evaluate(() => [...document.querySelectorAll('figure.chart.line')].map((fig) => ({
    id: fig.id,
    width: Math.round(fig.querySelector('svg').getBoundingClientRect().width),
    months: [...fig.querySelectorAll('path.marker')].map((p) => (p.dataset.months ?? '').split(' ').filter(Boolean).map(Number)),
  })));
  check(charts.length > 0, `${charts.length} line charts of a 12-month run of four policies`);
  for (const c of charts) {
    const all = c.months.flat();
    check(c.months.length === 4 && c.months.every((ms) => ms.length > 0) && new Set(all).size === all.length,
      `${c.id} (${c.width} px): each of four policies' markers on months of its own (${c.months.map((ms) => ms.join(',')).join(' | ')})`);
  }
  await context.close();
}

// timeLimit opens the page on a server whose runs end after a few
// seconds and plays until the run hits that limit: the page says that the
// server's time limit stopped the run and how to run again, in Dutch and
// after the switch in English, not that the run is done; its month stays.
async function timeLimit(browser, errors) {
  const { context, page } = await newPage(browser, errors, { serverGoes: false });
  // The limit counts from the stream's start, paused or playing, so the
  // page is left alone: a control sent after the limit (on a slow
  // machine) would be refused as for a run that no longer exists.
  await page.goto(limitedUrl, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]');
  const nl = 'wijksim heeft deze run gestopt: hij stond open tot de tijdslimiet van de server. Druk op Start of Reset om opnieuw te beginnen.';
  await page.waitForFunction(() => document.getElementById('status').textContent !== '', null, { timeout: 30000 });
  const said = await page.locator('#status').textContent();
  check(said === nl, `a run at the server's time limit: "${said}"`);
  const month = await page.locator('#month').textContent();
  check(await page.locator('#play').getAttribute('aria-pressed') === 'false', `it stops at ${month}`);
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const en = await page.locator('#status').textContent();
  check(en === 'wijksim stopped this run: it was open until the server\'s time limit. Press Play or Reset to run again.', `and in English after the switch: ${en}`);
  check(monthOf(await page.locator('#month').textContent()) === monthOf(month), 'the month stays');
  await context.close();
}

// hungServer opens the page on a server that then cuts its streams and
// answers nothing more: the page's probe of /api/health times out, and the
// page says that wijksim no longer answers.
async function hungServer(browser, errors) {
  const { context, page } = await newPage(browser, errors, { serverGoes: true });
  await page.goto(hungUrl, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForSelector('#chart-trust_mean path.series', { state: 'attached' });
  await page.click('#play');
  await page.waitForFunction(() => Number(/(\d+)\s*\//.exec(document.getElementById('month').textContent)?.[1]) >= 3);
  const res = await fetch(hangUrl);
  check(res.ok, 'the hanging server cuts its streams and answers no more');
  const began = Date.now();
  const nl = 'wijksim antwoordt niet meer: is het gestopt? Start wijksim serve opnieuw en laad de pagina.';
  await page.waitForFunction((w) => document.getElementById('status').textContent === w, nl, { timeout: 20000 })
    .catch(async () => { throw new Error(`check failed: a server that hangs: the page says "${await page.locator('#status').textContent()}", want "${nl}"`); });
  check(true, `a server that hangs: after ${((Date.now() - began) / 1000).toFixed(1)} s the page says "${nl}"`);
  await context.close();
}

// switched checks, after the switch to English, what must follow the
// language besides the charts and buttons.
async function switched(page) {
  check(await page.title() === 'wijksim – classroom', `the page's title is English: ${await page.title()}`);
  check(await page.locator('#scenario option:checked').textContent() === 'Default', 'the default scenario is named in English');
  check(await page.locator('label[for=seed]').textContent() === 'Seed', 'the seed is named in English');
  const footer = await page.locator('footer').textContent();
  check(/not nothing/.test(footer) && /compare/.test(footer) && !/not from chance/.test(footer), `the English footer: ${footer}`);
  check(await page.getByRole('slider', { name: 'Caseload per professional', exact: true }).count() === 1, 'the slider\'s name follows the language');
  const name = await page.locator('#chart-trust_mean svg').getAttribute('aria-label');
  check(name === 'Trust', `a chart's accessible name follows the language: ${name}`);
}

// newPage opens a page in a context of its own whose console errors and
// page errors go to errors. Where the test takes the server away
// (serverGoes), the requests that then fail, which Chromium logs as
// console errors, are expected and not counted.
async function newPage(browser, errors, { serverGoes, acceptDownloads = false }) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (m) => {
    if (m.type() !== 'error' || (serverGoes && /net::ERR_|Failed to load resource/.test(m.text()))) return;
    errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return { context, page };
}

// stoppedServer opens the page on the second server, plays some months,
// pauses, and stops the server as a crash would. The page says in its own
// language that wijksim no longer answers, and says so again, never the
// browser's "Failed to fetch", after Reset, Start, a slider and Export,
// keeping its month while the old charts stay; in English after the switch.
async function stoppedServer(browser, errors) {
  const { context, page } = await newPage(browser, errors, { serverGoes: true, acceptDownloads: true });
  await page.goto(doomedUrl, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForSelector('#chart-trust_mean path.series', { state: 'attached' });
  await page.locator('#speed').fill('4');
  await page.click('#play');
  await page.waitForFunction(() => Number(/(\d+)\s*\//.exec(document.getElementById('month').textContent)?.[1]) >= 6);
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false');
  await settledMonth(page);
  const month = await page.locator('#month').textContent();
  const drawn = await page.locator('#chart-trust_mean path.series').first().getAttribute('d');

  const res = await fetch(stopUrl);
  check(res.ok, 'the second server is stopped');
  const nl = 'wijksim antwoordt niet meer: is het gestopt? Start wijksim serve opnieuw en laad de pagina.';
  const says = async (what, want) => {
    await page.waitForFunction((w) => document.getElementById('status').textContent === w, want, { timeout: 10000 })
      .catch(async () => { throw new Error(`check failed: ${what}: the page says "${await page.locator('#status').textContent()}", want "${want}"`); });
    const now = await page.locator('#month').textContent();
    check(now === month, `${what}: "${want}", and the month stays ${now}`);
  };
  // A stream cut by the stop makes the page probe the server, which no
  // longer answers. On a machine so busy that the stream broke before the
  // stop, the probe found the server still answering and the page said
  // so ("press Reset"), which was right at the time; the probe's other
  // outcome is checked by hungServer, and every action below must find the
  // server gone.
  const lostNl = 'De verbinding met wijksim is verbroken. Druk op Reset voor een nieuwe run.';
  await page.waitForFunction(([a, b]) => [a, b].includes(document.getElementById('status').textContent), [nl, lostNl], { timeout: 10000 })
    .catch(async () => { throw new Error(`check failed: the page loses its server: the page says "${await page.locator('#status').textContent()}"`); });
  const first = await page.locator('#status').textContent();
  check(first === nl || first === lostNl, `the page loses its server: "${first}"`);
  const clear = () => page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await clear();
  await page.click('#reset');
  await says('Reset', nl);
  await clear();
  await page.click('#play');
  await says('Start', nl);
  await clear();
  await page.locator('input[data-key="professionals.caseload"]').focus();
  await page.keyboard.press('ArrowRight');
  await says('a slider', nl);
  await clear();
  await page.click('#export');
  await says('Export', nl);
  check(await page.locator('#chart-trust_mean path.series').first().getAttribute('d') === drawn, 'the old charts stay');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const en = await page.locator('#status').textContent();
  check(en === 'wijksim no longer answers: has it stopped? Start wijksim serve again and reload the page.', `and in English after the switch: ${en}`);
  await context.close();
}

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function check(ok, what) {
  if (!ok) throw new Error(`check failed: ${what}`);
  console.log(`ok  ${what}`);
}

// settledMonth waits until months already on their way have arrived (the
// counter unchanged for a second) and returns the month shown.
async function settledMonth(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const read = () => Number(/(\d+)\s*\//.exec(document.getElementById('month').textContent)[1]);
    let before = read();
    let still = 0;
    const settle = () => {
      const now = read();
      still = now === before ? still + 1 : 0;
      before = now;
      if (still >= 5) resolve(now); else setTimeout(settle, 200);
    };
    setTimeout(settle, 200);
  }));
}

const monthOf = (s) => Number(/(\d+)\s*\//.exec(s)?.[1] ?? NaN);

const browser = await chromium.launch({ executablePath, args, timeout: 30000 });
const errors = [];
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The page closes an event stream on reset; that abort is expected.
    if (!r.url().includes('/events')) errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });

  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForSelector('#chart-trust_mean path.series', { state: 'attached' });
  check(await page.locator('#ladders figure').count() === 3, 'three policies race by default');

  await reviewed(page);

  // Move the caseload slider with the keyboard, as a lecturer would.
  const slider = page.locator('input[data-key="professionals.caseload"]');
  const firstRun = await page.evaluate(() => document.body.dataset.run);
  const before = await slider.inputValue();
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  const after = await slider.inputValue();
  check(Number(after) > Number(before), `slider moved from ${before} to ${after}`);
  check((await slider.locator('xpath=following-sibling::output').textContent()) === after, 'slider shows its new value');
  // The slider restarts the run; wait for the new run's charts.
  await page.waitForFunction((r) => document.body.dataset.run && document.body.dataset.run !== r, firstRun);
  await page.waitForFunction(() => /\b0\s*\//.test(document.getElementById('month').textContent));

  const pathBefore = await page.locator('#chart-trust_mean path.series').first().getAttribute('d');
  const monthBefore = monthOf(await page.locator('#month').textContent());
  await page.click('#play');
  await page.waitForFunction(
    ([d, m]) => {
      const month = Number(/(\d+)\s*\//.exec(document.getElementById('month').textContent)?.[1]);
      const path = document.querySelector('#chart-trust_mean path.series')?.getAttribute('d');
      return month >= m + 6 && path && path !== d;
    },
    [pathBefore, monthBefore],
  );
  const monthAfter = monthOf(await page.locator('#month').textContent());
  check(monthAfter > monthBefore, `month counter advanced from ${monthBefore} to ${monthAfter}`);
  check((await page.locator('#chart-trust_mean path.series').first().getAttribute('d')) !== pathBefore, 'the trust chart changed');
  check(await page.locator('#ladders path.layer').count() >= 21, 'ladder charts are drawn per policy');

  await page.click('#play'); // pause
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false');
  const paused = await settledMonth(page);
  await page.click('#step');
  await page.waitForFunction((m) => Number(/(\d+)\s*\//.exec(document.getElementById('month').textContent)?.[1]) === m + 1, paused);
  check(true, `one month forward from ${paused}`);

  const [download, asked] = await Promise.all([page.waitForEvent('download'), page.waitForRequest('**/api/export'), page.click('#export')]);
  check(/^klas-.*\.zip$/.test(download.suggestedFilename()), `export downloads ${download.suggestedFilename()}`);
  check(asked.postDataJSON().lang === 'nl', 'the Dutch page asks for a Dutch README.txt, as it tells the class to follow it');

  const titleNL = await page.locator('#chart-trust_mean figcaption').textContent();
  const playNL = await page.locator('#play').textContent();
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const titleEN = await page.locator('#chart-trust_mean figcaption').textContent();
  const playEN = await page.locator('#play').textContent();
  check(titleNL !== titleEN && /Trust/.test(titleEN), `chart title switched: "${titleNL}" -> "${titleEN}"`);
  check(playNL !== playEN, `play button switched: "${playNL}" -> "${playEN}"`);
  await switched(page);

  await page.click('#projector');
  check(await page.evaluate(() => document.body.classList.contains('projector')), 'projector mode on');

  // Playing and pausing: a fresh run at 16 months a second plays on until
  // month 24 (polled, however slow the machine), and pause holds it: after
  // the pause one step moves exactly one month. At 16 months a second the
  // pause has six seconds before the run of 120 months would end, so a
  // slow machine still pauses a running run. How smooth the drawing is
  // depends on the machine, so the longest gap between animation frames is
  // reported, not checked.
  await page.locator('#speed').fill('4');
  await page.click('#reset');
  await page.waitForFunction(() => /\b0\s*\//.test(document.getElementById('month').textContent));
  await page.click('#play');
  const gap = await page.evaluate(() => new Promise((resolve) => {
    let last = performance.now();
    let worst = 0;
    const end = last + 1500;
    const tick = (now) => {
      worst = Math.max(worst, now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick); else resolve(worst);
    };
    requestAnimationFrame(tick);
  }));
  console.log(`        info  longest gap between animation frames while playing: ${gap.toFixed(0)} ms`);
  await page.waitForFunction(() => {
    const m = /(\d+)\s*\//.exec(document.getElementById('month').textContent);
    return m && Number(m[1]) >= 24;
  }, null, { timeout: 120000 });
  check(true, 'playing at 16 months a second reached month 24');
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false', null, { timeout: 60000 });
  const held = await settledMonth(page);
  await page.click('#step');
  await page.waitForFunction((m) => {
    const x = /(\d+)\s*\//.exec(document.getElementById('month').textContent);
    return x && Number(x[1]) === m + 1;
  }, held, { timeout: 60000 });
  check(true, `paused at month ${held}; one step moved it to month ${held + 1}`);
  await linesApart(page);
  await page.screenshot({ path: shot, fullPage: true });
  check(true, `screenshot saved to ${shot}`);
  await context.close();

  for (const [w, h] of [[1280, 720], [1920, 1080]]) await projector(browser, w, h, errors);
  await markersApart(browser, errors);
  await policyFile(browser, errors);
  await fullHouse(browser, errors);
  if (doomedUrl && stopUrl) await stoppedServer(browser, errors);
  else console.log('..  no second server given: the page losing its server is not checked');
  if (limitedUrl) await timeLimit(browser, errors);
  else console.log('..  no server with a short time limit given: the page at the time limit is not checked');
  if (hungUrl && hangUrl) await hungServer(browser, errors);
  else console.log('..  no server that hangs given: the page\'s probe of a hung server is not checked');
} catch (err) {
  failed = true;
  console.error(err.message);
} finally {
  await browser.close();
}
for (const e of errors) console.error(e);
if (failed || errors.length > 0) process.exit(1);
console.log('classroom page: all checks passed');
