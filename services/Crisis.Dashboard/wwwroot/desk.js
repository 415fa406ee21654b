// Response desk page (docs/response-desk.md): the queue (GET /api/desk/queue, in the API's priority order), the chosen
// conversation's thread and the commands on it, and the desk's KPIs. The queue and the conversation are polled every
// 5 seconds, like the incidents page: new posts, claims and answers of other responders show without a reload.
import { api } from './api.js';
import { badge, fields, h, poll, problem, show, time, userText, wireHeader } from './ui.js';
import { minutes, ready, t } from './i18n.js';
import { titleOf } from './incident-story.js';
import { DESK_LANGUAGES, languageName, reasonBadges } from './desk-words.js';
import { showConversation } from './desk-thread.js';
import { wireActions } from './desk-actions.js';
import { showKpis } from './desk-kpis.js';

const queue = document.getElementById('queue');
const errors = document.getElementById('error');
const filters = document.getElementById('filters');
const updated = document.getElementById('updated');
const platforms = new Set(['x', 'facebook', 'instagram', 'youtube', 'mastodon', 'bluesky', 'rss']);
/** Brand ids to registered names: people read names, the filters and the API use ids. */
const brands = new Map();
let selected = new URLSearchParams(location.search).get('c');
/** The KPIs read a month of conversations on the server: once a minute is enough, and at once when the filters change. */
const KPI_EVERY_MS = 60_000;
let kpisRead = { at: 0, query: null };

await ready();
wireHeader();
await loadChoices();
// A command refreshes at once, KPIs included: the responder sees what it changed without waiting for the next poll.
wireActions(() => selected, () => { kpisRead.at = 0; return refresh(); });
filters.addEventListener('change', () => refresh());
filters.addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
poll(refresh, 5000);

async function loadChoices() {
  document.getElementById('language-filter').append(...DESK_LANGUAGES.map((code) => h('option', { value: code }, languageName(code))));
  const asked = new URLSearchParams(location.search);
  try {
    const [brandList, incidents] = await Promise.all([api('/api/brands'), api('/api/incidents')]);
    for (const brand of brandList.data) brands.set(brand.brandId, brand.name);
    document.getElementById('brand-filter').append(...brandList.data.map((b) => h('option', { value: b.brandId, dir: 'auto' }, `${b.name} (${b.brandId})`)));
    document.getElementById('incident-filter').append(...incidents.data.map((i) =>
      h('option', { value: i.incidentId, dir: 'auto' }, `${titleOf(i, brands.get(i.brandId) ?? i.brandId, t)} (${t(`statusName.${i.status}`)})`)));
  } catch (error) {
    show(errors, problem(error));
  }
  // Links from other pages (a brand card, an incident) open the desk already narrowed to it.
  if (asked.get('brand')) filters.elements.brandId.value = asked.get('brand');
  if (asked.get('incident')) filters.elements.incidentId.value = asked.get('incident');
}

async function refresh() {
  try {
    const query = new URLSearchParams(fields(filters));
    const kpiQuery = new URLSearchParams(Object.entries(fields(filters)).filter(([name]) => name === 'brandId' || name === 'incidentId')).toString();
    const kpisDue = kpisRead.query !== kpiQuery || Date.now() - kpisRead.at >= KPI_EVERY_MS;
    const [page, kpis] = await Promise.all([api(`/api/desk/queue?${query}`), kpisDue ? api(`/api/desk/kpis?${kpiQuery}`) : null]);
    show(queue, page.data.conversations.length ? page.data.conversations.map(row) : h('li', { class: 'empty' }, t('desk.empty')));
    for (const c of page.data.conversations) platforms.add(c.platform);
    show(document.getElementById('platforms'), [...platforms].map((p) => h('option', { value: p })));
    if (kpis) {
      showKpis(kpis.data, brands);
      kpisRead = { at: Date.now(), query: kpiQuery };
    }
    if (selected) await showConversation(selected, brands);
    show(errors);
    updated.textContent = t('common.updated', { at: time(new Date().toISOString()) });
  } catch (error) {
    show(errors, problem(error));
  }
}

function row(c) {
  const open = () => select(c.conversationId);
  // The row is named by what the person last wrote; the API adds the handle of who started the conversation for those who
  // answer people (responders and up), not for viewers, who see who it is in the thread.
  // Past the first-answer target: recorded (the owner and the lead were warned), or due and not yet seen by the server's round.
  const overdue = c.breached || (c.answerDueAt != null && Date.parse(c.answerDueAt) <= Date.now());
  return h('li', { class: `queue-item${c.conversationId === selected ? ' selected' : ''}${overdue ? ' overdue' : ''}`, 'data-conversation': c.conversationId,
    'data-breached': c.breached ? 'true' : undefined },
    h('p', {},
      c.priority == null ? null : h('span', { class: 'priority', title: t('desk.priorityHint') }, t('desk.priority', { points: c.priority })),
      overdue ? badge(c.breached ? t('desk.breached') : t('desk.overdue'), 'missed breach') : null,
      c.claimedBy ? badge(t('desk.claimedShort', { name: c.claimedBy }), 'current') : null,
      reasonBadges(c.reasons)),
    h('button', { type: 'button', class: 'link', onclick: open, 'aria-current': c.conversationId === selected ? 'true' : undefined },
      c.latestText ? userText(c.latestText) : t('desk.noText')),
    c.authorHandle ? h('p', { class: 'author' }, userText(c.authorHandle, undefined, 'bdi')) : null,
    h('p', { class: 'meta muted' },
      [brands.get(c.brandId) ?? c.brandId, c.platform, languageName(c.language), t('desk.followers', { count: c.followers }),
        c.waitingMinutes == null ? t(`desk.status.${c.status}`) : t('desk.waiting', { duration: minutes(c.waitingMinutes) }),
        c.answerDueAt == null || overdue ? null : t('desk.dueBy', { time: time(c.answerDueAt) }),
        t('desk.posts', { count: c.posts })].filter((part) => part != null).join(' · ')));
}

function select(id) {
  selected = id;
  const url = new URL(location.href);
  url.searchParams.set('c', id);
  history.replaceState(null, '', url);
  for (const item of queue.querySelectorAll('.queue-item')) item.classList.toggle('selected', item.dataset.conversation === id);
  showConversation(id, brands).catch((error) => show(errors, problem(error)));
}
