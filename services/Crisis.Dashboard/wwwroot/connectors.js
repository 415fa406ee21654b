// Connectors page: the organisation's connectors as GET /api/connectors reports them (docs/connectors.md#operations).
import { api } from './api.js';
import { badge, h, number, poll, problem, show, time, wireHeader } from './ui.js';
import { ready, t } from './i18n.js';

const list = document.getElementById('connectors');
const errors = document.getElementById('error');
const updated = document.getElementById('updated');
const COLUMNS = ['name', 'source', 'state', 'seen', 'matched', 'stored', 'malformed', 'errors', 'reconnects', 'lag', 'lastStep', 'lastError'];
const STATES = ['reading', 'failing', 'silent'];

await ready();
wireHeader();
poll(refresh, 10000);

async function refresh() {
  try {
    const { data } = await api('/api/connectors');
    show(list, data.length ? table(data) : h('p', { class: 'empty' }, t('connectors.none')));
    show(errors);
    updated.textContent = t('common.updated', { at: time(new Date().toISOString()) });
  } catch (error) {
    show(errors, problem(error));
  }
}

function table(connectors) {
  return h('table', { class: 'connectors' },
    h('thead', {}, h('tr', {}, COLUMNS.map((column) => h('th', { scope: 'col' }, t(`connectors.column.${column}`))))),
    h('tbody', {}, connectors.map((c) => h('tr', { 'data-connector': c.name, 'data-state': c.state },
      h('th', { scope: 'row' }, h('code', {}, c.name)),
      h('td', {}, h('code', {}, c.source)),
      h('td', {}, badge(STATES.includes(c.state) ? t(`connectors.state.${c.state}`) : c.state, `connector-${c.state}`),
        c.failingSince ? ` ${t('connectors.failingSince', { at: time(c.failingSince) })}` : ''),
      [c.seen, c.matched, c.sent, c.malformed, c.errors, c.reconnects].map((count) => h('td', { class: 'num' }, number(count))),
      h('td', { class: 'num' }, lag(c.lagSeconds)),
      h('td', {}, time(c.updatedAt)),
      // The source's own words (an HTTP answer, a refused rule): shown as written, in its own direction.
      h('td', {}, c.lastError ? h('span', { class: 'user-text', dir: 'auto' }, c.lastError) : t('common.none'))))));
}

/** Age of the newest post stored, in the largest units that read well: 45 s, 12 min, 3 h 05 min. */
function lag(seconds) {
  if (seconds == null) return t('common.none');
  const s = Math.round(seconds);
  if (s < 120) return t('connectors.seconds', { n: s });
  if (s < 7200) return t('connectors.minutes', { n: Math.round(s / 60) });
  return t('connectors.hours', { h: Math.floor(s / 3600), m: String(Math.round((s % 3600) / 60)).padStart(2, '0') });
}
