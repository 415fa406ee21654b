// Replay and what-if page: POST /api/replays and POST /api/what-ifs, and their comparison with live detection.
import { api } from './api.js';
import { bucketFor, chart } from './chart.js';
import { badge, duration, h, number, problem, show, time, wireHeader } from './ui.js';
import { ready } from './i18n.js';

const form = document.getElementById('run');
const result = document.getElementById('result');
const running = document.getElementById('running');
const OPTION_NUMBERS = ['AlertThreshold', 'WatchThreshold', 'CrisisThreshold', 'MinimumVolume'];

await ready();
wireHeader();
prefill();

async function prefill() {
  const query = new URLSearchParams(location.search);
  const to = query.get('to') ? new Date(query.get('to')) : new Date();
  const from = query.get('from') ? new Date(query.get('from')) : new Date(to.getTime() - 6 * 3_600_000);
  form.elements.from.value = local(from);
  form.elements.to.value = local(to);
  try {
    const { data } = await api('/api/brands');
    form.elements.brandId.append(...data.map((b) => h('option', { value: b.brandId, dir: 'auto' }, `${b.name} (${b.brandId})`)));
    if (query.get('brand')) form.elements.brandId.value = query.get('brand');
  } catch (error) {
    show(result, problem(error));
  }
}

/** The form's datetime-local fields hold UTC (as labelled): "2026-11-27T09:00". */
function local(date) {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 16);
}

function instant(value) {
  return `${value.length === 16 ? `${value}:00` : value}Z`;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const whatIf = event.submitter?.value === 'what-if';
  const request = { brandId: form.elements.brandId.value, from: instant(form.elements.from.value), to: instant(form.elements.to.value) };
  if (whatIf) {
    try {
      request.options = options();
    } catch (error) {
      show(result, problem({ problem: { title: 'The other options are not a JSON object', detail: error.message, field: 'options' } }));
      return;
    }
  }
  running.hidden = false;
  for (const button of form.querySelectorAll('button')) button.disabled = true;
  try {
    const { data } = await api(whatIf ? '/api/what-ifs' : '/api/replays', { method: 'POST', body: request });
    const series = await curve(request);
    show(result, whatIf ? whatIfView(data, series) : replayView(data, series));
  } catch (error) {
    show(result, problem(error));
  } finally {
    running.hidden = true;
    for (const button of form.querySelectorAll('button')) button.disabled = false;
  }
});

function options() {
  const more = form.elements.more.value.trim();
  const chosen = more ? JSON.parse(more) : {};
  if (typeof chosen !== 'object' || Array.isArray(chosen) || chosen === null) throw new Error('expected an object such as {"PeakFactor": 0}');
  for (const name of OPTION_NUMBERS) {
    if (form.elements[name].value !== '') chosen[name] = Number(form.elements[name].value);
  }
  if (form.elements.Persistence.value) chosen.Persistence = form.elements.Persistence.value;
  return chosen;
}

async function curve(request) {
  const from = Date.parse(request.from);
  const to = Date.parse(request.to);
  const query = new URLSearchParams({ from: request.from, to: request.to, bucketMinutes: bucketFor(from, to) });
  const { data } = await api(`/api/brands/${encodeURIComponent(request.brandId)}/series?${query}`);
  return data;
}

function replayView(run, series) {
  const pages = run.decisions.filter((d) => d.type === 'BuzzEscalated');
  return h('div', { class: 'replay-result' },
    h('h2', {}, 'Replay of ', h('code', {}, run.brandId), ` from ${time(run.from)} to ${time(run.to)}`),
    h('p', {}, run.reproducesLive ? badge('Reproduces live exactly', 'ok') : badge('Differs from live', 'missed')),
    run.firstDifference ? h('div', { class: 'problem' },
      h('strong', {}, `First difference at event ${run.firstDifference.index}`),
      h('div', {}, 'Live: ', h('code', {}, run.firstDifference.live ?? '(none)')),
      h('div', {}, 'Replayed: ', h('code', {}, run.firstDifference.replayed ?? '(none)'))) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Mentions read'), h('dd', {}, number(run.mentions)),
      h('dt', {}, 'Live buzz events'), h('dd', {}, number(run.liveEvents)),
      h('dt', {}, 'Replayed buzz events'), h('dd', {}, number(run.decisions.length)),
      h('dt', {}, 'Up to store sequence'), h('dd', {}, number(run.upToSequence))),
    chart(series, { markers: pages.map((p) => ({ at: p.bucket, label: `page sev ${p.severity}`, kind: 'page', legend: 'Replayed page' })), title: run.brandId }),
    decisionsTable(run.decisions, 'Same as live'));
}

function whatIfView(data, series) {
  const { replay, report } = data;
  const markers = [
    ...report.livePages.map((p) => ({ at: p.detectedAt, label: 'live page', kind: 'page', legend: 'Live page' })),
    ...report.whatIfPages.map((p) => ({ at: p.detectedAt, label: 'what-if page', kind: 'whatif', legend: 'What-if page' })),
  ];
  return h('div', { class: 'what-if-result' },
    h('h2', {}, 'What-if for ', h('code', {}, replay.brandId), ` from ${time(replay.from)} to ${time(replay.to)}`),
    h('div', { class: 'stats' },
      stat('Live pages', report.livePages.length, 'live-pages'),
      stat('What-if pages', report.whatIfPages.length, 'what-if-pages'),
      stat('Pages that appear', report.appeared.length, 'appeared'),
      stat('Pages that vanish', report.vanished.length, 'vanished'),
      stat('False alarms', report.falseAlarms.length, 'false-alarms')),
    chart(series, { markers, title: replay.brandId }),
    h('h3', {}, 'Time to detect, per episode'),
    report.episodes.length
      ? h('table', { class: 'episodes' },
        h('thead', {}, h('tr', {}, ['Onset', 'End', 'Live episode', 'Live: time to detect', 'What-if episode', 'What-if: time to detect', 'Change']
          .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, report.episodes.map((e) => h('tr', {},
          h('td', {}, time(e.onset)), h('td', {}, e.end ? time(e.end) : 'running'),
          h('td', {}, e.liveEpisode ?? 'none'), h('td', {}, e.liveTimeToDetect ? duration(e.liveTimeToDetect) : 'not paged'),
          h('td', {}, e.whatIfEpisode ?? 'none'), h('td', {}, e.whatIfTimeToDetect ? duration(e.whatIfTimeToDetect) : 'not paged'),
          h('td', {}, change(e))))))
      : h('p', { class: 'empty' }, 'No episode in this window, live or what-if.'),
    pagesTable('Pages that appear', report.appeared, 'appeared'),
    pagesTable('Pages that vanish', report.vanished, 'vanished'),
    pagesTable('False alarms (what-if pages in no episode live paged)', report.falseAlarms, 'false-alarms'),
    h('details', {}, h('summary', {}, `What-if buzz events (${replay.decisions.length})`), decisionsTable(replay.decisions, 'Same as live')));
}

function stat(label, value, key) {
  return h('div', { class: 'stat', 'data-stat': key }, h('span', { class: 'value' }, number(value)), h('span', { class: 'label' }, label));
}

function seconds(span) {
  const m = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(span ?? '');
  return m ? (m[1] ? -1 : 1) * ((+(m[2] ?? 0)) * 86400 + +m[3] * 3600 + +m[4] * 60 + +m[5]) : null;
}

function change(e) {
  const live = seconds(e.liveTimeToDetect);
  const whatIf = seconds(e.whatIfTimeToDetect);
  if (live === null && whatIf === null) return '—';
  if (live === null) return 'paged only in the what-if';
  if (whatIf === null) return 'no longer paged';
  const delta = whatIf - live;
  if (delta === 0) return 'same';
  const minutes = Math.round(Math.abs(delta) / 60);
  return delta < 0 ? `${minutes} min earlier` : `${minutes} min later`;
}

function pagesTable(title, pages, key) {
  return h('section', { class: 'pages', 'data-pages': key },
    h('h3', {}, `${title}: ${pages.length}`),
    pages.length
      ? h('table', {},
        h('thead', {}, h('tr', {}, ['Bucket', 'Kind', 'Severity', 'Detected at', 'Time to detect', 'Episode'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, pages.map((p) => h('tr', {},
          h('td', {}, time(p.bucket)), h('td', {}, p.kind), h('td', { class: 'number' }, p.severity),
          h('td', {}, time(p.detectedAt)), h('td', {}, duration(p.timeToDetect)), h('td', {}, h('code', {}, p.episodeId))))))
      : h('p', { class: 'empty' }, 'None.'));
}

function decisionsTable(decisions, sameLabel) {
  if (!decisions.length) return h('p', { class: 'empty' }, 'No buzz event in this window.');
  return h('table', { class: 'decisions' },
    h('thead', {}, h('tr', {}, ['#', 'Bucket', 'Event', 'Decision', 'Severity', sameLabel].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, decisions.map((d) => h('tr', { class: d.sameAsLive ? '' : 'differs' },
      h('td', { class: 'number' }, d.index), h('td', {}, time(d.bucket)), h('td', {}, d.type), h('td', {}, d.decision),
      h('td', { class: 'number' }, d.severity ?? '—'), h('td', {}, d.sameAsLive ? 'yes' : 'no')))));
}
