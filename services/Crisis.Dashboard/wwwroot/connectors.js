// Connectors page: the organisation's connectors as GET /api/connectors reports them (docs/connectors.md#operations).
import { api } from './api.js';
import { badge, h, number, poll, problem, show, time, wireActor } from './ui.js';

const list = document.getElementById('connectors');
const errors = document.getElementById('error');
const updated = document.getElementById('updated');

// What each state means to the person reading it.
const STATES = {
  reading: 'reading',
  failing: 'failing: reconnecting on its own',
  silent: 'silent for 10 minutes or more',
};

wireActor();
poll(refresh, 10000);

async function refresh() {
  try {
    const { data } = await api('/api/connectors');
    show(list, data.length ? table(data) : h('p', { class: 'empty' },
      'No connector of your organisation has run yet (Connectors:Instances in the configuration, docs/connectors.md).'));
    show(errors);
    updated.textContent = `Updated ${time(new Date().toISOString())}`;
  } catch (error) {
    show(errors, problem(error));
  }
}

function table(connectors) {
  return h('table', { class: 'connectors' },
    h('thead', {}, h('tr', {}, ['Connector', 'Source', 'State', 'Seen', 'Matched', 'Stored', 'Malformed', 'Errors', 'Reconnects', 'Behind its source', 'Last step', 'Last error']
      .map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, connectors.map((c) => h('tr', { 'data-connector': c.name, class: `state-${c.state}` },
      h('th', { scope: 'row' }, h('code', {}, c.name)),
      h('td', {}, c.source),
      h('td', {}, badge(STATES[c.state] ?? c.state, `connector-${c.state}`), c.failingSince ? ` since ${time(c.failingSince)}` : ''),
      h('td', { class: 'num' }, number(c.seen)),
      h('td', { class: 'num' }, number(c.matched)),
      h('td', { class: 'num' }, number(c.sent)),
      h('td', { class: 'num' }, number(c.malformed)),
      h('td', { class: 'num' }, number(c.errors)),
      h('td', { class: 'num' }, number(c.reconnects)),
      h('td', { class: 'num' }, lag(c.lagSeconds)),
      h('td', {}, time(c.updatedAt)),
      h('td', {}, c.lastError ? h('span', { class: 'user-text', dir: 'auto' }, c.lastError) : '—')))));
}

/** Age of the newest post stored, in the largest units that read well: 45 s, 12 min, 3 h 05 min. */
function lag(seconds) {
  if (seconds == null) return '—';
  const s = Math.round(seconds);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, '0')} min`;
}
