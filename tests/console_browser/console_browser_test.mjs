// The web console in a real browser: Debian's chromium driven headless by playwright-core through
// erp-host serve --console, against tts-sandbox (real HTTP and HTTPS on loopback).
//   node console_browser_test.mjs <bin dir> <plugin dir> <screenshot dir>
// Exits 77 (ctest: skipped) only when chromium is not installed.
import fs from 'node:fs';
import path from 'node:path';
import { Processes, freePort, APP_SECRET, CONSOLE_TOKEN, STORE_KEY } from './processes.mjs';
import { checks } from './checks.mjs';

const CHROMIUM = process.env.OCEAN_CHROMIUM || '/usr/bin/chromium';
const [binDir, pluginDir, shotDir] = process.argv.slice(2);
if (!binDir || !pluginDir || !shotDir) {
  console.error('usage: node console_browser_test.mjs <bin dir> <plugin dir> <screenshot dir>');
  process.exit(2);
}
if (!fs.existsSync(CHROMIUM)) {
  console.log(`SKIP: ${CHROMIUM} is not installed (scripts/setup.sh installs Debian's chromium)`);
  process.exit(77);
}
const { chromium } = await import('playwright-core');
fs.mkdirSync(shotDir, { recursive: true });

const procs = new Processes();
let browser;
let passed = 0;
let failed = 0;
const started = Date.now();
try {
  const port = await freePort();
  const sandbox = await procs.sandbox(binDir, port);
  const config = procs.writeHostConfig(sandbox);
  const base = await procs.serve(binDir, pluginDir, config, port);
  const root = process.getuid && process.getuid() === 0;
  // As root chromium refuses its own sandbox; a container's small /dev/shm would crash its renderer.
  const args = ['--disable-dev-shm-usage', '--disable-gpu', ...(root ? ['--no-sandbox'] : [])];
  browser = await chromium.launch({ executablePath: CHROMIUM, args });
  // The sandbox's consent page is HTTPS with the sandbox's own test CA.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen = [];  // every console answer the browser received, to look for secrets
  page.on('response', async (r) => {
    if (!r.url().startsWith(base)) return;
    try {
      seen.push({ url: r.url(), headers: JSON.stringify(r.headers()), body: await r.text() });
    } catch {
      // a streaming answer cut by navigation has no body to read
    }
  });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const env = { base, page, context, config, shotDir, seen, pageErrors, secrets: [APP_SECRET, CONSOLE_TOKEN, STORE_KEY] };
  for (const [name, check] of checks) {
    try {
      await check(env);
      passed++;
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}: ${e.stack || e}`);
      await page.screenshot({ path: path.join(shotDir, `failed-${passed + failed}.png`), fullPage: true }).catch(() => {});
    }
  }
} catch (e) {
  failed++;
  console.log(`not ok - setup: ${e.stack || e}`);
} finally {
  if (browser) await browser.close();
  await procs.stop();
  if (failed) {
    console.log('--- erp-host log ---\n' + procs.log('erp-host').slice(-6000));
    console.log('--- tts-sandbox log ---\n' + procs.log('tts-sandbox').slice(-2000));
  }
  procs.remove();
}
console.log(`browser test took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${shotDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
