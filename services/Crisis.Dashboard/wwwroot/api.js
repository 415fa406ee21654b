// Every call the dashboard makes to the Crisis API goes through api(): the one place that knows how to
// authenticate (a bearer token from sessionStorage; the server takes who acts from it),
// which version a command was decided on (If-Match) and how the API reports problems (problem+json).

import { t } from './i18n.js';

const TOKEN_KEY = 'crisis.token';

/** A refused or failed call, carrying the API's problem+json (title, detail, field, errors). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  const parts = [problem.title || `HTTP ${status}`];
  if (problem.detail) parts.push(problem.detail);
  for (const [field, messages] of Object.entries(problem.errors || {})) {
    parts.push(`${field}: ${[].concat(messages).join(', ')}`);
  }
  if (problem.field && !problem.errors) parts.push(`(field: ${problem.field})`);
  return parts.join(' — ');
}

/**
 * Calls the API. Resolves to { data, etag, status } on 2xx; rejects with an ApiError otherwise (status 0 when the
 * server cannot be reached). On 401 it also opens the sign-in box, so the user can paste a token and retry.
 */
export async function api(path, { method = 'GET', body, ifMatch, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch) headers['If-Match'] = ifMatch;

  let response;
  try {
    response = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, { title: t('common.unreachable'), detail: error.message });
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = text; }
  }
  if (response.status === 401) showSignIn();
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : { title: response.statusText || `HTTP ${response.status}`, detail: text };
    throw new ApiError(response.status, problem);
  }
  return { data, etag: response.headers.get('ETag'), status: response.status };
}

/**
 * Who the server will record as the actor: the name in the signed-in token (read, not verified: the server verifies
 * it on every call). Empty when no token is set.
 */
export function signedInName() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return '';
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
    return claims.name || claims.unique_name || claims.sub || '';
  } catch {
    return '';
  }
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  location.reload();
}

/**
 * Opens an HTML document of the API (the post-mortem report) in a new tab. A plain link would carry no token, so it
 * is fetched with the token and shown from a blob URL; the page is self-contained (inline CSS and SVG).
 */
export async function openDocument(path) {
  const tab = window.open('', '_blank');
  const headers = { Accept: 'text/html' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { headers });
  if (response.status === 401) { tab?.close(); showSignIn(); return; }
  const blob = new Blob([await response.text()], { type: response.ok ? 'text/html' : 'text/plain' });
  const url = URL.createObjectURL(blob);
  if (tab) tab.location = url; else location.assign(url);
}

/** The small box shown on a 401: a token pasted here is kept for this tab only (sessionStorage) and the page reloads. */
function showSignIn() {
  if (document.getElementById('sign-in')) return;
  const dialog = document.createElement('dialog');
  dialog.id = 'sign-in';
  const form = document.createElement('form');
  form.method = 'dialog';
  const title = document.createElement('h2');
  title.textContent = t('common.signIn.title');
  const hint = document.createElement('p');
  hint.textContent = sessionStorage.getItem(TOKEN_KEY)
    ? t('common.signIn.refused')
    : t('common.signIn.asked');
  const label = document.createElement('label');
  label.textContent = t('common.signIn.token');
  const input = document.createElement('textarea');
  input.name = 'token';
  input.rows = 4;
  input.required = true;
  input.autocomplete = 'off';
  label.append(input);
  const submit = document.createElement('button');
  submit.textContent = t('common.signIn.submit');
  submit.value = 'sign-in';
  const cancel = document.createElement('button');
  cancel.textContent = t('common.signIn.cancel');
  cancel.value = 'cancel';
  cancel.formNoValidate = true;
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  buttons.append(submit, cancel);
  form.append(title, hint, label, buttons);
  dialog.append(form);
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'sign-in' && input.value.trim()) {
      sessionStorage.setItem(TOKEN_KEY, input.value.trim().replace(/^Bearer\s+/i, ''));
      location.reload();
    }
    dialog.remove();
  });
  document.body.append(dialog);
  dialog.showModal();
}
