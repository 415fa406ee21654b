// The chosen conversation (GET /api/desk/conversations/{id}): who wrote, the thread as its replyTo chains, what the desk
// did (answers, handovers and their outcomes, a no-answer reason) and who holds it. Only the read-only parts are redrawn
// on each poll; the forms are left alone so a half-written answer survives the refresh.
import { api, signedInName } from './api.js';
import { badge, h, show, time, userText } from './ui.js';
import { currentLanguage, minutes, t, tx } from './i18n.js';
import { ANSWER_LANGUAGE_OF_PAGE, DESK_LANGUAGES, languageName, outcomeName, reasonBadges } from './desk-words.js';

const panel = document.getElementById('conversation');
const ERASED = '[erased]';
let shown = null;

/** The conversation on screen, as the API last returned it (the actions read its status and claim). */
export function current() {
  return shown;
}

export async function showConversation(id, brands) {
  const { data } = await api(`/api/desk/conversations/${encodeURIComponent(id)}`);
  const first = shown?.conversation.conversationId !== id;
  shown = data;
  const c = data.conversation;
  panel.hidden = false;
  panel.dataset.conversation = id;
  panel.dataset.status = c.status;
  // The queue row carries the author's pseudonym; the thread's first post the handle people know them by.
  const author = data.thread[0]?.author ?? c.author;
  show(document.getElementById('conversation-title'), ...tx('desk.conversationOf', { author: userText(author, undefined, 'bdi') }));
  show(document.getElementById('conversation-facts'),
    userText(brands.get(c.brandId) ?? c.brandId, undefined, 'bdi'), ` · ${c.platform} · ${languageName(c.language)} · `,
    badge(t(`desk.status.${c.status}`), `desk-${c.status}`),
    c.incidentId ? [' · ', h('a', { href: `incident.html?id=${encodeURIComponent(c.incidentId)}` }, t('desk.incident'))] : null,
    c.waitingMinutes == null ? null : ` · ${t('desk.waiting', { duration: minutes(c.waitingMinutes) })}`);
  showClaim(c);
  show(document.getElementById('thread'), tree(data.thread));
  show(document.getElementById('history'), history(data));
  if (first) chooseAnswerLanguage(c.language);
  enableActions(c);
}

function showClaim(c) {
  const me = signedInName();
  const line = document.getElementById('claim-state');
  if (!c.claimedBy) show(line, t('desk.unclaimed'));
  else if (c.claimedBy === me) show(line, ...tx('desk.claimedByYou', { until: time(c.claimedUntil) }));
  else show(line, ...tx('desk.claimedBy', { name: userText(c.claimedBy, undefined, 'bdi'), until: time(c.claimedUntil) }));
}

/** Replies under the post they answer; a post whose parent the desk does not hold starts a branch of its own. */
function tree(posts) {
  const held = new Set(posts.map((p) => p.postId));
  const children = new Map();
  for (const post of posts) {
    const parent = post.replyTo && held.has(post.replyTo) ? post.replyTo : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(post);
  }
  const branch = (parent) => (children.get(parent) ?? []).map((post) => h('li', { class: 'post', 'data-post': post.postId },
    h('p', { class: 'meta' },
      userText(post.author, undefined, 'bdi'), ' · ', time(post.publishedAt), ' · ', t('desk.followers', { count: post.followers }),
      post.url ? [' · ', h('a', { href: post.url, rel: 'noopener noreferrer', target: '_blank' }, t('desk.openPost'))] : null),
    post.text === ERASED ? h('p', { class: 'empty' }, t('desk.erased'))
      : post.text == null ? h('p', { class: 'empty' }, t('desk.noText'))
        : userText(post.text, undefined, 'blockquote'),
    h('p', {}, reasonBadges(post.reasons)),
    children.has(post.postId) ? h('ol', { class: 'replies' }, branch(post.postId)) : null));
  return branch(null);
}

function history(data) {
  const entries = [
    ...data.answers.map((a) => ({ at: a.sentAt, node: answerEntry(a) })),
    ...data.handovers.map((ho) => ({ at: ho.handedOverAt, node: handoverEntry(ho) })),
  ].sort((x, y) => x.at.localeCompare(y.at));
  const closed = data.noAnswerReason == null ? null
    : h('li', { 'data-entry': 'no-answer' }, t('desk.history.noAnswer'), ' ', userText(data.noAnswerReason, undefined, 'q'));
  if (!entries.length && !closed) return null;
  return [h('h3', {}, t('desk.history.title')), h('ul', { class: 'desk-history' }, entries.map((e) => e.node), closed)];
}

function answerEntry(a) {
  return h('li', { 'data-entry': 'answer', 'data-answer': a.answerId },
    ...tx('desk.history.answered', { name: userText(a.sentBy, undefined, 'bdi'), at: time(a.sentAt), language: languageName(a.language) }),
    a.templateId ? [' · ', t('desk.history.template', { template: a.templateId })] : null,
    a.publicUrl ? [' · ', h('a', { href: a.publicUrl, rel: 'noopener noreferrer', target: '_blank' }, t('desk.history.publicLink'))] : null);
}

function handoverEntry(ho) {
  return h('li', { 'data-entry': 'handover', 'data-handover': ho.handoverId },
    ...tx('desk.history.handedOver', { name: userText(ho.by, undefined, 'bdi'), at: time(ho.handedOverAt), reference: ho.caseReference ?? t('common.none') }),
    ' ', userText(ho.promised, undefined, 'q'), ' · ',
    badge(outcomeName(ho.outcome), `outcome-${ho.outcome ?? 'pending'}`),
    ho.outcomeAt ? ` ${time(ho.outcomeAt)}` : null);
}

/** The answer is in the post's language by default; the reader's own when the intake could not tell. */
function chooseAnswerLanguage(postLanguage) {
  const select = document.querySelector('#answer-form select[name=language]');
  const fallback = ANSWER_LANGUAGE_OF_PAGE[currentLanguage()] ?? 'english';
  const chosen = ['other', 'unknown', ''].includes(postLanguage ?? '') ? fallback : postLanguage;
  const codes = DESK_LANGUAGES.filter((code) => code !== 'unknown' && code !== 'other');
  if (!codes.includes(chosen)) codes.push(chosen);
  show(select, codes.map((code) => h('option', { value: code, selected: code === chosen }, languageName(code))));
}

/** Buttons a responder cannot use now are disabled; the server decides anyway (its refusals show in the result line). */
function enableActions(c) {
  const me = signedInName();
  const live = c.claimedBy != null;
  const mine = live && c.claimedBy === me;
  const awaiting = c.status === 'Awaiting';
  document.getElementById('claim').disabled = !awaiting || (live && !mine);
  document.getElementById('claim').textContent = t(mine ? 'desk.action.renew' : 'desk.action.claim');
  document.getElementById('release').disabled = !mine;
  for (const form of ['answer-form', 'handover-form', 'no-answer-form']) {
    for (const control of document.getElementById(form).elements) control.disabled = !(awaiting && mine);
  }
}
