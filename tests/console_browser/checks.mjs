// The browser test's checks, in order (each builds on the one before: log in, configure, connect,
// sync, dashboards), then the refusals. Each takes the shared env of console_browser_test.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { CONSOLE_TOKEN } from './processes.mjs';

const SEED_MARKETS = ['US', 'GB', 'ID', 'SG', 'MY', 'TH', 'VN', 'PH'];
const SEED_FEATURES = {
  product_catalog: true, order_fulfillment: true, inventory_sync: true, logistics: false, promotions: false,
  returns: false, live_shopping: false, affiliate_program: false, shop_analytics: false,
};
const SEED_INTERVALS = ['Every 5 minutes', 'Every 15 minutes', 'Every 30 minutes', 'Every hour', 'Manual only'];

async function shot(env, name) {
  await env.page.screenshot({ path: path.join(env.shotDir, `console-${name}.png`), fullPage: true });
}

async function text(locator) {
  return (await locator.textContent()) || '';
}

// A fresh document each time (a hash change alone would keep an open dialog).
let visits = 0;
async function visit(env, page) {
  await env.page.goto(`${env.base}/console/?v=${++visits}#${page}`);
}

async function openConfigure(env, account) {
  await visit(env, 'accounts');
  await env.page.locator(`tr[data-account="${account}"] button`, { hasText: 'Configure' }).click();
  await env.page.locator('#config-dialog[open]').waitFor();
}

// A POST from outside the page, with the browser's cookie, so only the checked header differs.
async function rawPost(env, pathName, headers, body = '{}') {
  const cookies = await env.context.cookies(`${env.base}/console/`);
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const url = new URL(env.base + pathName);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', ...headers } }, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const checks = [
  ['log in: a wrong token is refused, the right one opens the console', async (env) => {
    const { page } = env;
    await page.goto(`${env.base}/console/`);
    await page.locator('#login-page').waitFor();
    await shot(env, 'login');
    await page.fill('#login-token', 'not-the-token');
    await page.click('#login-form button[type=submit]');
    await page.locator('#login-error', { hasText: 'wrong console token' }).waitFor();
    await page.fill('#login-token', CONSOLE_TOKEN);
    await page.click('#login-form button[type=submit]');
    await page.locator('#nav').waitFor();
    const cookies = await env.context.cookies(`${env.base}/console/`);
    const session = cookies.find((c) => c.name === 'ocean_console');
    assert.ok(session, 'session cookie set');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie), '', 'the page cannot read the session cookie');
  }],

  ['integrations: every plugin found, the stubs marked', async (env) => {
    const { page } = env;
    await visit(env, 'integrations');
    await page.locator('[data-plugin="tiktok_shop"]').waitFor();
    assert.match(await text(page.locator('[data-plugin="tiktok_shop"]')), /TikTok Shop/);
    assert.match(await text(page.locator('[data-plugin="tiktok_shop"]')), /Live Shopping Integration/);
    for (const stub of ['shopee', 'tokopedia']) {
      await page.locator(`[data-plugin="${stub}"] .badge.stub`).waitFor();
    }
    await shot(env, 'integrations');
  }],

  ['configure: the dialog shows every seed field with its default', async (env) => {
    const { page } = env;
    await openConfigure(env, 'tiktok-new');
    for (const label of ['App Key', 'App Secret', 'Shop ID', 'Region / Market', 'Webhook Callback URL', 'Auto-Sync Interval']) {
      await page.locator('#config-fields label', { hasText: label }).first().waitFor();
    }
    assert.equal(await page.getAttribute('#cfg-app_secret', 'type'), 'password');
    assert.equal(await page.inputValue('#cfg-app_secret'), '', 'the secret is never filled back');
    const regions = await page.$$eval('#cfg-region option', (o) => o.map((x) => [x.value, x.textContent]));
    for (const m of SEED_MARKETS) assert.ok(regions.some(([v]) => v === m), `region ${m} offered`);
    assert.ok(regions.some(([v, t]) => v === 'GB' && /United Kingdom/.test(t)), 'human labels');
    assert.equal(await page.inputValue('#cfg-region'), 'GB');
    const intervals = await page.$$eval('#cfg-sync_interval option', (o) => o.map((x) => x.textContent));
    for (const i of SEED_INTERVALS) assert.ok(intervals.some((t) => t.startsWith(i)), `interval ${i}`);
    assert.equal(await page.inputValue('#cfg-sync_interval'), '15m', 'default interval');
    for (const [feature, on] of Object.entries(SEED_FEATURES)) {
      assert.equal(await page.isChecked(`#cfg-features-${feature}`), on, `${feature} default ${on ? 'on' : 'off'}`);
    }
    assert.match(await text(page.locator('#group-features')), /Schedule live sessions/);
    await shot(env, 'configure');
  }],

  ['configure: an http:// webhook URL shows the plugin\'s error under the field', async (env) => {
    const { page } = env;
    await page.fill('#cfg-webhook_url', 'http://erp.example.com/webhooks/tiktok-new');
    await page.click('#config-save');
    const error = page.locator('#cfg-webhook_url-error');
    await page.waitForFunction(() => document.getElementById('cfg-webhook_url-error').textContent !== '');
    assert.match(await text(error), /webhook_url/);
    assert.match(await text(error), /HTTPS/i);
    await shot(env, 'configure-error');
    await page.fill('#cfg-webhook_url', 'https://erp.example.com/webhooks/tiktok-new');
    await page.click('#config-save');
    await page.locator('#config-dialog:not([open])').waitFor({ state: 'attached' });
    await page.locator('#status-line', { hasText: 'Saved tiktok-new' }).waitFor();
    const saved = JSON.parse(fs.readFileSync(env.config, 'utf8'));
    const account = saved.accounts.find((a) => a.id === 'tiktok-new');
    assert.equal(account.config.webhook_url, 'https://erp.example.com/webhooks/tiktok-new');
    assert.ok(account.config.app_secret, 'the stored secret is kept when the field is left empty');
    assert.equal(fs.statSync(env.config).mode & 0o077, 0, 'the host config stays private');
  }],

  ['connect & authorize: OAuth against tts-sandbox, the account shows connected', async (env) => {
    const { page } = env;
    await visit(env, 'accounts');
    await page.locator('tr[data-account="tiktok-us"] button', { hasText: 'Connect & Authorize' }).click();
    await page.waitForURL(/\/console\/oauth\/callback/);
    assert.match(await text(page.locator('#result')), /Connected tiktok-us/);
    await page.waitForURL(/\/console\/#accounts/, { timeout: 10000 });
    await page.locator('tr[data-account="tiktok-us"] .badge', { hasText: 'connected' }).waitFor();
    await page.locator('tr[data-account="tiktok-us"] .badge.live').waitFor();
    await page.locator('tr[data-account="tiktok-us"] .badge.affiliate').waitFor();
    await page.locator('tr[data-account="tiktok-us"] .badge.default').waitFor();
    await shot(env, 'accounts');
  }],

  ['sync now: live progress, then the orders count', async (env) => {
    const { page } = env;
    await visit(env, 'sync');
    await page.locator('#orders-count').waitFor();
    await page.click('#sync-now');
    await page.locator('#progress-orders progress').waitFor({ timeout: 20000 });
    await page.locator('#sync-message', { hasText: 'Sync finished: ok' }).waitFor({ timeout: 60000 });
    await page.locator('#orders-count', { hasText: 'Orders: 500' }).waitFor();
    assert.match(await text(page.locator('#progress-orders')), /500\/500 records/);
    await page.locator('#log-table tbody tr').first().waitFor();
    await shot(env, 'sync');
  }],

  ['dashboards: shop, video and creator charts render with data, a LIVE session is planned', async (env) => {
    const { page } = env;
    await visit(env, 'dashboards');
    await page.locator('#shop-chart svg path.series-line').waitFor({ timeout: 30000 });
    await page.locator('#video-chart svg rect.bar').first().waitFor({ timeout: 30000 });
    await page.locator('#creator-chart svg rect.bar').first().waitFor({ timeout: 30000 });
    assert.ok((await page.locator('#shop-chart svg circle').count()) > 10, 'a point per day');
    // A LIVE session planned from the dashboard shows in the LIVE card (the host-wide calendar).
    await page.locator('#live-plan').waitFor({ timeout: 30000 });
    await page.fill('#live-title', 'Evening drop');
    await page.fill('#live-price', '9.99');
    await page.click('#live-plan button[type=submit]');
    await page.locator('#live-table tr', { hasText: 'Evening drop' }).waitFor({ timeout: 30000 });
    await shot(env, 'dashboards');
  }],

  ['a state-changing request without the CSRF token is refused', async (env) => {
    const status = await env.page.evaluate(async () => {
      const r = await fetch('/console/api/accounts/tiktok-us/sync', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      return r.status;
    });
    assert.equal(status, 403);
  }],

  ['a request from another origin is refused, even with the cookie and the CSRF token', async (env) => {
    const csrf = await env.page.evaluate(async () => (await (await fetch('/console/api/session')).json()).csrf);
    const evil = await rawPost(env, '/console/api/accounts/tiktok-us/sync', { Origin: 'http://evil.example', 'X-CSRF-Token': csrf });
    assert.equal(evil.status, 403);
    assert.match(evil.body, /another origin/);
    const same = await rawPost(env, '/console/api/accounts/tiktok-us/call/sync.status', { Origin: env.base, 'X-CSRF-Token': csrf });
    assert.equal(same.status, 200, 'the same request from the console\'s origin passes');
  }],

  ['no secret or token ever reached the browser, and no script error', async (env) => {
    assert.ok(env.seen.length > 10, 'answers were recorded');
    for (const answer of env.seen) {
      for (const secret of env.secrets) {
        assert.ok(!answer.body.includes(secret) && !answer.headers.includes(secret), `${answer.url} carried a secret`);
      }
      assert.doesNotMatch(answer.body, /access_token"\s*:\s*"[^"]/, `${answer.url} carried an access token`);
    }
    assert.deepEqual(env.pageErrors, []);
  }],
];
