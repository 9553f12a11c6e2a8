// measure-page.js: loads an HTML page in headless Chromium at one window
// width, through the DevTools protocol on a pipe (no port, no WebSocket),
// and prints what the page looks like as one JSON object: how wide it
// scrolls, the smallest chart text in CSS pixels as drawn (its font size
// times the SVG's scale), and a screenshot of the whole page.
//
//   node measure-page.js CHROMIUM URL WIDTH PNG PROFILE_DIR
//
// The measurement is evaluated by DevTools, not by a script of the page:
// the page forbids scripts (Content-Security-Policy) and stays so.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');

const [chromium, url, widthText, png, profile] = process.argv.slice(2);
const width = Number(widthText);

const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--hide-scrollbars', `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let log = '';
browser.stderr.on('data', (d) => { log += d; });

const timer = setTimeout(() => fail('timed out'), 90000);
function fail (why) {
  process.stdout.write(JSON.stringify({ error: why, log: log.slice(-2000) }) + '\n');
  browser.kill();
  process.exit(1);
}

// Messages are JSON texts separated by NUL bytes, both ways.
const toBrowser = browser.stdio[3], fromBrowser = browser.stdio[4];
let nextId = 1, pending = new Map(), waiters = [], buffered = '';
function send (method, params = {}, sessionId) {
  const id = nextId++;
  toBrowser.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject, method }));
}
function waitEvent (method) {
  return new Promise((resolve) => waiters.push({ method, resolve }));
}
fromBrowser.on('data', (chunk) => {
  buffered += chunk.toString('utf8');
  let end;
  while ((end = buffered.indexOf('\0')) >= 0) {
    const message = JSON.parse(buffered.slice(0, end));
    buffered = buffered.slice(end + 1);
    if (message.id && pending.has(message.id)) {
      const p = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) p.reject(new Error(`${p.method}: ${message.error.message}`));
      else p.resolve(message.result);
    } else if (message.method) {
      waiters = waiters.filter((w) => (w.method === message.method ? (w.resolve(message.params), false) : true));
    }
  }
});

// Runs in the page: the smallest SVG text as drawn, and the page's widths.
const measure = `(() => {
  let smallest = Infinity, where = '', texts = 0;
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue;               /* not shown at this width */
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      texts++;
      if (size < smallest) { smallest = size; where = svg.id + ' ' + text.textContent; }
    }
  }
  const page = document.scrollingElement;  /* a phone widens its layout to fit a page too wide: innerWidth follows */
  return { innerWidth, scrollWidth: page.scrollWidth, texts, smallest: Math.round(smallest * 100) / 100, where };
})()`;

(async () => {
  const { targetInfos } = await send('Target.getTargets');
  const page = targetInfos.find((t) => t.type === 'page');
  const { sessionId } = await send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
  await send('Page.enable', {}, sessionId);
  await send('Emulation.setDeviceMetricsOverride',
    { width, height: 900, deviceScaleFactor: 1, mobile: width < 600 }, sessionId);
  const loaded = waitEvent('Page.loadEventFired');
  await send('Page.navigate', { url }, sessionId);
  await loaded;
  const { result } = await send('Runtime.evaluate', { expression: measure, returnByValue: true }, sessionId);
  const metrics = await send('Page.getLayoutMetrics', {}, sessionId);
  const height = Math.ceil(metrics.cssContentSize.height);
  const shot = await send('Page.captureScreenshot', {
    format: 'png', captureBeyondViewport: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, 16000), scale: 1 },
  }, sessionId);
  fs.writeFileSync(png, Buffer.from(shot.data, 'base64'));
  // With IC_SCREENSHOT_PARTS set, the page also in parts of 1 400 px: a
  // long page shown whole in an image viewer is too small to be read.
  for (let y = 0, k = 1; process.env.IC_SCREENSHOT_PARTS && y < height; y += 1400, k++) {
    const part = await send('Page.captureScreenshot', {
      format: 'png', captureBeyondViewport: true,
      clip: { x: 0, y, width, height: Math.min(1400, height - y), scale: 1 },
    }, sessionId);
    fs.writeFileSync(png.replace(/\.png$/, `-${String(k).padStart(2, '0')}.png`), Buffer.from(part.data, 'base64'));
  }
  clearTimeout(timer);
  process.stdout.write(JSON.stringify(result.value) + '\n');
  await send('Browser.close').catch(() => {});
  browser.kill();
  process.exit(0);
})().catch((e) => fail(String(e)));
