// Incidents page: GET /api/incidents (filtered by brand and status), refreshed every 3 seconds, and a form to open
// an incident by hand (POST /api/incidents).
import { api } from './api.js';
import { badge, fields, h, poll, problem, show, time, userText, wireHeader } from './ui.js';
import { ready, t } from './i18n.js';
import { titleOf } from './incident-story.js';

const rows = document.getElementById('incidents');
const errors = document.getElementById('error');
const filters = document.getElementById('filters');
const updated = document.getElementById('updated');
const openForm = document.getElementById('open');
const seen = new Set();
/** Brand ids to registered names: people read names, the filter sends ids. */
const names = new Map();
let firstLoad = true;

await ready();
wireHeader();
const wanted = new URLSearchParams(location.search).get('brand');
loadBrands().then(() => poll(refresh, 3000));
filters.addEventListener('change', () => refresh());

async function loadBrands() {
  try {
    const { data } = await api('/api/brands');
    for (const brand of data) names.set(brand.brandId, brand.name);
    const options = () => data.map((b) => h('option', { value: b.brandId, dir: 'auto' }, `${b.name} (${b.brandId})`));
    document.getElementById('brand-filter').append(...options());
    document.getElementById('open-brand').append(...options());
    if (wanted) filters.elements.brandId.value = wanted;
  } catch (error) {
    show(errors, problem(error));
  }
}

async function refresh() {
  try {
    const query = new URLSearchParams(fields(filters));
    const { data } = await api(`/api/incidents${query.size ? `?${query}` : ''}`);
    show(rows, data.length ? data.map(row) : h('tr', {}, h('td', { colspan: 8, class: 'empty' }, t('incidents.none'))));
    for (const incident of data) seen.add(incident.incidentId);
    firstLoad = false;
    show(errors);
    updated.textContent = t('common.updated', { at: time(new Date().toISOString()) });
  } catch (error) {
    show(errors, problem(error));
  }
}

function row(incident) {
  // An incident that arrived while the page was open is highlighted until the next reload.
  const fresh = !firstLoad && !seen.has(incident.incidentId);
  return h('tr', { class: `status-${incident.status.toLowerCase()}${fresh ? ' fresh' : ''}`, 'data-incident': incident.incidentId },
    h('td', {}, h('a', { href: `incident.html?id=${encodeURIComponent(incident.incidentId)}` }, userText(titleOf(incident, names.get(incident.brandId) ?? incident.brandId, t)))),
    h('td', {}, userText(names.get(incident.brandId) ?? incident.brandId, undefined, 'bdi')),
    h('td', {}, badge(t(`statusName.${incident.status}`), `status-${incident.status.toLowerCase()}`)),
    h('td', { class: 'number' }, incident.severity),
    h('td', { class: 'number' }, incident.escalationLevel),
    h('td', {}, incident.currentStageName ?? '—', incident.missedStageIds?.length ? badge(t('incidents.missed', { count: incident.missedStageIds.length }), 'missed') : null),
    h('td', {}, time(incident.detectedAt)),
    h('td', {}, incident.acknowledgedBy ? [userText(incident.acknowledgedBy, undefined, 'bdi'), `, ${time(incident.acknowledgedAt)}`] : '—'));
}

openForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = openForm.querySelector('.result');
  const values = fields(openForm);
  try {
    const { data } = await api('/api/incidents', { method: 'POST', body: { ...values, severity: Number(values.severity) } });
    location.href = `incident.html?id=${encodeURIComponent(data.incidentId)}`;
  } catch (error) {
    show(result, problem(error));
  }
});
