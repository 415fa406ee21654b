// Brands page: every registered brand with its live buzz state (GET /api/buzz) and its curve (GET /api/brands/{id}/series).
import { api } from './api.js';
import { bucketFor, chart } from './chart.js';
import { badge, h, number, poll, problem, show, time, userText, wireHeader } from './ui.js';
import { ready, t } from './i18n.js';

const list = document.getElementById('brands');
const errors = document.getElementById('error');
const windowSelect = document.getElementById('window');
const updated = document.getElementById('updated');

await ready();
wireHeader();
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
    show(list, cards.length ? cards : h('p', { class: 'empty' }, t('brands.none')));
    show(errors);
    updated.textContent = t('common.updated', { at: time(new Date().toISOString()) });
  } catch (error) {
    show(errors, problem(error));
  }
}

function card(brand, state, series) {
  const phase = state?.phase ?? 'Unknown';
  const escalation = state?.lastEscalation;
  const markers = [];
  if (state?.onset && state.episodeId) markers.push({ at: state.onset, label: t('chart.onsetShort'), kind: 'onset', legend: t('brands.episodeOnset') });
  if (escalation) markers.push({ at: escalation.detectedAt, label: t('chart.pageShort', { severity: escalation.severity }), kind: 'page', legend: t('brands.lastPage') });
  return h('article', { class: `card phase-${phase.toLowerCase()}`, 'data-brand': brand.brandId },
    h('header', {},
      h('h2', {}, userText(brand.name, undefined, 'bdi'), ' ', h('code', {}, brand.brandId)),
      badge(t(`phase.${phase}`), `phase-${phase.toLowerCase()}`),
      state ? badge(t('brands.severity', { severity: state.severity }), 'severity') : null),
    h('dl', { class: 'facts' },
      h('dt', {}, t('brands.organisation')), h('dd', {}, brand.organisationId),
      h('dt', {}, t('brands.phaseSince')), h('dd', {}, state ? time(state.lastChangedAt) : t('brands.noBucket')),
      h('dt', {}, t('brands.episodes')), h('dd', {}, number(state?.episodes ?? 0)),
      escalation ? [h('dt', {}, t('brands.lastPage')), h('dd', {}, t('brands.lastPageValue', { at: time(escalation.detectedAt), severity: escalation.severity }))] : null,
      state?.lateMentions ? [h('dt', {}, t('brands.lateMentions')), h('dd', {}, number(state.lateMentions))] : null),
    chart(series, { markers, title: brand.name }),
    h('p', {}, h('a', { href: `incidents.html?brand=${encodeURIComponent(brand.brandId)}` }, t('brands.incidents')),
      ' · ', h('a', { href: `replay.html?brand=${encodeURIComponent(brand.brandId)}` }, t('brands.replay'))));
}
