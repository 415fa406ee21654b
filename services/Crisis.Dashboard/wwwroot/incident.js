// Incident page: summary, KPIs, the responder's actions, playbook progress, the brand curve over the incident and
// its timeline. Every command is sent with If-Match: the version the page shows, so nobody acts on a stale view.
import { api, openDocument } from './api.js';
import { bucketFor, chart } from './chart.js';
import { badge, duration, fields, h, number, percent, poll, problem, show, time, userText, wireActor, words } from './ui.js';

const id = new URLSearchParams(location.search).get('id');
const errors = document.getElementById('error');
const summaryView = document.getElementById('summary');
const actionResult = document.getElementById('action-result');
const kpis = document.getElementById('kpis');
const stagesView = document.querySelector('#playbook .stages');
const timelineView = document.getElementById('timeline');
const chartView = document.getElementById('chart');

/** What the page last read: the summary, its ETag (the If-Match of the next command) and the timeline. */
let current = null;
let chartDrawnAt = 0;

wireActor();
if (!id) {
  show(errors, problem({ problem: { title: 'No incident given', detail: 'Open this page from the incident list (incident.html?id=…).' } }));
} else {
  wireActions();
  poll(() => load(false), 4000);
}

async function load(force) {
  try {
    const summary = await api(`/api/incidents/${encodeURIComponent(id)}`);
    if (!force && current && summary.etag === current.etag) {
      // The incident did not change, but the buzz goes on: the curve is redrawn every few polls.
      if (Date.now() - chartDrawnAt > 15_000) await loadChart();
      return;
    }
    const timeline = await api(`/api/incidents/${encodeURIComponent(id)}/timeline`);
    current = { summary: summary.data, etag: summary.etag, entries: timeline.data.entries };
    render();
    show(errors);
    await loadKpis();
    await loadChart();
  } catch (error) {
    show(errors, problem(error));
  }
}

function render() {
  const { summary, entries } = current;
  const opened = entries.find((e) => e.type === 'incident_opened')?.data ?? {};
  document.title = `${summary.title || summary.incidentId} — Crisis`;
  const roles = new Map();
  for (const e of entries.filter((x) => x.type === 'incident_role_assigned')) roles.set(e.data.role, e.data.assignee);
  const evidence = latestEvidence(entries);
  const status = summary.status.toLowerCase();

  show(summaryView,
    h('h1', {}, userText(summary.title || summary.incidentId)),
    h('p', { class: 'badges' }, badge(summary.status, `status-${status}`), badge(`severity ${summary.severity}`, 'severity'),
      badge(`on-call level ${summary.escalationLevel}`, 'level'), badge(summary.source, 'source')),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Incident'), h('dd', {}, h('code', {}, summary.incidentId)),
      h('dt', {}, 'Brand'), h('dd', {}, h('a', { href: `incidents.html?brand=${encodeURIComponent(summary.brandId)}` }, summary.brandId)),
      opened.onsetAt ? [h('dt', {}, 'Onset'), h('dd', {}, time(opened.onsetAt))] : null,
      h('dt', {}, 'Detected'), h('dd', {}, time(summary.detectedAt)),
      h('dt', {}, 'Opened'), h('dd', {}, time(summary.openedAt)),
      h('dt', {}, 'Acknowledged'), h('dd', { id: 'acknowledged-by' }, summary.acknowledgedBy ? [userText(summary.acknowledgedBy, undefined, 'bdi'), `, ${time(summary.acknowledgedAt)}`] : 'not yet'),
      h('dt', {}, 'Stage'), h('dd', {}, summary.currentStageName ?? '—'),
      h('dt', {}, 'Next deadline'), h('dd', {}, time(summary.nextStageDeadline)),
      summary.resolvedAt ? [h('dt', {}, 'Resolved'), h('dd', {}, time(summary.resolvedAt))] : null,
      summary.closedAt ? [h('dt', {}, 'Closed'), h('dd', {}, time(summary.closedAt))] : null,
      roles.size ? [h('dt', {}, 'Roles'), h('dd', {}, [...roles].map(([role, who]) => h('span', { class: 'role' }, `${words(role)}: `, userText(who))))] : null,
      evidence ? [h('dt', {}, 'Buzz'), h('dd', {}, `${number(evidence.mentions)} mentions (expected ${number(Math.round(evidence.expectedMentions))}), ${percent(evidence.negativeShare)} negative`)] : null,
      h('dt', {}, 'Version'), h('dd', {}, String(summary.version))),
    h('p', { class: 'links' },
      h('a', { href: '#', id: 'report-link', onclick: (event) => { event.preventDefault(); openDocument(`/api/incidents/${encodeURIComponent(summary.incidentId)}/report`); } }, 'Post-mortem report'),
      ' · ', h('a', { href: replayLink(summary, opened) }, 'Replay this window')));

  renderActions(summary);
  renderPlaybook(summary, opened, entries);
  show(timelineView, entries.map((entry) => timelineEntry(entry, opened)));
}

function replayLink(summary, opened) {
  const from = new Date(Date.parse(opened.onsetAt ?? summary.detectedAt) - 3 * 3_600_000);
  const end = Date.parse(summary.closedAt ?? summary.resolvedAt ?? new Date().toISOString());
  const query = new URLSearchParams({ brand: summary.brandId, from: from.toISOString(), to: new Date(Math.min(end + 3_600_000, Date.now())).toISOString() });
  return `replay.html?${query}`;
}

function latestEvidence(entries) {
  const withEvidence = entries.filter((e) => e.data?.evidence && (e.data.evidence.mentions > 0 || e.data.evidence.topNegativePosts?.length));
  return withEvidence.at(-1)?.data.evidence ?? null;
}

// ---- Actions -------------------------------------------------------------------------------------------------

/** Builds each action's body from its form; the path is /api/incidents/{id}/{action}. */
const bodies = {
  acknowledge: () => ({}),
  monitor: () => ({}),
  advance: (v) => ({ toStageId: v.toStageId }),
  assign: (v) => ({ role: v.role, assignee: v.assignee }),
  responses: (v) => ({ channel: v.channel, url: v.url, language: v.language, text: v.text, publishedAt: utc(v.publishedAt) }),
  notes: (v) => ({ noteId: crypto.randomUUID(), text: v.text }),
  escalate: (v) => ({ toLevel: Number(v.toLevel), reason: v.reason }),
  resolve: (v) => ({ resolution: v.resolution }),
  close: (v) => ({ postMortem: v.postMortem }),
  reopen: (v) => ({ reason: v.reason }),
};

/** A datetime-local value read as UTC, as the label says. */
function utc(local) {
  return local ? `${local.length === 16 ? `${local}:00` : local}Z` : undefined;
}

function wireActions() {
  for (const button of document.querySelectorAll('#actions button[data-action]')) {
    button.addEventListener('click', () => act(button.dataset.action, {}, button));
  }
  for (const form of document.querySelectorAll('#actions form[data-action]')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (await act(form.dataset.action, fields(form), form.querySelector('button'))) form.reset();
    });
  }
  const publishedAt = document.querySelector('[name=publishedAt]');
  publishedAt.value = new Date().toISOString().slice(0, 16);
}

/** Sends one command with the version the page shows; on a refusal shows the API's problem and reloads the incident. */
async function act(action, values, button, body = bodies[action](values)) {
  if (!current) return false;
  if (button) button.disabled = true;
  try {
    const { data } = await api(`/api/incidents/${encodeURIComponent(id)}/${action}`, { method: 'POST', body, ifMatch: current.etag });
    show(actionResult, h('p', { class: 'ok', role: 'status' },
      data.recorded.length ? `Recorded: ${data.recorded.map(words).join(', ')}.` : 'Nothing to record: this was already done.'));
    return true;
  } catch (error) {
    show(actionResult, problem(error));
    return false;
  } finally {
    if (button) button.disabled = false;
    await load(true);
  }
}

function renderActions(summary) {
  const status = summary.status;
  const closed = status === 'Closed';
  document.getElementById('acknowledge').disabled = status !== 'Opened';
  document.getElementById('monitor').disabled = status !== 'Acknowledged';
  document.getElementById('resolve').disabled = !(status === 'Acknowledged' || status === 'Monitoring');
  document.getElementById('close').disabled = status !== 'Resolved';
  document.getElementById('reopen').disabled = status !== 'Resolved';
  for (const form of document.querySelectorAll('#actions form[data-action]:not([data-action=resolve]):not([data-action=close]):not([data-action=reopen])')) {
    form.querySelector('button').disabled = closed;
  }
  const select = document.querySelector('form[data-action=advance] select');
  const later = summary.stages.slice(summary.currentStageIndex + 1);
  const chosen = select.value;
  select.replaceChildren(...later.map((s) => h('option', { value: s.stageId }, s.name)));
  if (later.some((s) => s.stageId === chosen)) select.value = chosen;
  document.querySelector('form[data-action=advance] button').disabled = later.length === 0 || status !== 'Acknowledged';
}

// ---- Playbook ------------------------------------------------------------------------------------------------

function renderPlaybook(summary, opened, entries) {
  const ticks = new Map();
  for (const e of entries.filter((x) => x.type === 'incident_checklist_item_ticked')) ticks.set(`${e.data.stageId}/${e.data.itemId}`, e.data);
  const locked = summary.status === 'Resolved' || summary.status === 'Closed';
  show(stagesView, (opened.stages ?? []).map((stage, index) => {
    const state = index < summary.currentStageIndex ? 'done' : index === summary.currentStageIndex ? 'current' : 'upcoming';
    const missed = summary.missedStageIds.includes(stage.stageId);
    const done = stage.checklist.filter((item) => ticks.has(`${stage.stageId}/${item.id}`)).length;
    return h('li', { class: `stage ${state}${missed ? ' missed' : ''}`, 'data-stage': stage.stageId },
      h('h3', {}, stage.name, ' ', badge(state, state), missed ? badge('deadline missed', 'missed') : null),
      h('p', { class: 'muted' }, `Due ${time(stage.deadline)} · ${done}/${stage.checklist.length} done`),
      h('progress', { max: stage.checklist.length || 1, value: done }),
      h('p', { class: 'guidance' }, stage.guidance),
      h('ul', { class: 'checklist' }, stage.checklist.map((item) => {
        const tick = ticks.get(`${stage.stageId}/${item.id}`);
        const box = h('input', { type: 'checkbox', checked: !!tick, disabled: !!tick || locked, 'data-item': `${stage.stageId}/${item.id}` });
        box.addEventListener('change', () => act('checklist', {}, box, { stageId: stage.stageId, itemId: item.id }));
        return h('li', { class: tick ? 'ticked' : '' },
          h('label', {}, box, ' ', item.text),
          item.warning ? h('p', { class: 'warning' }, '⚠ ', item.warning) : null,
          tick ? h('p', { class: 'muted' }, `Ticked by ${tick.tickedBy}, ${time(tick.tickedAt)}`) : null);
      })));
  }));
}

// ---- Timeline ------------------------------------------------------------------------------------------------

const NOT_WHEN = new Set(['onsetAt', 'detectedAt', 'publishedAt']);

function timelineEntry(entry, opened) {
  const d = entry.data ?? {};
  const whenKey = Object.keys(d).filter((k) => k.endsWith('At') && !NOT_WHEN.has(k)).at(-1) ?? 'detectedAt';
  const actor = Object.keys(d).filter((k) => k.endsWith('By')).map((k) => d[k]).at(-1);
  return h('li', { class: `entry ${entry.type}`, 'data-version': entry.version },
    h('div', { class: 'when' }, time(d[whenKey])),
    h('div', { class: 'what' },
      h('strong', {}, words(entry.type)), actor ? h('span', { class: 'muted' }, ' by ', userText(actor, undefined, 'bdi')) : null,
      details(entry.type, d, opened)));
}

function stageName(opened, stageId) {
  return opened.stages?.find((s) => s.stageId === stageId)?.name ?? stageId;
}

function itemText(opened, stageId, itemId) {
  return opened.stages?.find((s) => s.stageId === stageId)?.checklist.find((i) => i.id === itemId)?.text ?? itemId;
}

function details(type, d, opened) {
  switch (type) {
    case 'incident_opened':
      return [h('p', {}, `${d.source === 'Buzz' ? 'Opened from the detector\'s page' : 'Opened by hand'}, severity ${d.severity}.`,
        d.previousIncidentId ? [' Follows ', h('a', { href: `incident.html?id=${encodeURIComponent(d.previousIncidentId)}` }, d.previousIncidentId), '.'] : null),
      evidenceView(d.evidence)];
    case 'buzz_escalation_recorded':
      return [h('p', {}, `The detector paged again: severity ${d.severity}, detected ${time(d.detectedAt)}.`), evidenceView(d.evidence)];
    case 'incident_escalated':
      return h('p', {}, `Raised to on-call level ${d.level}: `, userText(d.reason));
    case 'incident_role_assigned':
      return h('p', {}, `${words(d.role)}: `, userText(d.assignee));
    case 'incident_note_added':
      return userText(d.text, undefined, 'p');
    case 'incident_decision_recorded':
      return [userText(d.decision, undefined, 'p'), d.rationale ? h('p', { class: 'muted' }, 'Why: ', userText(d.rationale)) : null];
    case 'incident_stage_advanced':
      return h('p', {}, `${stageName(opened, d.fromStageId)} → ${stageName(opened, d.toStageId)}`,
        d.untickedItems?.length ? h('span', { class: 'warning' }, ` (left unticked: ${d.untickedItems.map((i) => itemText(opened, d.fromStageId, i)).join('; ')})`) : null);
    case 'incident_checklist_item_ticked':
      return h('p', {}, `${stageName(opened, d.stageId)}: ${itemText(opened, d.stageId, d.itemId)}`);
    case 'incident_public_response_recorded':
      return [h('p', {}, `On ${d.channel}, published ${time(d.publishedAt)}: `, h('a', { href: d.url, rel: 'noopener noreferrer', target: '_blank' }, d.url)),
        userText(d.text, d.language, 'blockquote')];
    case 'incident_content_removal_recorded':
      return [h('p', {}, `Removed on ${d.channel}: `, h('a', { href: d.url, rel: 'noopener noreferrer', target: '_blank' }, d.url), ' — ', userText(d.reason)),
        d.warning ? h('p', { class: 'warning' }, '⚠ ', d.warning) : null];
    case 'incident_monitoring_started':
      return d.skippedStageIds?.length ? h('p', {}, `Stages skipped: ${d.skippedStageIds.map((s) => stageName(opened, s)).join(', ')}`) : null;
    case 'incident_resolved':
      return userText(d.resolution, undefined, 'p');
    case 'incident_closed':
      return h('p', {}, 'Post-mortem: ', userText(d.postMortem));
    case 'incident_reopened':
      return h('p', {}, 'Reason: ', userText(d.reason));
    case 'incident_stage_deadline_missed':
      return h('p', { class: 'warning' }, `${stageName(opened, d.stageId)} was due ${time(d.deadline)}.`);
    case 'incident_notification_sent':
    case 'incident_notification_failed':
    case 'incident_notification_suppressed':
      return h('p', {}, `${words(d.delivery.kind)} to ${d.delivery.recipient} over ${d.delivery.endpoint} (level ${d.delivery.level}, attempt ${d.delivery.attempt})`,
        d.reason || d.why ? [': ', d.reason || d.why] : null);
    default:
      return null;
  }
}

function evidenceView(evidence) {
  if (!evidence || (!evidence.mentions && !evidence.topNegativePosts?.length)) return null;
  const languages = Object.entries(evidence.languages ?? {}).sort((a, b) => b[1] - a[1]);
  return h('div', { class: 'evidence' },
    h('p', {}, `${number(evidence.mentions)} mentions against ${number(Math.round(evidence.expectedMentions))} expected, ${percent(evidence.negativeShare)} negative.`,
      languages.length ? ` Languages: ${languages.map(([l, n]) => `${l} ${number(n)}`).join(', ')}.` : null),
    evidence.topTerms?.length ? h('p', {}, 'Top terms: ', evidence.topTerms.map((t) => [userText(t, undefined, 'bdi'), ' '])) : null,
    evidence.topNegativePosts?.length ? h('ol', { class: 'posts' }, evidence.topNegativePosts.map((post) =>
      h('li', { class: 'post', 'data-post': `${post.platform}:${post.postId}` },
        userText(post.excerpt, post.language, 'blockquote'),
        h('p', { class: 'muted' }, userText(post.author, undefined, 'bdi'), ` · ${number(post.followers)} followers · ${post.platform} · ${post.language}`)))) : null);
}

// ---- KPIs and chart ------------------------------------------------------------------------------------------

/** The KPI endpoint is optional: the panel shows only when it answers 200; its fields are listed as they come. */
async function loadKpis() {
  let data;
  try {
    ({ data } = await api(`/api/incidents/${encodeURIComponent(id)}/kpis`));
  } catch {
    kpis.hidden = true;
    return;
  }
  if (!data || typeof data !== 'object') { kpis.hidden = true; return; }
  const rows = [];
  flatten(data, '', rows);
  show(kpis.querySelector('.content'), h('table', { class: 'kpis' }, h('tbody', {}, rows.map(([key, value]) =>
    // A value may be text people wrote (a response's text): it keeps its own direction.
    h('tr', {}, h('th', { scope: 'row' }, key), h('td', {}, userText(value)))))));
  kpis.hidden = false;
}

function flatten(value, path, rows) {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) rows.push([path, value.map(scalar).join(', ') || '—']);
    else value.forEach((v, i) => flatten(v, `${path}[${i}]`, rows));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) flatten(v, path ? `${path}.${key}` : key, rows);
  } else {
    rows.push([path, scalar(value)]);
  }
}

function scalar(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && /^-?(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) return duration(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return time(value);
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Math.round(value * 100) / 100);
  return String(value);
}

/** The brand's curve from two hours before the onset to the end of the incident, with what happened marked on it. */
async function loadChart() {
  const { summary, entries } = current;
  const opened = entries.find((e) => e.type === 'incident_opened')?.data ?? {};
  const start = Date.parse(opened.onsetAt ?? summary.detectedAt) - 2 * 3_600_000;
  const end = Math.min(Date.parse(summary.closedAt ?? summary.resolvedAt ?? new Date().toISOString()) + 30 * 60_000, Date.now());
  const to = Math.max(end, start + 3_600_000);
  const markers = [];
  if (opened.onsetAt) markers.push({ at: opened.onsetAt, label: 'onset', kind: 'onset', legend: 'Onset' });
  markers.push({ at: summary.detectedAt, label: 'detected', kind: 'detected', legend: 'Detected' });
  for (const e of entries) {
    if (e.type === 'buzz_escalation_recorded') markers.push({ at: e.data.detectedAt, label: `page sev ${e.data.severity}`, kind: 'page', legend: 'Later page' });
    if (e.type === 'incident_acknowledged') markers.push({ at: e.data.acknowledgedAt, label: 'ack', kind: 'acknowledged', legend: 'Acknowledged' });
    if (e.type === 'incident_public_response_recorded') markers.push({ at: e.data.publishedAt, label: `response (${e.data.channel})`, kind: 'response', legend: 'Public response' });
    if (e.type === 'incident_resolved') markers.push({ at: e.data.resolvedAt, label: 'resolved', kind: 'resolved', legend: 'Resolved' });
  }
  try {
    const query = new URLSearchParams({ from: new Date(start).toISOString(), to: new Date(to).toISOString(), bucketMinutes: bucketFor(start, to) });
    const { data } = await api(`/api/brands/${encodeURIComponent(summary.brandId)}/series?${query}`);
    show(chartView, chart(data, { markers, title: summary.brandId }));
    chartDrawnAt = Date.now();
  } catch (error) {
    show(chartView, problem(error));
  }
}
