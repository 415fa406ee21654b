// The commands on the chosen conversation: claim, release, answer, hand over, close without an answer. Each answer and
// handover carries an id made here and kept until it succeeds, so pressing again after a failed publish (502) retries the
// same answer (the receiver's idempotency key) instead of sending a second one.
import { api } from './api.js';
import { h, problem, show } from './ui.js';
import { t } from './i18n.js';

const result = document.getElementById('action-result');
const drafts = new Map();
let templates = [];

export function wireActions(selected, refresh) {
  const run = async (path, body, done, form) => {
    const id = selected();
    if (!id) return;
    try {
      await api(`/api/desk/conversations/${encodeURIComponent(id)}/${path}`, { method: 'POST', body });
      show(result, h('p', { class: 'ok' }, t(done)));
      if (form) { form.reset(); drafts.delete(`${form.id}:${id}`); }
    } catch (error) {
      show(result, problem(error));
    }
    await refresh();
  };
  document.getElementById('claim').addEventListener('click', () => run('claim', {}, 'desk.done.claimed'));
  document.getElementById('release').addEventListener('click', () => run('release', {}, 'desk.done.released'));
  submit('answer-form', (form, values) => run('answers',
    { answerId: draftId(form, selected(), values.text, 'a'), text: values.text, language: values.language, templateId: values.templateId || undefined },
    'desk.done.answered', form));
  submit('handover-form', (form, values) => run('handovers',
    { handoverId: draftId(form, selected(), values.promised, 'h'), promised: values.promised }, 'desk.done.handedOver', form));
  submit('no-answer-form', (form, values) => run('no-answer-needed', { reason: values.reason }, 'desk.done.closed', form));
  loadTemplates();
}

function submit(id, send) {
  const form = document.getElementById(id);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send(form, Object.fromEntries(new FormData(form).entries()));
  });
}

/** The same text on the same conversation keeps its id until it is sent; changed words are a new answer. */
function draftId(form, conversationId, text, prefix) {
  const key = `${form.id}:${conversationId}`;
  const draft = drafts.get(key);
  if (draft?.text === text) return draft.id;
  // getRandomValues works on plain http too (randomUUID needs a secure context); the API's id grammar is [A-Za-z0-9_.:-].
  const id = prefix + [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
  drafts.set(key, { text, id });
  return id;
}

/**
 * Answer templates (GET /api/desk/templates, docs/response-desk.md), when the server has them: the picker stays hidden
 * otherwise. Picking one puts its text in the answer box, where the responder fills its placeholders before sending.
 */
async function loadTemplates() {
  try {
    const { data } = await api('/api/desk/templates');
    templates = (Array.isArray(data) ? data : data?.templates ?? []).filter((tpl) => tpl && (tpl.templateId ?? tpl.id) && typeof tpl.text === 'string');
  } catch {
    templates = [];
  }
  const choice = document.getElementById('template-choice');
  const select = choice.querySelector('select');
  const language = document.querySelector('#answer-form select[name=language]');
  const fill = () => {
    const wanted = templates.filter((tpl) => !tpl.language || tpl.language === language.value);
    show(select, h('option', { value: '' }, t('desk.answer.noTemplate')),
      wanted.map((tpl) => h('option', { value: tpl.templateId ?? tpl.id, dir: 'auto' }, tpl.name ?? tpl.title ?? tpl.templateId ?? tpl.id)));
    choice.hidden = wanted.length === 0;
  };
  language.addEventListener('change', fill);
  select.addEventListener('change', () => {
    const picked = templates.find((tpl) => (tpl.templateId ?? tpl.id) === select.value);
    if (picked) document.querySelector('#answer-form textarea[name=text]').value = picked.text;
  });
  fill();
  // The thread chooses the answer's language when a conversation opens: the list follows it.
  new MutationObserver(fill).observe(language, { childList: true });
}
