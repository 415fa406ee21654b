// The dashboard's one localisation mechanism: every text a page shows comes from a catalogue (locales/{language}.json)
// through t() or tx(), and every number, duration and time is formatted with Intl for the chosen language and zone.
// A new page: `await ready()` once before rendering, then t('page.key', { name }) for text and tx() when a
// placeholder is an element (a link, a name in <bdi>); static HTML may carry data-i18n="key" (text) and
// data-i18n-attr="attribute:key" instead. Adding a language: docs/localisation.md.

const CHOICE_KEY = 'crisis.language';
const DIGITS_KEY = 'crisis.digits';
const ZONE_KEY = 'crisis.timeZone';

/** The languages the dashboard is translated into, with their writing direction. Checked: a catalogue per entry. */
export const LANGUAGES = Object.freeze({
  en: { name: 'English', dir: 'ltr' },
  fr: { name: 'Français', dir: 'ltr' },
  ar: { name: 'العربية', dir: 'rtl' },
});

/** Digits a language may be shown with: Arabic reads either Arabic-Indic (٠١٢) or Latin (012) digits, by preference. */
export const DIGITS = Object.freeze({ arab: '٠١٢٣', latn: '0123' });

let language = 'en';
let digits = null;
let catalogue = {};
let fallback = {};
let readyPromise = null;
let zone = 'UTC';
let organisationZone = 'UTC';

/**
 * The language the page shows: chosen in the page (?lang= or the header's menu), else the token's `locale` claim, else
 * the organisation's language when it chose one (GET /api/display), else the browser's. The organisation's comes before
 * the browser's: a browser's language is often the machine's install default, the organisation's a decision.
 */
export function chooseLanguage({ search = location.search, stored = localStorage.getItem(CHOICE_KEY), claim = tokenClaim('locale'), organisation = null, browser = navigator.languages } = {}) {
  const asked = new URLSearchParams(search).get('lang');
  for (const candidate of [asked, stored, claim, organisation, ...(browser ?? [])]) {
    const code = supported(candidate);
    if (code) return code;
  }
  return 'en';
}

/** "fr-CA" → "fr"; anything not translated (or not a language tag at all) → null. */
export function supported(tag) {
  if (typeof tag !== 'string' || !/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/.test(tag)) return null;
  const primary = tag.slice(0, tag.search(/[-_]|$/)).toLowerCase();
  return Object.hasOwn(LANGUAGES, primary) ? primary : null;
}

/** Loads the catalogue of the chosen language (and English, for keys a newer page added first) and sets lang/dir on the page. */
export function ready() {
  readyPromise ??= (async () => {
    const [english, defaults] = await Promise.all([load('en'), organisationDefaults()]);
    language = chooseLanguage({ organisation: defaults?.language });
    const storedDigits = localStorage.getItem(DIGITS_KEY);
    // The organisation's Arabic with Latin digits (ar-u-nu-latn) sets the digits too, unless the reader chose theirs.
    const organisationDigits = /-nu-(arab|latn)$/.exec(defaults?.language ?? '')?.[1] ?? null;
    digits = Object.hasOwn(DIGITS, storedDigits ?? '') ? storedDigits : organisationDigits;
    fallback = english;
    catalogue = language === 'en' ? fallback : await load(language);
    organisationZone = validZone(defaults?.timeZone) ?? 'UTC';
    zone = chooseZone();
    document.documentElement.lang = language;
    document.documentElement.dir = LANGUAGES[language].dir;
    translateStatic(document);
  })();
  return readyPromise;
}

async function load(code) {
  const response = await fetch(`locales/${code}.json`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`the ${code} texts could not be loaded (HTTP ${response.status})`);
  return response.json();
}

/** The organisation's defaults (GET /api/display); none before sign-in or when the server cannot say. */
async function organisationDefaults() {
  const token = sessionStorage.getItem('crisis.token');
  if (!token) return null;
  try {
    const response = await fetch('/api/display', { headers: { Accept: 'application/json', Authorization: `Bearer ${token}` } });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** The zone times are shown in: the reader's choice, else the token's `zoneinfo` claim, else the organisation's default. */
export function chooseZone({ stored = localStorage.getItem(ZONE_KEY), claim = tokenClaim('zoneinfo'), organisation = organisationZone } = {}) {
  return validZone(stored) ?? validZone(claim) ?? validZone(organisation) ?? 'UTC';
}

/** An IANA zone the browser knows, or null: a stored or claimed value is input like any other. */
export function validZone(candidate) {
  if (typeof candidate !== 'string' || candidate.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: candidate }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function currentZone() {
  return zone;
}

export function defaultZone() {
  return organisationZone;
}

export function setZone(candidate) {
  if (validZone(candidate)) localStorage.setItem(ZONE_KEY, validZone(candidate)); else localStorage.removeItem(ZONE_KEY);
  location.reload();
}

/** An instant as people read it: its date, its time and the zone, in the reader's language ("7 déc. 2026, 14:19 UTC+1"). */
export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale(), {
    // A 24-hour clock everywhere: "02:24" at 3 a.m. must not be read as the afternoon.
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone, timeZoneName: 'short',
  }).format(date);
}

export function currentLanguage() {
  return language;
}

/** The BCP 47 locale Intl formats with: the language, with the chosen digits when the user picked some. */
export function locale() {
  // The browser's regional form of the chosen language when it has one (en-GB writes 7 Dec, en-US Dec 7; fr-CA, ar-DZ).
  const regional = (navigator.languages ?? []).find((tag) => supported(tag) === language && /^[a-z]{2,3}-[A-Za-z]{2}$/.test(tag)) ?? language;
  // Arabic defaults to Arabic-Indic digits, as the server's texts do; the reader may choose Latin ones.
  const chosen = digits ?? (language === 'ar' ? 'arab' : null);
  return chosen ? `${regional}-u-nu-${chosen}` : regional;
}

export function setLanguage(code) {
  if (!supported(code)) return;
  localStorage.setItem(CHOICE_KEY, supported(code));
  // A ?lang= in the address would win over the choice just made: it is dropped.
  const url = new URL(location.href);
  url.searchParams.delete('lang');
  location.assign(url);
}

export function setDigits(system) {
  if (Object.hasOwn(DIGITS, system)) localStorage.setItem(DIGITS_KEY, system); else localStorage.removeItem(DIGITS_KEY);
  location.reload();
}

/**
 * The text of a key, with {placeholders} filled (numbers formatted for the language). A value that is an object holds
 * plural forms (zero, one, two, few, many, other) chosen by params.count. A key missing from the language falls back
 * to English; missing from both, the key is reported as an error and a visible marker shown (a spec catches it).
 */
export function t(key, params = {}) {
  return tx(key, params).map((part) => (part instanceof Node ? part.textContent : part)).join('');
}

/** As t(), but returns parts: a placeholder may be an element (a link, a name), inserted as is, never as markup. */
export function tx(key, params = {}) {
  let template = lookup(catalogue, key) ?? lookup(fallback, key);
  if (template === undefined) {
    console.error(`missing text: ${key}`);
    return [`⟦${key}⟧`];
  }
  if (typeof template === 'object') template = pluralForm(template, params.count);
  const parts = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    parts.push(template.slice(last, match.index));
    const value = params[match[1]];
    parts.push(value === undefined || value === null ? '' : typeof value === 'number' ? number(value) : value);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return parts.filter((part) => part !== '');
}

/**
 * A text recorded in English from a shipped default (the default playbook's stages and checklist), shown in the
 * reader's language: only when the recorded text is still the English default under that key, so an organisation's
 * own wording is never replaced.
 */
export function shipped(key, recorded) {
  const english = lookup(fallback, key);
  return typeof english === 'string' && english === recorded ? t(key) : recorded;
}

/** Whether a key has a text (in the language or in English): pages use it for optional texts, such as enum values. */
export function has(key) {
  return lookup(catalogue, key) !== undefined || lookup(fallback, key) !== undefined;
}

function lookup(texts, key) {
  let value = texts;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = value[part];
  }
  return typeof value === 'string' || (value && typeof value === 'object' && typeof value.other === 'string') ? value : undefined;
}

function pluralForm(forms, count) {
  if (typeof count !== 'number') return forms.other;
  // Arabic has six forms and French counts 0 and 1 as one: the language's own rules decide, not English's.
  if (count === 0 && forms.zero !== undefined) return forms.zero;
  const category = new Intl.PluralRules(language).select(count);
  return forms[category] ?? forms.other;
}

/** Fills elements marked data-i18n="key" (text) and data-i18n-attr="attribute:key;attribute:key" (attributes). */
export function translateStatic(root) {
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of element.dataset.i18nAttr.split(';')) {
      const [attribute, key] = pair.split(':');
      element.setAttribute(attribute.trim(), t(key.trim()));
    }
  }
}

// ---- Numbers and durations ----------------------------------------------------------------------------------

export function number(value, options = {}) {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : new Intl.NumberFormat(locale(), options).format(value);
}

export function percent(share) {
  return share === null || share === undefined ? '—' : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Minutes as people say them: "45 min", "2 h 5 min", "3 d 4 h" (in the language's units and digits). */
export function minutes(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const negative = value < 0;
  let rest = Math.round(Math.abs(value));
  const days = Math.floor(rest / 1440);
  rest -= days * 1440;
  const hours = Math.floor(rest / 60);
  const mins = rest - hours * 60;
  // Units in the language's own form ("30 min" whether the browser says en-GB or en-US), digits as chosen.
  const units = locale().replace(/^([a-z]{2,3})-[A-Za-z]{2}/, '$1');
  const unit = (n, u) => new Intl.NumberFormat(units, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
  const parts = [];
  if (days) parts.push(unit(days, 'day'));
  if (hours) parts.push(unit(hours, 'hour'));
  if ((mins || parts.length === 0) && days === 0) parts.push(unit(mins, 'minute'));
  const text = new Intl.ListFormat(units, { style: 'narrow', type: 'unit' }).format(parts);
  return negative ? `−${text}` : text;
}

/** Claims of the signed-in token (read, not verified: the server verifies it). */
export function tokenClaim(name) {
  const token = sessionStorage.getItem('crisis.token');
  if (!token) return null;
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
    return typeof claims[name] === 'string' ? claims[name] : null;
  } catch {
    return null;
  }
}
