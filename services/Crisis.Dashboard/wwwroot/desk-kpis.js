// The desk's figures (GET /api/desk/kpis, docs/response-desk.md "KPIs") for the conversations of the last 30 days,
// narrowed to the brand and incident the queue is filtered by: the overall cards, and a table per brand, incident,
// language, platform or responder on demand.
import { h, show } from './ui.js';
import { minutes, number, percent, t } from './i18n.js';
import { languageName, outcomeName } from './desk-words.js';

const cards = document.querySelector('#kpis .stats');
const breakdown = document.querySelector('#kpi-breakdown .table');
const dimension = document.getElementById('kpi-dimension');
let last = null;
let names = new Map();

dimension.addEventListener('change', () => drawBreakdown());

export function showKpis(data, brands) {
  last = data;
  names = brands;
  const f = data.report.overall;
  show(cards,
    card('coverage', percent(f.coverage), t('desk.kpi.coverageHint', { count: f.answered + f.handedOver })),
    card('median', minutes(f.medianMinutesToFirstAnswer), t('desk.kpi.p90', { duration: minutes(f.p90MinutesToFirstAnswer) })),
    card('waiting', number(f.waiting), t('desk.kpi.of', { count: f.conversations })),
    card('after24', number(f.unansweredAfter24Hours), t('desk.kpi.after72', { count: f.unansweredAfter72Hours })),
    card('handedOver', number(f.handedOver), outcomes(f.handoverOutcomes)),
    card('noAnswer', number(f.noAnswerNeeded), t('desk.kpi.window', { days: 30 })));
  if (document.getElementById('kpi-breakdown').open) drawBreakdown();
}

function card(name, value, hint) {
  return h('div', { class: 'stat', 'data-kpi': name },
    h('span', { class: 'value' }, value), h('span', { class: 'label' }, t(`desk.kpi.${name}`)), h('span', { class: 'label' }, hint));
}

function outcomes(counts) {
  const parts = Object.entries(counts ?? {}).map(([outcome, n]) => `${outcomeName(outcome)}: ${number(n)}`);
  return parts.length ? parts.join(' · ') : t('common.none');
}

document.getElementById('kpi-breakdown').addEventListener('toggle', () => drawBreakdown());

function drawBreakdown() {
  if (!last) return;
  const by = last.report.by[dimension.value] ?? {};
  const label = (key) => {
    if (dimension.value === 'brand') return names.get(key) ?? key;
    if (dimension.value === 'language') return languageName(key);
    // Conversations nobody answered yet are counted under "nobody" by the API.
    return dimension.value === 'responder' && key === 'nobody' ? t('desk.kpi.nobody') : key;
  };
  const rows = Object.entries(by).sort(([, a], [, b]) => b.conversations - a.conversations);
  show(breakdown, rows.length === 0 ? h('p', { class: 'empty' }, t('desk.kpi.none')) : h('table', {},
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(`desk.kpi.by.${dimension.value}`)), ['conversations', 'coverage', 'median', 'p90', 'waiting', 'after24', 'handedOver']
      .map((column) => h('th', { scope: 'col' }, t(`desk.kpi.column.${column}`))))),
    h('tbody', {}, rows.map(([key, f]) => h('tr', { 'data-key': key },
      h('th', { scope: 'row' }, h('bdi', { dir: 'auto' }, label(key))),
      [number(f.conversations), percent(f.coverage), minutes(f.medianMinutesToFirstAnswer), minutes(f.p90MinutesToFirstAnswer),
        number(f.waiting), number(f.unansweredAfter24Hours), number(f.handedOver)].map((value) => h('td', { class: 'number' }, value)))))));
}
