// Replay and what-if page: POST /api/replays and POST /api/what-ifs, and their comparison with live detection.
import { api } from './api.js';
import { bucketFor, chart } from './chart.js';
import { badge, h, number, problem, show, time, wireHeader } from './ui.js';
import { has, minutes, ready, t, tx } from './i18n.js';

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
      show(result, problem({ problem: { title: t('replay.notAnObject'), detail: error.message, field: 'options' } }));
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
  if (typeof chosen !== 'object' || Array.isArray(chosen) || chosen === null) throw new Error(t('replay.expectedObject', { example: '{"PeakFactor": 0}' }));
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
    h('h2', {}, ...tx('replay.replayOf', { brand: h('code', {}, run.brandId), from: time(run.from), to: time(run.to) })),
    h('p', {}, run.reproducesLive ? badge(t('replay.reproduces'), 'ok') : badge(t('replay.differs'), 'missed')),
    // The events themselves, as the store holds them: machine text, left to right.
    run.firstDifference ? h('div', { class: 'problem' },
      h('strong', {}, t('replay.firstDifference', { index: run.firstDifference.index })),
      h('div', {}, t('replay.differenceLive'), h('code', { dir: 'ltr' }, run.firstDifference.live ?? t('replay.nothing'))),
      h('div', {}, t('replay.differenceReplayed'), h('code', { dir: 'ltr' }, run.firstDifference.replayed ?? t('replay.nothing')))) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, t('replay.mentionsRead')), h('dd', {}, number(run.mentions)),
      h('dt', {}, t('replay.liveEvents')), h('dd', {}, number(run.liveEvents)),
      h('dt', {}, t('replay.replayedEvents')), h('dd', {}, number(run.decisions.length)),
      h('dt', {}, t('replay.upToSequence')), h('dd', {}, number(run.upToSequence))),
    chart(series, { markers: pages.map((p) => ({ at: p.bucket, label: t('chart.pageShort', { severity: p.severity }), kind: 'page', legend: t('replay.replayedPage') })), title: run.brandId }),
    decisionsTable(run.decisions));
}

function whatIfView(data, series) {
  const { replay, report } = data;
  const markers = [
    ...report.livePages.map((p) => ({ at: p.detectedAt, label: t('replay.livePageShort'), kind: 'page', legend: t('replay.livePage') })),
    ...report.whatIfPages.map((p) => ({ at: p.detectedAt, label: t('replay.whatIfPageShort'), kind: 'whatif', legend: t('replay.whatIfPage') })),
  ];
  return h('div', { class: 'what-if-result' },
    h('h2', {}, ...tx('replay.whatIfFor', { brand: h('code', {}, replay.brandId), from: time(replay.from), to: time(replay.to) })),
    h('div', { class: 'stats' },
      stat(t('replay.livePages'), report.livePages.length, 'live-pages'),
      stat(t('replay.whatIfPages'), report.whatIfPages.length, 'what-if-pages'),
      stat(t('replay.appeared'), report.appeared.length, 'appeared'),
      stat(t('replay.vanished'), report.vanished.length, 'vanished'),
      stat(t('replay.falseAlarms'), report.falseAlarms.length, 'false-alarms')),
    chart(series, { markers, title: replay.brandId }),
    h('h3', {}, t('replay.perEpisode')),
    report.episodes.length
      ? h('table', { class: 'episodes' },
        h('thead', {}, h('tr', {}, ['onset', 'end', 'liveEpisode', 'liveTime', 'whatIfEpisode', 'whatIfTime', 'change']
          .map((key) => h('th', { scope: 'col' }, t(`replay.${key}`))))),
        h('tbody', {}, report.episodes.map((e) => h('tr', {},
          h('td', {}, time(e.onset)), h('td', {}, e.end ? time(e.end) : t('replay.episodeRunning')),
          h('td', {}, e.liveEpisode ? h('code', {}, e.liveEpisode) : t('replay.noEpisodeId')), h('td', {}, e.liveTimeToDetect ? span(e.liveTimeToDetect) : t('replay.notPaged')),
          h('td', {}, e.whatIfEpisode ? h('code', {}, e.whatIfEpisode) : t('replay.noEpisodeId')), h('td', {}, e.whatIfTimeToDetect ? span(e.whatIfTimeToDetect) : t('replay.notPaged')),
          h('td', {}, change(e))))))
      : h('p', { class: 'empty' }, t('replay.noEpisode')),
    pagesTable(t('replay.appeared'), report.appeared, 'appeared'),
    pagesTable(t('replay.vanished'), report.vanished, 'vanished'),
    pagesTable(t('replay.falseAlarmsTitle'), report.falseAlarms, 'false-alarms'),
    h('details', {}, h('summary', {}, t('replay.whatIfEvents', { count: replay.decisions.length })), decisionsTable(replay.decisions)));
}

function stat(label, value, key) {
  return h('div', { class: 'stat', 'data-stat': key }, h('span', { class: 'value' }, number(value)), h('span', { class: 'label' }, label));
}

function seconds(timeSpan) {
  const m = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(timeSpan ?? '');
  return m ? (m[1] ? -1 : 1) * ((+(m[2] ?? 0)) * 86400 + +m[3] * 3600 + +m[4] * 60 + +m[5]) : null;
}

/** A .NET TimeSpan ("00:12:00") in the reader's units and digits. */
function span(timeSpan) {
  const s = seconds(timeSpan);
  return s === null ? String(timeSpan) : minutes(s / 60);
}

function change(e) {
  const live = seconds(e.liveTimeToDetect);
  const whatIf = seconds(e.whatIfTimeToDetect);
  if (live === null && whatIf === null) return t('common.none');
  if (live === null) return t('replay.onlyWhatIf');
  if (whatIf === null) return t('replay.noLongerPaged');
  const delta = whatIf - live;
  if (delta === 0) return t('replay.same');
  const by = minutes(Math.abs(delta) / 60);
  return delta < 0 ? t('replay.earlier', { duration: by }) : t('replay.later', { duration: by });
}

function pagesTable(title, pages, key) {
  return h('section', { class: 'pages', 'data-pages': key },
    h('h3', {}, t('replay.pagesCount', { title, count: pages.length })),
    pages.length
      ? h('table', {},
        h('thead', {}, h('tr', {}, ['bucket', 'kind', 'severity', 'detectedAt', 'timeToDetect', 'episode'].map((k) => h('th', { scope: 'col' }, t(`replay.${k}`))))),
        h('tbody', {}, pages.map((p) => h('tr', {},
          h('td', {}, time(p.bucket)), h('td', {}, kind(p.kind)), h('td', { class: 'number' }, number(p.severity)),
          h('td', {}, time(p.detectedAt)), h('td', {}, span(p.timeToDetect)), h('td', {}, h('code', {}, p.episodeId))))))
      : h('p', { class: 'empty' }, t('replay.noPages')));
}

function decisionsTable(decisions) {
  if (!decisions.length) return h('p', { class: 'empty' }, t('replay.noDecision'));
  return h('table', { class: 'decisions' },
    h('thead', {}, h('tr', {}, ['#', t('replay.bucket'), t('replay.event'), t('replay.decision'), t('replay.severity'), t('replay.sameAsLive')]
      .map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, decisions.map((d) => h('tr', { class: d.sameAsLive ? '' : 'differs' },
      h('td', { class: 'number' }, number(d.index)), h('td', {}, time(d.bucket)),
      h('td', {}, has(`replay.events.${d.type}`) ? t(`replay.events.${d.type}`) : d.type), h('td', {}, ...decision(d)),
      h('td', { class: 'number' }, d.severity === null || d.severity === undefined ? t('common.none') : number(d.severity)),
      h('td', {}, d.sameAsLive ? t('replay.yes') : t('replay.no'))))));
}

/** What the detector decided, in the reader's words; an event type this page does not know keeps the server's English. */
function decision(d) {
  const facts = d.facts ?? {};
  const phase = (name) => (name && has(`phase.${name}`) ? t(`phase.${name}`) : name ?? '');
  const key = d.type === 'BuzzPhaseChanged' && facts.positive ? 'replay.decisions.positivePhaseChanged' : `replay.decisions.${d.type}`;
  if (!has(key)) return [d.decision];
  return tx(key, {
    from: phase(facts.from), to: phase(facts.to), phase: phase(facts.phase), kind: kind(facts.kind),
    // A campaign's name is the organisation's own words, in their own direction.
    campaign: facts.campaign ? h('bdi', {}, facts.campaign) : '', count: facts.count, severity: d.severity,
  });
}

function kind(name) {
  return name && has(`replay.kinds.${name}`) ? t(`replay.kinds.${name}`) : name ?? '';
}
