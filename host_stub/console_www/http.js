// The console's JSON API. The session cookie is HttpOnly (the page never sees it); the CSRF token
// from /console/api/session goes back in X-CSRF-Token with every request that changes something.
let csrf = '';

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.field = e.field || '';
  }
}

export function setCsrf(token) {
  csrf = token || '';
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = csrf;
  }
  const response = await fetch(`/console/api/${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

// A capability of the account's plugin, through the host's session.
export function call(account, capability, request = {}) {
  return api('POST', `accounts/${encodeURIComponent(account)}/call/${capability}`, { request });
}
