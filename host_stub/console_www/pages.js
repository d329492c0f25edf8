// The console's pages. Each render function fills its section from the host's JSON API.
import { el, clear, $, flagOf, badge, dateText } from './dom.js';
import { api, call } from './http.js';
import { lineChart, barChart } from './charts.js';

function errorText(e) {
  return e && e.message ? e.message : String(e);
}

export async function renderIntegrations() {
  const { plugins } = await api('GET', 'plugins');
  const cards = clear($('plugin-cards'));
  for (const p of plugins) {
    const features = p.features.map((f) => badge(f.name, f.default ? 'on' : 'off'));
    cards.append(el('article', { class: `card plugin${p.stub ? ' stub' : ''}`, 'data-plugin': p.id },
      el('header', {}, el('h3', { text: p.name }), p.stub ? badge('Stub', 'stub') : badge(`${p.capabilities} capabilities`, 'ok')),
      el('p', { class: 'meta', text: `${p.vendor} · ${p.marketplace} · v${p.version} · ${p.stage}` }),
      el('p', { text: p.description }),
      p.regions.length ? el('p', { class: 'meta', text: p.regions.map((r) => `${flagOf(r)} ${r}`).join('  ') }) : null,
      features.length ? el('div', { class: 'badges' }, features) : el('p', { class: 'help', text: 'No features declared.' })));
  }
}

export function featureBadges(account) {
  const f = account.features || {};
  return [f.live_shopping ? badge('Live', 'live') : null, f.affiliate_program ? badge('Affiliate', 'affiliate') : null];
}

function linkState(a) {
  const link = a.link || {};
  if (a.state !== 'started') return [a.state, 'off'];
  if (!link.state) return ['running', 'off'];
  const kind = link.state === 'connected' ? 'ok' : link.state === 'needs_reauth' ? 'warn' : 'off';
  return [link.state.replace('_', ' '), kind];
}

export function renderAccounts(accounts, actions) {
  const body = clear($('accounts-table').tBodies[0]);
  for (const a of accounts) {
    const [state, kind] = linkState(a);
    const shop = a.link && a.link.shop ? a.link.shop.name : '';
    const canConnect = a.link !== undefined;
    body.append(el('tr', { 'data-account': a.id },
      el('td', {}, el('strong', { text: a.id }), a.default ? badge('Default', 'default') : null),
      el('td', { text: a.plugin }),
      el('td', { text: a.region ? `${flagOf(a.region)} ${a.region}` : '' }),
      el('td', {}, badge(state, kind), shop ? el('div', { class: 'meta', text: shop }) : null),
      el('td', {}, featureBadges(a)),
      el('td', { class: 'actions' },
        el('button', { type: 'button', class: 'quiet', text: 'Configure', onclick: () => actions.configure(a.id) }),
        canConnect ? el('button', { type: 'button', class: 'secondary', text: 'Connect & Authorize', onclick: () => actions.connect(a.id) }) : null)));
  }
}

function kindRows(status) {
  return Object.entries(status.kinds || {}).map(([kind, k]) => el('tr', { 'data-kind': kind },
    el('td', { text: kind }), el('td', { text: k.watermark || '—' }), el('td', { text: dateText(k.last_finished_ms) }),
    el('td', { text: String(k.run_records ?? '') }), el('td', {}, k.last_outcome ? badge(k.last_outcome, k.last_outcome === 'ok' ? 'ok' : 'warn') : '')));
}

export async function renderSyncStatus(account) {
  const status = await call(account, 'sync.status');
  clear($('sync-kinds').tBodies[0]).append(...kindRows(status));
  const counts = $('sync-counts');
  clear(counts).append(el('span', { id: 'orders-count', text: `Orders: ${status.orders ?? 0}` }), ' · ',
    el('span', { id: 'products-count', text: `Products: ${status.products ?? 0}` }));
  return status;
}

export async function renderLog(account) {
  const request = { limit: 20 };
  const action = $('log-action').value.trim();
  const outcome = $('log-outcome').value;
  if (action) request.action = action;
  if (outcome) request.outcome = outcome;
  const body = clear($('log-table').tBodies[0]);
  try {
    const { entries } = await call(account, 'integration_log.search', request);
    for (const e of entries) {
      const c = e.counts || {};
      body.append(el('tr', {}, el('td', { text: e.started_at }), el('td', { text: e.action }),
        el('td', {}, badge(e.outcome, e.outcome === 'ok' ? 'ok' : 'warn')), el('td', { text: String(c.records ?? '') }),
        el('td', { text: String(c.api_calls ?? '') }), el('td', { text: e.error ? e.error.message || JSON.stringify(e.error) : '' })));
    }
  } catch (e) {
    body.append(el('tr', {}, el('td', { colspan: 6, class: 'field-error', text: errorText(e) })));
  }
}

export async function renderDeadLetters(account, onRetry) {
  const body = clear($('dead-table').tBodies[0]);
  const { dead_letters: letters } = await call(account, 'dead_letters.search', { source: 'all' });
  if (!letters.length) body.append(el('tr', {}, el('td', { colspan: 6, class: 'help', text: 'No dead letters.' })));
  for (const d of letters) {
    body.append(el('tr', { 'data-dead': d.id }, el('td', { text: String(d.id) }), el('td', { text: d.source || '' }),
      el('td', { text: d.type || '' }), el('td', { text: String(d.attempts ?? '') }), el('td', { text: d.last_error || d.error || '' }),
      el('td', {}, el('button', { type: 'button', class: 'quiet', text: 'Retry', onclick: () => onRetry(d.id) }))));
  }
}

export function progressRow(kind) {
  let row = document.getElementById(`progress-${kind}`);
  if (!row) {
    row = el('div', { class: 'progress-row', id: `progress-${kind}` },
      el('strong', { text: kind }), el('progress', { max: 1, value: 0 }), el('span', { class: 'progress-text' }));
    $('sync-progress').append(row);
  }
  return row;
}

export function showProgress(data) {
  const row = progressRow(data.kind || 'sync');
  const bar = row.querySelector('progress');
  if (data.total) {
    bar.max = data.total;
    bar.value = data.records || 0;
  } else {
    bar.removeAttribute('value');
  }
  const total = data.total ? `/${data.total}` : '';
  row.querySelector('.progress-text').textContent =
    `${data.records ?? 0}${total} records, ${data.pages ?? 0} pages${data.done ? ' — done' : ''}`;
}

// Dashboards ---------------------------------------------------------------------------------

function amount(m) {
  return m && m.amount !== undefined ? Number(m.amount) : 0;
}

function money(m) {
  return m && m.amount !== undefined ? `${m.amount} ${m.currency || ''}`.trim() : '';
}

async function fill(id, build) {
  const box = clear($(id));
  box.append(el('p', { class: 'help', text: 'Loading…' }));
  try {
    const node = await build();
    clear(box).append(node);
  } catch (e) {
    clear(box).append(el('p', { class: 'field-error', text: errorText(e) }));
  }
}

async function shopChart(account, from, to) {
  const r = await call(account, 'analytics.shop_performance', { start_date: from, end_date: to, granularity: '1D' });
  const intervals = (r.performance && r.performance.intervals) || [];
  const points = intervals.map((i) => ({ label: i.start_date.slice(5), value: amount(i.gmv), text: money(i.gmv) }));
  const orders = intervals.reduce((n, i) => n + (i.orders || 0), 0);
  return el('div', {}, lineChart(points, 'GMV per day'),
    el('p', { class: 'meta', text: `GMV per day, ${intervals.length} days, ${orders} orders` }));
}

async function videoChart(account, from, to) {
  const r = await call(account, 'analytics.video_performance', { start_date: from, end_date: to });
  const items = (r.items || []).slice().sort((a, b) => amount(b.gmv) - amount(a.gmv)).slice(0, 8);
  if (!items.length) return el('p', { class: 'help', text: 'No videos in this range.' });
  return el('div', {}, barChart(items.map((v) => ({ label: v.title || v.id, value: amount(v.gmv), text: money(v.gmv) })), 'GMV per video'),
    el('p', { class: 'meta', text: `${items.reduce((n, v) => n + (v.views || 0), 0)} views over the top ${items.length} videos` }));
}

function liveTable(sessions, perf) {
  const rows = sessions.map((s) => el('tr', { 'data-live': s.session_id },
    el('td', { text: s.title }), el('td', { text: s.start_time }), el('td', { text: s.end_time }),
    el('td', {}, badge(s.status, s.status === 'planned' ? 'ok' : 'off')), el('td', { text: perf.get(s.session_id) || '' })));
  return el('table', { class: 'grid', id: 'live-table' }, el('thead', {}, el('tr', {}, el('th', { text: 'Title' }),
    el('th', { text: 'Starts' }), el('th', { text: 'Ends' }), el('th', { text: 'Status' }), el('th', { text: 'Performance' }))),
  el('tbody', {}, rows));
}

// Planning a session: a featured product from the mirror, its LIVE price, a window in the future.
async function livePlanForm(account, onPlanned) {
  const { products = [] } = await call(account, 'products.search', { limit: 20 });
  const product = el('select', { id: 'live-product' }, products.map((p) => el('option', { value: p.external_id, text: p.title })));
  const start = el('input', { id: 'live-start', type: 'datetime-local' });
  start.value = new Date(Date.now() + 2 * 3600000 - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  const minutes = el('input', { id: 'live-minutes', type: 'number', min: 5, value: 60 });
  const price = el('input', { id: 'live-price', placeholder: 'e.g. 9.99' });
  const title = el('input', { id: 'live-title', placeholder: 'Evening drop' });
  const error = el('p', { class: 'field-error', id: 'live-error' });
  const form = el('form', { class: 'live-plan', id: 'live-plan' }, el('h4', { text: 'Plan a LIVE session' }),
    el('label', {}, 'Title ', title), el('label', {}, 'Starts ', start), el('label', {}, 'Minutes ', minutes),
    el('label', {}, 'Product ', product), el('label', {}, 'LIVE price ', price), el('button', { type: 'submit', text: 'Plan' }), error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const from = Math.floor(new Date(start.value).getTime() / 1000);
    try {
      await call(account, 'live.sessions.plan', { title: title.value, start_time: from, end_time: from + Number(minutes.value) * 60,
        products: [{ product_id: product.value, session_price: price.value }] });
      await onPlanned();
    } catch (err) {
      error.textContent = errorText(err);
    }
  });
  return form;
}

// Planned sessions from the host-wide calendar; those already started with their performance.
async function liveChart(account) {
  const r = await call(account, 'live.sessions.list');
  const sessions = r.items || [];
  const perf = new Map();
  for (const s of sessions) {
    if (s.status !== 'planned' || Date.parse(s.start_time) > Date.now()) continue;
    try {
      const p = await call(account, 'live.sessions.performance', { session_id: s.session_id });
      perf.set(s.session_id, p.attributed ? money(p.attributed.gmv) : JSON.stringify(p.live || {}).slice(0, 60));
    } catch (e) {
      perf.set(s.session_id, errorText(e));
    }
  }
  const list = sessions.length ? liveTable(sessions, perf) : el('p', { class: 'help', text: 'No LIVE sessions planned yet.' });
  let form;
  try {
    form = await livePlanForm(account, () => fill('live-chart', () => liveChart(account)));
  } catch (e) {
    form = el('p', { class: 'help', text: `Planning needs the product catalog: ${errorText(e)}` });
  }
  return el('div', {}, list, form);
}

async function creatorChart(account) {
  await call(account, 'affiliate.orders.search');  // refreshes the stored affiliate orders
  const r = await call(account, 'affiliate.creators.summary');
  const items = (r.items || []).slice().sort((a, b) => Number(b.gmv) - Number(a.gmv)).slice(0, 8);
  if (!items.length) return el('p', { class: 'help', text: 'No creator orders yet.' });
  return barChart(items.map((c) => ({ label: c.creator_username, value: Number(c.gmv), text: `${c.gmv} ${c.currency} (${c.orders})` })), 'GMV per creator');
}

export async function renderDashboards(account) {
  if (!$('range-to').value) {
    const to = new Date();
    const from = new Date(to.getTime() - 27 * 86400000);
    $('range-to').value = to.toISOString().slice(0, 10);
    $('range-from').value = from.toISOString().slice(0, 10);
  }
  const from = $('range-from').value, to = $('range-to').value;
  await Promise.all([fill('shop-chart', () => shopChart(account, from, to)), fill('video-chart', () => videoChart(account, from, to)),
    fill('live-chart', () => liveChart(account)), fill('creator-chart', () => creatorChart(account))]);
}
