// The incident's events as people tell the story: who has it, who was paged, and a timeline where the delivery
// machinery (a delivery claimed, dispatched, accepted by the channel, retried) is folded into one line per notice.
// Pure functions over the API's answers, so the page and its specs read the same rules.

const DELIVERY_TYPES = new Set([
  'incident_notification_dispatching', 'incident_notification_sent', 'incident_notification_failed', 'incident_notification_suppressed',
]);

const OUTCOME = {
  incident_notification_sent: 'sent', incident_notification_failed: 'failed', incident_notification_suppressed: 'suppressed',
};

function at(entry) {
  const d = entry.data;
  return d.claimedAt ?? d.sentAt ?? d.failedAt ?? d.suppressedAt;
}

/**
 * The timeline as items: { kind: 'event', entry } for what people and the detector did, and { kind: 'notice', ... }
 * for each notification planned (one per plan key: the same notice to one person, on all their endpoints and
 * attempts), placed where its first line was. A notice's outcome is the best any endpoint reached: sent, else being
 * delivered, else failed, else held back.
 */
export function foldTimeline(entries) {
  const items = [];
  const notices = new Map();
  for (const entry of entries) {
    if (!DELIVERY_TYPES.has(entry.type)) {
      items.push({ kind: 'event', entry });
      continue;
    }
    const delivery = entry.data.delivery;
    let notice = notices.get(delivery.planKey);
    if (!notice) {
      notice = {
        kind: 'notice', planKey: delivery.planKey, noticeKind: delivery.kind, recipient: delivery.recipient, level: delivery.level,
        at: at(entry), endpoints: [], lines: [], outcome: 'sending',
      };
      notices.set(delivery.planKey, notice);
      items.push(notice);
    }
    notice.lines.push({ type: entry.type, at: at(entry), data: entry.data });
    let endpoint = notice.endpoints.find((e) => e.endpoint === delivery.endpoint);
    if (!endpoint) {
      endpoint = { endpoint: delivery.endpoint, outcome: 'sending', reason: null };
      notice.endpoints.push(endpoint);
    }
    const outcome = OUTCOME[entry.type];
    // Sent is final for a delivery; a later failure report of the same delivery does not undo it.
    if (outcome && endpoint.outcome !== 'sent') {
      endpoint.outcome = outcome;
      endpoint.reason = entry.data.reason ?? entry.data.why ?? null;
    }
  }
  for (const notice of notices.values()) {
    const outcomes = new Set(notice.endpoints.map((e) => e.outcome));
    notice.outcome = ['sent', 'sending', 'failed', 'suppressed'].find((o) => outcomes.has(o)) ?? 'sending';
  }
  return items;
}

/**
 * The title people read: the detector's default title ("Bad buzz on {brand}", recorded in English, by id or by name) in
 * the reader's language with the brand's name; a title people wrote, as written.
 */
export function titleOf(incident, brandName, t) {
  const title = incident.title || incident.incidentId;
  return title === `Bad buzz on ${incident.brandId}` || title === `Bad buzz on ${brandName}` ? t('incident.buzzTitle', { brand: brandName }) : title;
}

/** Who has the incident: its lead when one was assigned, else whoever acknowledged it, else nobody. */
export function ownerOf(summary, entries) {
  if (summary.status === 'Opened') return { kind: 'nobody' };
  let lead = null;
  for (const e of entries) if (e.type === 'incident_role_assigned' && e.data.role === 'IncidentLead') lead = e.data.assignee;
  if (lead) return { kind: 'lead', name: lead };
  if (summary.acknowledgedBy) return { kind: 'acknowledged', name: summary.acknowledgedBy, at: summary.acknowledgedAt };
  return { kind: 'nobody' };
}

/**
 * The people paged since the incident was last (re)opened, with the endpoints a page reached (or is reaching), the
 * most recent first: what "nobody has it yet" is waiting on.
 */
export function recipientsPaged(entries) {
  const lastOpened = entries.findLastIndex((e) => e.type === 'incident_opened' || e.type === 'incident_reopened');
  const pages = foldTimeline(entries.slice(Math.max(0, lastOpened)))
    .filter((item) => item.kind === 'notice' && item.noticeKind === 'Page' && (item.outcome === 'sent' || item.outcome === 'sending'));
  const byRecipient = new Map();
  for (const page of pages) {
    const seen = byRecipient.get(page.recipient) ?? { recipient: page.recipient, channels: [], at: page.at };
    for (const e of page.endpoints) if (e.outcome !== 'failed' && e.outcome !== 'suppressed' && !seen.channels.includes(e.endpoint)) seen.channels.push(e.endpoint);
    if (Date.parse(page.at) > Date.parse(seen.at)) seen.at = page.at;
    byRecipient.set(page.recipient, seen);
  }
  return [...byRecipient.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}
