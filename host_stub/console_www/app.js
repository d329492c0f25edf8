// The console's entry point: login, navigation between pages, the account selector, the
// configuration dialog and "Sync now" with live progress (server-sent events).
import { el, clear, $, status } from './dom.js';
import { api, call, setCsrf, ApiError } from './http.js';
import { renderConfigForm, collectConfig, showErrors } from './form.js';
import * as pages from './pages.js';

const state = { accounts: [], account: '', form: null, formAccount: '' };
const PAGES = ['integrations', 'accounts', 'sync', 'dashboards'];

function show(id) {
  for (const page of document.querySelectorAll('main > section.page')) page.hidden = page.id !== id;
}

function currentAccount() {
  return state.accounts.find((a) => a.id === state.account);
}

async function loadAccounts() {
  const { accounts } = await api('GET', 'accounts');
  state.accounts = accounts;
  const select = clear($('account-select'));
  for (const a of accounts) select.append(el('option', { value: a.id, text: a.default ? `${a.id} (default)` : a.id }));
  if (!accounts.some((a) => a.id === state.account)) state.account = (accounts.find((a) => a.default) || accounts[0] || {}).id || '';
  select.value = state.account;
  const current = currentAccount();
  clear($('account-badges')).append(...(current ? pages.featureBadges(current).filter(Boolean) : []));
  pages.renderAccounts(accounts, { configure: openConfig, connect });
}

async function route() {
  const page = PAGES.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'integrations';
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === page);
  show(`${page}-page`);
  try {
    if (page === 'integrations') await pages.renderIntegrations();
    if (page === 'accounts') await loadAccounts();
    if (page === 'sync') await refreshSync();
    if (page === 'dashboards') await pages.renderDashboards(state.account);
  } catch (e) {
    handleError(e);
  }
}

function handleError(e) {
  if (e instanceof ApiError && e.status === 401) return showLogin();
  status(e.message || String(e), true);
}

async function refreshSync() {
  await pages.renderSyncStatus(state.account);
  await pages.renderLog(state.account);
  await pages.renderDeadLetters(state.account, retry);
}

async function retry(id) {
  try {
    const r = await call(state.account, 'dead_letters.retry', { id });
    status(`Dead letter ${id}: ${r.state || 'requeued'}`);
    await pages.renderDeadLetters(state.account, retry);
  } catch (e) {
    handleError(e);
  }
}

// Opens the event stream first, then starts the sync, so no progress event is missed.
function syncNow() {
  const account = state.account;
  clear($('sync-progress'));
  $('sync-message').textContent = 'Starting…';
  const events = new EventSource('/console/api/events');
  const mine = (m) => {
    const d = JSON.parse(m.data);
    return d.account === account ? d.event : null;
  };
  events.addEventListener('sync.progress', (m) => {
    const e = mine(m);
    if (e) pages.showProgress(e.data || {});
  });
  const finish = async (text) => {
    events.close();
    $('sync-message').textContent = text;
    await refreshSync().catch(handleError);
  };
  events.addEventListener('sync.finished', (m) => {
    const e = mine(m);
    if (e) finish(`Sync finished: ${(e.data && e.data.outcome) || 'done'}`);
  });
  events.addEventListener('sync.failed', (m) => {
    const e = mine(m);
    if (e) finish(`Sync failed: ${JSON.stringify(e.data)}`);
  });
  events.addEventListener('open', async () => {
    if (events.started) return;  // a reconnect of the same stream
    events.started = true;
    try {
      await api('POST', `accounts/${encodeURIComponent(account)}/sync`, {});
      $('sync-message').textContent = 'Syncing…';
    } catch (e) {
      events.close();
      $('sync-message').textContent = e.message;
    }
  });
}

async function openConfig(account) {
  try {
    const form = await api('GET', `accounts/${encodeURIComponent(account)}/form`);
    state.form = form;
    state.formAccount = account;
    $('config-title').textContent = `${form.schema.title || 'Configure'} — ${account}`;
    $('config-description').textContent = form.schema.description || '';
    renderConfigForm($('config-fields'), form);
    showErrors($('config-fields'), $('config-error'), []);
    $('config-dialog').showModal();
  } catch (e) {
    handleError(e);
  }
}

async function saveConfig(event) {
  event.preventDefault();
  const config = collectConfig($('config-fields'), state.form.schema);
  try {
    const r = await api('POST', `accounts/${encodeURIComponent(state.formAccount)}/config`, { config });
    $('config-dialog').close();
    status(`Saved ${state.formAccount}: ${r.note}`);
  } catch (e) {
    if (e instanceof ApiError && e.body && e.body.errors) showErrors($('config-fields'), $('config-error'), e.body.errors);
    else if (e instanceof ApiError && e.status !== 401) showErrors($('config-fields'), $('config-error'), [{ field: e.field, message: e.message }]);
    else handleError(e);
  }
}

async function connect(account) {
  try {
    const { url } = await api('POST', `accounts/${encodeURIComponent(account)}/authorize`, {});
    status('Opening the seller authorization page…');
    location.assign(url);
  } catch (e) {
    handleError(e);
  }
}

function showLogin() {
  $('nav').hidden = true;
  $('account-picker').hidden = true;
  $('logout').hidden = true;
  show('login-page');
  $('login-token').focus();
}

async function showApp() {
  $('nav').hidden = false;
  $('account-picker').hidden = false;
  $('logout').hidden = false;
  await loadAccounts();
  await route();
}

async function login(event) {
  event.preventDefault();
  $('login-error').textContent = '';
  try {
    const { csrf } = await api('POST', 'login', { token: $('login-token').value });
    $('login-token').value = '';
    setCsrf(csrf);
    await showApp();
  } catch (e) {
    $('login-error').textContent = e.message;
  }
}

function wire() {
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', async () => {
    await api('POST', 'logout', {}).catch(() => {});
    setCsrf('');
    showLogin();
  });
  $('account-select').addEventListener('change', (e) => {
    state.account = e.target.value;
    route();
  });
  $('config-form').addEventListener('submit', saveConfig);
  $('config-cancel').addEventListener('click', () => $('config-dialog').close());
  $('config-connect').addEventListener('click', () => connect(state.formAccount));
  $('sync-now').addEventListener('click', syncNow);
  $('log-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    pages.renderLog(state.account).catch(handleError);
  });
  $('range-form').addEventListener('submit', (e) => {
    e.preventDefault();
    pages.renderDashboards(state.account).catch(handleError);
  });
  window.addEventListener('hashchange', route);
}

async function boot() {
  wire();
  try {
    const { csrf } = await api('GET', 'session');
    setCsrf(csrf);
    await showApp();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) showLogin();
    else status(e.message, true);
  }
}

boot();
