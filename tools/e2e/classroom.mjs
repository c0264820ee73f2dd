// End-to-end check of wijksim's classroom page in a real headless Chromium
// (Debian's /usr/bin/chromium), driven by playwright-core.
//
//   node tools/e2e/classroom.mjs http://127.0.0.1:8080/ shot.png
//
// Loads the page, moves a slider, presses play, waits until the month
// counter advances and a chart's path changes, exports, switches language
// and checks that a visible label changed, turns on projector mode and
// saves a screenshot. Any console error, page error, failed request or
// failed check makes it exit non-zero.
import { chromium } from 'playwright-core';

const [url, shot] = process.argv.slice(2);
if (!url || !shot) {
  console.error('usage: node classroom.mjs URL SCREENSHOT.png');
  process.exit(2);
}

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function check(ok, what) {
  if (!ok) throw new Error(`check failed: ${what}`);
  console.log(`ok  ${what}`);
}

const monthOf = (s) => Number(/(\d+)\s*\//.exec(s)?.[1] ?? NaN);

const browser = await chromium.launch({ executablePath, args, timeout: 30000 });
const errors = [];
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The page closes an event stream on reset; that abort is expected.
    if (!r.url().includes('/events')) errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });

  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForSelector('#chart-trust_mean path.series', { state: 'attached' });
  check(await page.locator('#ladders figure').count() === 3, 'three policies race by default');

  const tip = await page.locator('#slider-caseload').locator('xpath=..').getAttribute('title');
  check(/caseload|regisseur/i.test(tip ?? ''), 'the caseload slider explains itself in a tooltip');

  // Move the caseload slider with the keyboard, as a lecturer would.
  const slider = page.locator('input[data-key="professionals.caseload"]');
  const before = await slider.inputValue();
  await slider.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  const after = await slider.inputValue();
  check(Number(after) > Number(before), `slider moved from ${before} to ${after}`);
  check((await slider.locator('xpath=following-sibling::output').textContent()) === after, 'slider shows its new value');
  // The slider restarts the run; wait for the new run's charts.
  await page.waitForTimeout(600);
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
  const paused = monthOf(await page.locator('#month').textContent());
  await page.click('#step');
  await page.waitForFunction((m) => Number(/(\d+)\s*\//.exec(document.getElementById('month').textContent)?.[1]) === m + 1, paused);
  check(true, `one month forward from ${paused}`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  check(/^klas-.*\.zip$/.test(download.suggestedFilename()), `export downloads ${download.suggestedFilename()}`);

  const titleNL = await page.locator('#chart-trust_mean figcaption').textContent();
  const playNL = await page.locator('#play').textContent();
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const titleEN = await page.locator('#chart-trust_mean figcaption').textContent();
  const playEN = await page.locator('#play').textContent();
  check(titleNL !== titleEN && /Trust/.test(titleEN), `chart title switched: "${titleNL}" -> "${titleEN}"`);
  check(playNL !== playEN, `play button switched: "${playNL}" -> "${playEN}"`);

  await page.click('#projector');
  check(await page.evaluate(() => document.body.classList.contains('projector')), 'projector mode on');

  // Responsive while playing: a fresh run at 64 months a second; the page
  // keeps drawing frames (no gap over 250 ms) and pause takes at once.
  await page.locator('#speed').fill('6');
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
  check(gap < 250, `longest gap between animation frames while playing: ${gap.toFixed(0)} ms`);
  const playing = monthOf(await page.locator('#month').textContent());
  check(playing >= 24, `64 months a second: month ${playing} after 1.5 s`);
  const t0 = Date.now();
  await page.click('#play');
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false', null, { timeout: 1000 });
  check(true, `pause took ${Date.now() - t0} ms`);
  await page.screenshot({ path: shot, fullPage: true });
  check(true, `screenshot saved to ${shot}`);
} catch (err) {
  failed = true;
  console.error(err.message);
} finally {
  await browser.close();
}
for (const e of errors) console.error(e);
if (failed || errors.length > 0) process.exit(1);
console.log('classroom page: all checks passed');
