// Small DOM helpers shared by the pages. Text always goes in as text nodes (never innerHTML), so nothing a mention,
// a note or an API answer contains can become markup.
import { api, signedInName, signOut } from './api.js';
import { DIGITS, LANGUAGES, currentLanguage, currentZone, defaultZone, locale, number as localNumber, percent as localPercent, setDigits, setLanguage, setZone, t, tx, when } from './i18n.js';

/** Builds an element: attributes (on* take listeners, booleans toggle), then children (strings become text nodes). */
export function h(tag, attributes = {}, ...children) {
  return build(document.createElement(tag), attributes, children);
}

const SVG = 'http://www.w3.org/2000/svg';

export function s(tag, attributes = {}, ...children) {
  return build(document.createElementNS(SVG, tag), attributes, children);
}

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Text written by the public (mentions, notes, statements): its own direction, whatever the page's. */
export function userText(text, language, tag = 'span') {
  return h(tag, { class: 'user-text', dir: 'auto', lang: isLanguageTag(language) ? language : undefined }, text ?? '');
}

function isLanguageTag(value) {
  return typeof value === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value);
}

/** Replaces a container's content. */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

/** A problem from the API (or any error) as the user reads it, in an alert region. */
export function problem(error) {
  const p = error && error.problem;
  const box = h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, p?.title || t('common.problem')),
    error?.status ? ` (HTTP ${error.status})` : '');
  if (p?.detail) box.append(h('div', {}, p.detail));
  for (const [field, messages] of Object.entries(p?.errors || {})) box.append(h('div', {}, h('code', {}, field), ': ', [].concat(messages).join(', ')));
  if (p?.field && !p?.errors) box.append(h('div', {}, 'Field: ', h('code', {}, p.field)));
  if (!p) box.append(h('div', {}, String(error?.message || error)));
  return box;
}

/** An instant with its date and the reader's time zone (the organisation's default unless they chose another). */
export function time(iso) {
  return when(iso);
}

export function shortTime(iso) {
  const d = new Date(iso);
  return d.toISOString().slice(11, 16);
}

/** A .NET TimeSpan as JSON gives it ("1.02:03:04.5" or "00:12:00") in words. */
export function duration(span) {
  if (span === null || span === undefined) return '—';
  const m = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(String(span));
  if (!m) return String(span);
  const [, minus, days, hours, minutes, seconds] = m;
  const parts = [];
  if (+days) parts.push(`${+days} d`);
  if (+hours) parts.push(`${+hours} h`);
  if (+minutes) parts.push(`${+minutes} min`);
  if (+seconds || parts.length === 0) parts.push(`${+seconds} s`);
  return (minus ? '−' : '') + parts.join(' ');
}

export function percent(share) {
  return localPercent(share);
}

export function number(value) {
  return localNumber(value);
}

/** "incident_stage_advanced" → "Stage advanced". */
export function words(name) {
  const text = String(name).replace(/^incident_/, '').replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind || ''}`.trim() }, text);
}

/** Runs a refresh now and every intervalMs, never two at once, and not while the tab is hidden. */
export function poll(refresh, intervalMs) {
  let running = false;
  const tick = async () => {
    if (running || document.hidden) return;
    running = true;
    try { await refresh(); } finally { running = false; }
  };
  tick();
  setInterval(tick, intervalMs);
  document.addEventListener('visibilitychange', tick);
}

/** The pages the header links, in its order: a new page is one line here (its keys: common.nav.*). */
const PAGES = Object.freeze([
  ['./', 'brands'], ['incidents.html', 'incidents'], ['desk.html', 'desk'], ['replay.html', 'replay'], ['connectors.html', 'connectors'],
]);

/** The header every page shows, built once here: the pages, the language, digits and zone menus, and who is signed in. */
export function wireHeader() {
  const file = location.pathname.split('/').pop();
  const here = file === '' || file === 'index.html' ? './' : file;
  document.body.prepend(h('header', { class: 'top' },
    h('a', { class: 'logo', href: './' }, t('common.appName')),
    h('nav', { 'aria-label': t('common.nav.pages') },
      PAGES.map(([href, key]) => h('a', { href, 'aria-current': href === here ? 'page' : undefined }, t(`common.nav.${key}`)))),
    h('span', { class: 'language', id: 'language' }),
    h('span', { class: 'actor', id: 'actor' })));
  wireActor();
  wireLanguage();
}

/** The header's sign-in line: who the server will record as the actor of your commands, and a way to sign out. */
function wireActor() {
  const slot = document.getElementById('actor');
  if (!slot) return;
  const name = signedInName();
  slot.replaceChildren();
  if (!name) { slot.textContent = t('common.notSignedIn'); return; }
  const who = document.createElement('bdi');
  who.textContent = name;
  const out = document.createElement('button');
  out.type = 'button';
  out.textContent = t('common.signOut');
  out.addEventListener('click', signOut);
  slot.append(...tx('common.signedInAs', { name: who }), ' ', out);
}

/** The header's language menu (and, for Arabic, the digits): the choice is kept in this browser and wins over the token's and the browser's. */
function wireLanguage() {
  const slot = document.getElementById('language');
  if (!slot) return;
  const choose = h('select', { id: 'language-choice', 'aria-label': t('common.language'), onchange: (event) => setLanguage(event.target.value) },
    Object.entries(LANGUAGES).map(([code, { name }]) => h('option', { value: code, lang: code, selected: code === currentLanguage() }, name)));
  const digits = currentLanguage() === 'ar'
    ? h('select', { id: 'digits-choice', 'aria-label': t('common.digits'), onchange: (event) => setDigits(event.target.value) },
      Object.keys(DIGITS).map((system) => h('option', { value: system, selected: locale().endsWith(`-nu-${system}`) },
        t(system === 'arab' ? 'common.digitsArab' : 'common.digitsLatn'))))
    : null;
  const zones = [...new Set([currentZone(), defaultZone(), Intl.DateTimeFormat().resolvedOptions().timeZone, 'UTC'])];
  const zone = h('select', { id: 'zone-choice', 'aria-label': t('common.timeZone'), onchange: (event) => setZone(event.target.value) },
    zones.map((z) => h('option', { value: z, selected: z === currentZone() }, z === defaultZone() ? t('common.zoneDefault', { zone: z }) : z)));
  show(slot, choose, digits, zone);
}

const brandNames = new Map();

/** A brand's registered name, for people (ids stay where machines read); the id when the brand list cannot be read. */
export async function brandName(brandId) {
  if (!brandNames.has(brandId)) {
    try {
      const { data } = await api('/api/brands');
      for (const brand of data) brandNames.set(brand.brandId, brand.name);
    } catch {
      // The incident still shows, named by its brand's id.
    }
    if (!brandNames.has(brandId)) brandNames.set(brandId, brandId);
  }
  return brandNames.get(brandId);
}

/** Serialises a form's named fields, leaving empty ones out. */
export function fields(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value === 'string' && value.trim() !== '') values[name] = value.trim();
  }
  return values;
}
