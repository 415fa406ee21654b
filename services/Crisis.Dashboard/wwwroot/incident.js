// Incident page, for the people working it: one sentence saying what is happening, since when and who has it; the key
// figures against their targets; what the playbook asks next with a countdown; then the actions, the playbook, the
// curve and a timeline of what people and the detector did (delivery machinery folded away, shown on demand).
// Every command is sent with If-Match: the version the page shows, so nobody acts on a stale view.
import { api, openDocument } from './api.js';
import { bucketFor, chart } from './chart.js';
import { currentZone, has, locale, minutes, number, percent, ready, shipped, t, tx } from './i18n.js';
import { badge, brandName, fields, h, poll, problem, show, time, userText, wireHeader } from './ui.js';
import { foldTimeline, ownerOf, recipientsPaged, titleOf } from './incident-story.js';

/** The detector's promise: a buzz is paged within 10 minutes of its onset (README, detection figures). */
const DETECT_TARGET_MINUTES = 10;

const id = new URLSearchParams(location.search).get('id');
const errors = document.getElementById('error');
const summaryView = document.getElementById('summary');
const actionResult = document.getElementById('action-result');
const figures = document.getElementById('figures');
const dueView = document.querySelector('#due-next .content');
const stagesView = document.querySelector('#playbook .stages');
const timelineView = document.getElementById('timeline');
const chartView = document.getElementById('chart');
const machinery = document.getElementById('show-machinery');

/** What the page last read: the summary, its ETag (the If-Match of the next command), the timeline and the brand's name. */
let current = null;
let kpis = null;
let chartDrawnAt = 0;

await ready();
wireHeader();
machinery.addEventListener('change', openMachinery);
// Countdowns and "how long ago" move with the wall clock between polls.
setInterval(tick, 1000);
if (!id) {
  show(errors, problem({ problem: { title: t('incident.noId'), detail: t('incident.noIdDetail') } }));
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
    const [timeline, brand] = await Promise.all([
      api(`/api/incidents/${encodeURIComponent(id)}/timeline`),
      brandName(summary.data.brandId),
    ]);
    current = { summary: summary.data, etag: summary.etag, entries: timeline.data.entries, brand };
    kpis = await loadKpis();
    render();
    show(errors);
    await loadChart();
  } catch (error) {
    show(errors, problem(error));
  }
}

function render() {
  const { summary, entries, brand } = current;
  const opened = entries.find((e) => e.type === 'incident_opened')?.data ?? {};
  document.title = t('incident.pageTitle', { title: titleOf(summary, brand, t), brand });
  renderSummary(summary, opened, entries, brand);
  renderFigures(summary, entries);
  renderDue(summary, opened, entries);
  renderActions(summary);
  renderPlaybook(summary, opened, entries);
  show(timelineView, foldTimeline(entries).map((item) => item.kind === 'notice' ? noticeEntry(item) : timelineEntry(item.entry, opened)));
  openMachinery();
  tick();
}

/** The delivery lines behind each notice: folded unless asked for, for all notices at once or one by one. */
function openMachinery() {
  for (const details of timelineView.querySelectorAll('details.machinery')) details.open = machinery.checked;
}

// ---- What is happening, since when, who has it -------------------------------------------------------------

function renderSummary(summary, opened, entries, brand) {
  const byHand = summary.source !== 'Buzz';
  const startedAt = byHand ? summary.openedAt : (opened.onsetAt ?? summary.detectedAt);
  const stage = summary.status === 'Opened' || summary.status === 'Acknowledged' ? stageText(summary.currentStageId, 'name', summary.currentStageName) : null;
  const key = byHand ? (stage ? 'incident.sentenceByHand' : 'incident.sentenceNoStage') : (stage ? 'incident.sentence' : 'incident.sentenceNoStage');
  show(summaryView,
    h('h1', {}, userText(titleOf(summary, brand, t))),
    h('p', { class: 'sentence', id: 'sentence' },
      tx(key, {
        brand: h('bdi', { class: 'brand' }, brand),
        severity: summary.severity,
        max: 10,
        status: h('strong', { class: `status-${summary.status.toLowerCase()}` }, t(`status.${summary.status}`)),
        stage: userText(stage ?? '', undefined, 'bdi'),
        ago: ago(startedAt),
        at: h('span', { class: 'nowrap' }, time(startedAt)),
      }),
      ' ', h('span', { id: 'acknowledged-by' }, owner(summary, entries))),
    h('p', { class: 'meta muted' },
      t('incident.reference', { id: summary.incidentId }),
      ' · ', h('a', { href: '#', id: 'report-link', onclick: (event) => { event.preventDefault(); openDocument(reportPath(summary.incidentId)); } }, t('incident.report')),
      ' · ', h('a', { href: replayLink(summary, opened) }, t('incident.replay'))));
}

function owner(summary, entries) {
  const who = ownerOf(summary, entries);
  if (who.kind === 'lead') return tx('incident.ownerLead', { name: userText(who.name, undefined, 'bdi') });
  if (who.kind === 'acknowledged') return tx('incident.ownerAcknowledged', { name: userText(who.name, undefined, 'bdi'), ago: ago(who.at) });
  const paged = recipientsPaged(entries);
  if (paged.length === 0) return t('incident.ownerNobody');
  const recipients = new Intl.ListFormat(document.documentElement.lang, { type: 'conjunction' })
    .format(paged.map((p) => t('incident.pagedVia', { recipient: p.recipient, channel: p.channels.join(', ') })));
  return tx('incident.ownerPaged', { recipients: h('bdi', {}, recipients), ago: ago(paged[0].at) });
}

/** A "… ago" that the clock keeps current: the instant rides on the element. */
function ago(iso) {
  return h('time', { datetime: iso, 'data-ago': iso, title: time(iso) }, t('common.ago', { duration: minutes(sinceMinutes(iso)) }));
}

function countdown(iso) {
  return h('strong', { class: 'countdown', 'data-due': iso }, dueText(iso));
}

function dueText(iso) {
  const left = -sinceMinutes(iso);
  return left >= 0 ? t('incident.dueIn', { duration: minutes(Math.ceil(left)) }) : t('incident.overdue', { duration: minutes(-left) });
}

function sinceMinutes(iso) {
  return (Date.now() - Date.parse(iso)) / 60_000;
}

function tick() {
  for (const element of document.querySelectorAll('[data-ago]')) element.textContent = t('common.ago', { duration: minutes(sinceMinutes(element.dataset.ago)) });
  for (const element of document.querySelectorAll('[data-due]')) {
    element.textContent = dueText(element.dataset.due);
    element.classList.toggle('overdue', Date.parse(element.dataset.due) < Date.now());
  }
  for (const element of document.querySelectorAll('[data-since]')) element.textContent = t(element.dataset.sinceKey, { duration: minutes(sinceMinutes(element.dataset.since)) });
}

// ---- Key figures -------------------------------------------------------------------------------------------

function renderFigures(summary) {
  if (!kpis) { figures.hidden = true; return; }
  const byHand = summary.source !== 'Buzz';
  const respondStage = kpis.stages?.[0];
  const respondTarget = respondStage ? (Date.parse(respondStage.deadline) - Date.parse(kpis.detectedAt)) / 60_000 : null;
  const open = summary.status === 'Opened' || summary.status === 'Acknowledged' || summary.status === 'Monitoring';
  show(figures.querySelector('.figures'),
    figure('detect', byHand ? null : kpis.timeToDetectMinutes, t('incident.detectHow'), byHand ? t('incident.detectByHand') : null,
      { target: DETECT_TARGET_MINUTES, targetText: t('incident.target', { duration: minutes(DETECT_TARGET_MINUTES) }) }),
    figure('notify', kpis.timeToNotifyMinutes, t('incident.notifyHow')),
    figure('acknowledge', kpis.timeToAcknowledgeMinutes, t('incident.acknowledgeHow'),
      kpis.timeToAcknowledgeMinutes === null && open ? waiting('incident.acknowledgeWaiting', kpis.detectedAt) : null),
    figure('respond', kpis.timeToFirstPublicResponseMinutes, t('incident.respondHow'),
      kpis.timeToFirstPublicResponseMinutes === null && open ? waiting('incident.respondWaiting', kpis.detectedAt) : null,
      respondTarget === null ? {} : { target: respondTarget, targetText: t('incident.targetStage', { duration: minutes(respondTarget) }) }),
    buzzFigure());
  figures.hidden = false;
}

function waiting(key, since) {
  return h('span', { 'data-since': since, 'data-since-key': key }, t(key, { duration: minutes(sinceMinutes(since)) }));
}

/** One labelled figure: its value with its unit, how it is measured, and its target with a verdict when it has one. */
function figure(name, value, how, instead = null, { target = null, targetText = null } = {}) {
  const verdict = value === null || value === undefined || target === null ? null : value <= target ? 'met' : 'missed';
  return h('article', { class: `figure ${verdict ?? ''}`.trim(), 'data-figure': name },
    h('h3', {}, t(`incident.${name}`)),
    h('p', { class: 'value' }, value === null || value === undefined ? (instead ?? t('common.none')) : minutes(value)),
    h('p', { class: 'how' }, how),
    targetText ? h('p', { class: 'target' }, targetText, verdict ? [' · ', h('span', { class: `verdict ${verdict}` }, t(`incident.${verdict}`))] : null) : null);
}

function buzzFigure() {
  const evidence = latestEvidence(current.entries);
  if (!evidence) return null;
  return h('article', { class: 'figure', 'data-figure': 'buzz' },
    h('h3', {}, t('incident.buzz')),
    h('p', { class: 'value' }, t('incident.buzzValue', { mentions: evidence.mentions })),
    h('p', { class: 'how' }, t('incident.buzzHow', { expected: Math.round(evidence.expectedMentions), share: percent(evidence.negativeShare) })));
}

// ---- What is due next ----------------------------------------------------------------------------------------

function renderDue(summary, opened, entries) {
  const status = summary.status;
  if (status === 'Resolved' || status === 'Closed') {
    show(dueView, h('p', {}, t('incident.dueNothingResolved', { status: t(`status.${status}`) })));
    return;
  }
  if (status === 'Monitoring') {
    show(dueView, h('p', {}, t('incident.dueNothingMonitoring')));
    return;
  }
  const stage = summary.stages[summary.currentStageIndex];
  const playbookStage = opened.stages?.find((s) => s.stageId === stage?.stageId);
  const ticked = new Set(entries.filter((e) => e.type === 'incident_checklist_item_ticked').map((e) => `${e.data.stageId}/${e.data.itemId}`));
  const todo = (playbookStage?.checklist ?? []).filter((item) => !ticked.has(`${stage.stageId}/${item.id}`));
  show(dueView,
    status === 'Opened' ? h('p', { class: 'first' }, t('incident.dueAcknowledge')) : null,
    stage
      ? [h('p', { class: 'stage-due' }, tx('incident.dueStage', { stage: userText(stageText(stage.stageId, 'name', stage.name), undefined, 'bdi'), at: time(stage.deadline) }), ' — ', countdown(stage.deadline)),
        todo.length ? h('div', { class: 'todo' }, h('span', { class: 'muted' }, t('incident.dueItems')),
          h('ul', {}, todo.slice(0, 3).map((item) => h('li', {}, userText(itemText(stage.stageId, item.id, 'text', item.text)), item.warning ? h('span', { class: 'warning' }, ' ⚠ ', userText(itemText(stage.stageId, item.id, 'warning', item.warning))) : null)))) : null]
      : h('p', {}, t('incident.dueNoStage')));
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
      data.recorded.length ? t('incident.recorded', { what: data.recorded.map(eventName).join(', ') }) : t('incident.alreadyDone')));
    return true;
  } catch (error) {
    show(actionResult, problem(error));
    return false;
  } finally {
    if (button) button.disabled = false;
    await load(true);
  }
}

function eventName(type) {
  return has(`timeline.type.${type}`) ? t(`timeline.type.${type}`) : t('timeline.type.unknown', { type });
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
  select.replaceChildren(...later.map((s) => h('option', { value: s.stageId }, stageText(s.stageId, 'name', s.name))));
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
      h('h3', {}, userText(stageText(stage.stageId, 'name', stage.name), undefined, 'bdi'), ' ', badge(t(`incident.stageState.${state}`), state), missed ? badge(t('incident.deadlineMissed'), 'missed') : null),
      h('p', { class: 'muted' }, t('incident.stageDue', { at: time(stage.deadline), done, total: stage.checklist.length })),
      h('progress', { max: stage.checklist.length || 1, value: done }),
      h('p', { class: 'guidance' }, userText(stageText(stage.stageId, 'guidance', stage.guidance))),
      h('ul', { class: 'checklist' }, stage.checklist.map((item) => {
        const tick = ticks.get(`${stage.stageId}/${item.id}`);
        const box = h('input', { type: 'checkbox', checked: !!tick, disabled: !!tick || locked, 'data-item': `${stage.stageId}/${item.id}` });
        box.addEventListener('change', () => act('checklist', {}, box, { stageId: stage.stageId, itemId: item.id }));
        return h('li', { class: tick ? 'ticked' : '' },
          h('label', {}, box, ' ', userText(itemText(stage.stageId, item.id, 'text', item.text))),
          item.warning ? h('p', { class: 'warning' }, '⚠ ', userText(itemText(stage.stageId, item.id, 'warning', item.warning))) : null,
          tick ? h('p', { class: 'muted' }, tx('incident.tickedBy', { name: userText(tick.tickedBy, undefined, 'bdi'), at: time(tick.tickedAt) })) : null);
      })));
  }));
}

// ---- Timeline ------------------------------------------------------------------------------------------------

const NOT_WHEN = new Set(['onsetAt', 'detectedAt', 'publishedAt']);

function actorName(actor) {
  return typeof actor === 'string' && actor.startsWith('system:') ? t('common.automatic') : actor;
}

function timelineEntry(entry, opened) {
  const d = entry.data ?? {};
  const whenKey = Object.keys(d).filter((k) => k.endsWith('At') && !NOT_WHEN.has(k)).at(-1) ?? 'detectedAt';
  const actor = Object.keys(d).filter((k) => k.endsWith('By')).map((k) => d[k]).at(-1);
  const known = `timeline.type.${entry.type}`;
  return h('li', { class: `entry ${entry.type}`, 'data-type': entry.type },
    h('div', { class: 'when' }, time(d[whenKey])),
    h('div', { class: 'what' },
      h('strong', {}, has(known) ? t(known) : t('timeline.type.unknown', { type: entry.type })),
      actor ? h('span', { class: 'muted' }, ' ', tx('timeline.by', { name: userText(actorName(actor), undefined, 'bdi') })) : null,
      details(entry.type, d, opened)));
}

/** One line per notification planned (all its endpoints and attempts); the machine lines behind it on demand. */
function noticeEntry(notice) {
  const outcomes = notice.endpoints.map((e) => t(`timeline.outcome.${e.outcome}`, { reason: e.reason ?? '' }));
  return h('li', { class: `entry notice ${notice.outcome}`, 'data-type': 'notice', 'data-recipient': notice.recipient },
    h('div', { class: 'when' }, time(notice.at)),
    h('div', { class: 'what' },
      h('strong', {}, tx(`timeline.notice.${notice.noticeKind}`, {
        recipient: userText(notice.recipient, undefined, 'bdi'), channels: notice.endpoints.map((e) => e.endpoint).join(', '), level: notice.level,
      })),
      h('span', { class: `muted outcome ${notice.outcome}` }, ` — ${[...new Set(outcomes)].join('; ')}`),
      h('details', { class: 'machinery' },
        h('summary', {}, t('incident.showMachinery')),
        h('ul', {}, notice.lines.map((line) => h('li', { class: 'muted' }, machineLine(line)))))));
}

function machineLine(line) {
  const d = line.data;
  const params = { at: time(line.at), key: d.delivery.key, by: d.claimedBy ?? '', channel: d.delivery.endpoint, attempt: d.delivery.attempt, reason: d.reason ?? d.why ?? '' };
  const kind = { incident_notification_dispatching: 'dispatching', incident_notification_sent: 'sent', incident_notification_failed: 'failed', incident_notification_suppressed: 'suppressed' }[line.type];
  return t(`timeline.machinery.${kind}`, params);
}

function stageName(opened, stageId) {
  const name = opened.stages?.find((s) => s.stageId === stageId)?.name;
  return name === undefined ? stageId : stageText(stageId, 'name', name);
}

function recordedItemText(opened, stageId, itemId) {
  const text = opened.stages?.find((s) => s.stageId === stageId)?.checklist.find((i) => i.id === itemId)?.text;
  return text === undefined ? itemId : itemText(stageId, itemId, 'text', text);
}

/** A stage's text as recorded, in the reader's language when it is the default playbook's (playbook.* keys). */
function stageText(stageId, field, recorded) {
  return recorded === null || recorded === undefined ? recorded : shipped(`playbook.${stageId}.${field}`, recorded);
}

function itemText(stageId, itemId, field, recorded) {
  return shipped(`playbook.${stageId}.items.${itemId}.${field}`, recorded);
}

function link(url) {
  return h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, url);
}

function details(type, d, opened) {
  switch (type) {
    case 'incident_opened':
      return [h('p', {}, t(d.source === 'Buzz' ? 'timeline.openedFromPage' : 'timeline.openedByHand', { severity: d.severity }),
        d.previousIncidentId ? [' ', tx('timeline.follows', { link: h('a', { href: `incident.html?id=${encodeURIComponent(d.previousIncidentId)}` }, d.previousIncidentId) })] : null),
      evidenceView(d.evidence)];
    case 'buzz_escalation_recorded':
      return [h('p', {}, t('timeline.pagedAgain', { severity: d.severity, at: time(d.detectedAt) })), evidenceView(d.evidence)];
    case 'incident_detected_earlier':
      return h('p', {}, t('timeline.detectedEarlier', { at: time(d.detectedAt) }));
    case 'incident_escalated':
      return h('p', {}, tx('timeline.escalated', { level: d.level, reason: userText(d.reason) }));
    case 'incident_role_assigned':
      return h('p', {}, `${t(`role.${d.role}`)}: `, userText(d.assignee));
    case 'incident_note_added':
      return userText(d.text, undefined, 'p');
    case 'incident_decision_recorded':
      return [userText(d.decision, undefined, 'p'), d.rationale ? h('p', { class: 'muted' }, tx('timeline.why', { rationale: userText(d.rationale) })) : null];
    case 'incident_stage_advanced':
      return h('p', {}, tx('timeline.stageAdvanced', { from: userText(stageName(opened, d.fromStageId), undefined, 'bdi'), to: userText(stageName(opened, d.toStageId), undefined, 'bdi') }),
        d.untickedItems?.length ? h('span', { class: 'warning' }, ' (', t('timeline.leftUnticked', { items: d.untickedItems.map((i) => recordedItemText(opened, d.fromStageId, i)).join('; ') }), ')') : null);
    case 'incident_checklist_item_ticked':
      return h('p', {}, userText(stageName(opened, d.stageId), undefined, 'bdi'), ': ', userText(recordedItemText(opened, d.stageId, d.itemId)));
    case 'incident_public_response_recorded':
      return [h('p', {}, tx('timeline.publishedOn', { channel: userText(d.channel, undefined, 'bdi'), at: time(d.publishedAt), link: link(d.url) })),
        userText(d.text, d.language, 'blockquote')];
    case 'incident_content_removal_recorded':
      return [h('p', {}, tx('timeline.removedOn', { channel: userText(d.channel, undefined, 'bdi'), link: link(d.url), reason: userText(d.reason) })),
        d.warning ? h('p', { class: 'warning' }, '⚠ ', userText(d.warning)) : null];
    case 'incident_monitoring_started':
      return d.skippedStageIds?.length ? h('p', {}, t('timeline.skipped', { stages: d.skippedStageIds.map((s) => stageName(opened, s)).join(', ') })) : null;
    case 'incident_resolved':
      return userText(d.resolution, undefined, 'p');
    case 'incident_closed':
      return h('p', {}, tx('timeline.postMortem', { text: userText(d.postMortem) }));
    case 'incident_reopened':
      return h('p', {}, tx('timeline.reopenReason', { reason: userText(d.reason) }));
    case 'incident_stage_deadline_missed':
      return h('p', { class: 'warning' }, tx('timeline.wasDue', { stage: userText(stageName(opened, d.stageId), undefined, 'bdi'), at: time(d.deadline) }));
    default:
      return null;
  }
}

function evidenceView(evidence) {
  if (!evidence || (!evidence.mentions && !evidence.topNegativePosts?.length)) return null;
  const languages = Object.entries(evidence.languages ?? {}).sort((a, b) => b[1] - a[1]);
  return h('div', { class: 'evidence' },
    h('p', {}, t('timeline.evidence', { mentions: evidence.mentions, expected: Math.round(evidence.expectedMentions), share: percent(evidence.negativeShare) }),
      languages.length ? [' ', t('timeline.languages', { list: languages.map(([l, n]) => `${l} ${number(n)}`).join(', ') })] : null),
    evidence.topTerms?.length ? h('p', {}, t('timeline.topTerms'), ' ', evidence.topTerms.map((term) => [userText(term, undefined, 'bdi'), ' '])) : null,
    evidence.topNegativePosts?.length ? h('ol', { class: 'posts' }, evidence.topNegativePosts.map((post) =>
      h('li', { class: 'post', 'data-post': `${post.platform}:${post.postId}` },
        userText(post.excerpt, post.language, 'blockquote'),
        h('p', { class: 'muted' }, tx('timeline.byline', { author: userText(post.author, undefined, 'bdi'), followers: post.followers, platform: post.platform, language: post.language }))))) : null);
}

// ---- KPIs and chart ------------------------------------------------------------------------------------------

/** The KPIs of the incident as of now, or null when the reporting module does not answer (the cards are then hidden). */
async function loadKpis() {
  try {
    const { data } = await api(`/api/incidents/${encodeURIComponent(id)}/kpis`);
    return data && typeof data === 'object' ? data : null;
  } catch {
    return null;
  }
}

/** The brand's curve from two hours before the onset to the end of the incident, with what happened marked on it. */
async function loadChart() {
  const { summary, entries, brand } = current;
  const opened = entries.find((e) => e.type === 'incident_opened')?.data ?? {};
  const start = Date.parse(opened.onsetAt ?? summary.detectedAt) - 2 * 3_600_000;
  const end = Math.min(Date.parse(summary.closedAt ?? summary.resolvedAt ?? new Date().toISOString()) + 30 * 60_000, Date.now());
  const to = Math.max(end, start + 3_600_000);
  const markers = [];
  if (opened.onsetAt) markers.push({ at: opened.onsetAt, label: t('chart.onsetShort'), kind: 'onset', legend: t('chart.onset') });
  markers.push({ at: summary.detectedAt, label: t('chart.detectedShort'), kind: 'detected', legend: t('chart.detected') });
  for (const e of entries) {
    if (e.type === 'buzz_escalation_recorded') markers.push({ at: e.data.detectedAt, label: t('chart.pageShort', { severity: e.data.severity }), kind: 'page', legend: t('chart.laterPage') });
    if (e.type === 'incident_acknowledged') markers.push({ at: e.data.acknowledgedAt, label: t('chart.ackShort'), kind: 'acknowledged', legend: t('chart.acknowledged') });
    if (e.type === 'incident_public_response_recorded') markers.push({ at: e.data.publishedAt, label: t('chart.responseShort', { channel: e.data.channel }), kind: 'response', legend: t('chart.response') });
    if (e.type === 'incident_resolved') markers.push({ at: e.data.resolvedAt, label: t('chart.resolvedShort'), kind: 'resolved', legend: t('chart.resolved') });
  }
  try {
    const query = new URLSearchParams({ from: new Date(start).toISOString(), to: new Date(to).toISOString(), bucketMinutes: bucketFor(start, to) });
    const { data } = await api(`/api/brands/${encodeURIComponent(summary.brandId)}/series?${query}`);
    show(chartView, chart(data, { markers, title: brand }));
    chartDrawnAt = Date.now();
  } catch (error) {
    show(chartView, problem(error));
  }
}

/** The report in the language, digits and zone the page is read in (the report would otherwise take the token's or the organisation's). */
function reportPath(incidentId) {
  const query = new URLSearchParams({ language: locale(), timeZone: currentZone() });
  return `/api/incidents/${encodeURIComponent(incidentId)}/report?${query}`;
}
