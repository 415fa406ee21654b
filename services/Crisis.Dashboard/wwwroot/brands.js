// Brands page: every registered brand with its live buzz state (GET /api/buzz) and its curve (GET /api/brands/{id}/series).
import { api } from './api.js';
import { bucketFor, chart } from './chart.js';
import { badge, h, number, poll, problem, show, time, userText, wireActor, wireLanguage } from './ui.js';
import { ready } from './i18n.js';

const list = document.getElementById('brands');
const errors = document.getElementById('error');
const windowSelect = document.getElementById('window');
const updated = document.getElementById('updated');

await ready();
wireActor();
wireLanguage();
windowSelect.addEventListener('change', () => refresh());
poll(refresh, 5000);

async function refresh() {
  try {
    const [brands, buzz] = await Promise.all([api('/api/brands'), api('/api/buzz')]);
    const states = new Map(buzz.data.map((b) => [b.brandId, b]));
    const minutes = Number(windowSelect.value);
    const to = Date.now();
    const from = to - minutes * 60_000;
    const bucket = bucketFor(from, to);
    const cards = await Promise.all(brands.data.map(async (brand) => {
      const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucketMinutes: bucket });
      const series = await api(`/api/brands/${encodeURIComponent(brand.brandId)}/series?${query}`);
      return card(brand, states.get(brand.brandId), series.data);
    }));
    show(list, cards.length ? cards : h('p', { class: 'empty' }, 'No brand is registered yet (POST /api/brands).'));
    show(errors);
    updated.textContent = `Updated ${time(new Date().toISOString())}`;
  } catch (error) {
    show(errors, problem(error));
  }
}

function card(brand, state, series) {
  const phase = state?.phase ?? 'Unknown';
  const escalation = state?.lastEscalation;
  const markers = [];
  if (state?.onset && state.episodeId) markers.push({ at: state.onset, label: 'onset', kind: 'onset', legend: 'Episode onset' });
  if (escalation) markers.push({ at: escalation.detectedAt, label: `page (sev ${escalation.severity})`, kind: 'page', legend: 'Last page' });
  return h('article', { class: `card phase-${phase.toLowerCase()}`, 'data-brand': brand.brandId },
    h('header', {},
      h('h2', {}, userText(brand.name, undefined, 'bdi'), ' ', h('code', {}, brand.brandId)),
      badge(phase, `phase-${phase.toLowerCase()}`),
      state ? badge(`severity ${state.severity}`, 'severity') : null),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Organisation'), h('dd', {}, brand.organisationId),
      h('dt', {}, 'Phase since'), h('dd', {}, state ? time(state.lastChangedAt) : 'no bucket decided yet'),
      h('dt', {}, 'Episodes'), h('dd', {}, number(state?.episodes ?? 0)),
      escalation ? [h('dt', {}, 'Last page'), h('dd', {}, `${time(escalation.detectedAt)}, severity ${escalation.severity}`)] : null,
      state?.lateMentions ? [h('dt', {}, 'Late mentions'), h('dd', {}, number(state.lateMentions))] : null),
    chart(series, { markers, title: brand.name }),
    h('p', {}, h('a', { href: `incidents.html?brand=${encodeURIComponent(brand.brandId)}` }, 'Incidents of this brand'),
      ' · ', h('a', { href: `replay.html?brand=${encodeURIComponent(brand.brandId)}` }, 'Replay or what-if')));
}
