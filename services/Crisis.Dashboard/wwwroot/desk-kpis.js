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
    card('noAnswer', number(f.noAnswerNeeded), t('desk.kpi.window', { days: 30 })),
    card('negativeShare', negativeShare(f.negativeShare), negativeShareHint(f.negativeShare)));
  if (document.getElementById('kpi-breakdown').open) drawBreakdown();
}

function card(name, value, hint) {
  return h('div', { class: 'stat', 'data-kpi': name },
    h('span', { class: 'value' }, value), h('span', { class: 'label' }, t(`desk.kpi.${name}`)), h('span', { class: 'label' }, hint));
}

/** Before → after the first answer, of the answered threads' posts (docs/response-desk.md "KPIs"); a dash without enough posts. */
function negativeShare(move) {
  // The arrow is the catalogue's: it points from before to after in the page's direction.
  return move?.enoughData ? t('desk.kpi.beforeAfter', { before: percent(move.shareBefore), after: percent(move.shareAfter) }) : '—';
}

function negativeShareHint(move) {
  if (!move) return '';
  return move.enoughData
    ? t('desk.kpi.negativeShareMove', { points: number(Math.round(move.change * 100), { signDisplay: 'exceptZero' }) })
    : t('desk.kpi.notEnoughData', { before: number(move.postsBefore), after: number(move.postsAfter) });
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
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(`desk.kpi.by.${dimension.value}`)), ['conversations', 'coverage', 'median', 'p90', 'waiting', 'after24', 'handedOver', 'negativeShare']
      .map((column) => h('th', { scope: 'col' }, t(`desk.kpi.column.${column}`))))),
    h('tbody', {}, rows.map(([key, f]) => h('tr', { 'data-key': key },
      h('th', { scope: 'row' }, h('bdi', { dir: 'auto' }, label(key))),
      [number(f.conversations), percent(f.coverage), minutes(f.medianMinutesToFirstAnswer), minutes(f.p90MinutesToFirstAnswer),
        number(f.waiting), number(f.unansweredAfter24Hours), number(f.handedOver), negativeShare(f.negativeShare)].map((value) => h('td', { class: 'number' }, value)))))));
}
