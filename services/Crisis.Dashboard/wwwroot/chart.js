// The brand curve as SVG, drawn here rather than by a chart library: volume bars (left axis), the negative share
// as a line (right axis, 0-100 %), and vertical markers for what happened (detection, pages, public responses).
import { h, s, percent, number, time } from './ui.js';
// Imported under another name: `t` is the chart's name for an instant.
import { t as text } from './i18n.js';

const W = 880;
const H = 260;
const M = { top: 30, right: 52, bottom: 30, left: 52 };
/** Scored mentions a share point needs to be drawn (the post-mortem's CurveChart.MinScoredForShare). */
const MIN_SCORED_FOR_SHARE = 10;

/** Buckets on each side of a bucket that its negative share is taken over. */
const SHARE_HALF_WINDOW = 2;
const TICK_MINUTES = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/**
 * series: the answer of GET /api/brands/{id}/series. markers: [{ at, label, kind }] where kind names a CSS class
 * (detected, onset, response, page, whatif, acknowledged, resolved).
 */
export function chart(series, { markers = [], title = '' } = {}) {
  const points = series.points || [];
  const from = Date.parse(series.from);
  const to = Date.parse(series.to);
  const bucketMs = series.bucketMinutes * 60_000;
  const plotWidth = W - M.left - M.right;
  const plotHeight = H - M.top - M.bottom;
  const x = (t) => M.left + ((t - from) / (to - from)) * plotWidth;
  const highest = Math.max(1, ...points.map((p) => p.mentions));
  const volumeStep = niceStep(highest / 5);
  const top = Math.ceil(highest / volumeStep) * volumeStep;
  const y = (v) => M.top + plotHeight - (v / top) * plotHeight;
  const yShare = (v) => M.top + plotHeight - v * plotHeight;
  const total = points.reduce((sum, p) => sum + p.mentions, 0);

  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', preserveAspectRatio: 'xMidYMid meet',
    'aria-label': text('chart.ariaLabel', { title, mentions: total, from: time(series.from), to: time(series.to) }).trim(),
  });

  // Horizontal grid on round volumes (left); the negative share has its own scale (right), 0 to 100 %.
  for (let v = 0; v <= top; v += volumeStep) {
    svg.append(
      s('line', { class: 'grid', x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }),
      s('text', { class: 'tick', x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, number(v)));
  }
  for (let share = 0; share <= 1; share += 0.25) {
    svg.append(s('text', { class: 'tick share', x: W - M.right + 6, y: yShare(share) + 4 }, `${share * 100} %`));
  }

  const step = TICK_MINUTES.find((m) => (to - from) / (m * 60_000) <= 8) ?? TICK_MINUTES.at(-1);
  const stepMs = step * 60_000;
  for (let t = Math.ceil(from / stepMs) * stepMs; t <= to; t += stepMs) {
    const iso = new Date(t).toISOString();
    const text = to - from > 86_400_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
    svg.append(
      s('line', { class: 'grid vertical', x1: x(t), x2: x(t), y1: M.top, y2: M.top + plotHeight }),
      s('text', { class: 'tick', x: x(t), y: H - M.bottom + 16, 'text-anchor': 'middle' }, text));
  }

  const barWidth = Math.max(1, x(from + bucketMs) - x(from) - (bucketMs / (to - from) * plotWidth > 4 ? 1 : 0));
  const bars = s('g', { class: 'bars' });
  for (const p of points) {
    if (p.mentions <= 0) continue;
    const t = Date.parse(p.bucket);
    bars.append(s('rect', { x: x(t), y: y(p.mentions), width: barWidth, height: M.top + plotHeight - y(p.mentions) },
      s('title', {}, text('chart.bucket', { at: time(p.bucket), mentions: p.mentions, negative: p.negative, scored: p.scored, share: percent(p.negativeShare) }))));
  }
  svg.append(bars);

  // The share over a few neighbouring buckets: per bucket, a quiet brand's share jumps between 0 and 100 % on one
  // post. Drawn only where something was scored; a silent stretch breaks the line instead of reading as 0 %.
  let path = '';
  let pen = false;
  points.forEach((p, i) => {
    const around = points.slice(Math.max(0, i - SHARE_HALF_WINDOW), i + SHARE_HALF_WINDOW + 1);
    const scored = around.reduce((sum, q) => sum + q.scored, 0);
    // Fewer scored mentions than this and the share is noise drawn as signal: the line breaks (same rule as the report).
    if (scored < MIN_SCORED_FOR_SHARE) { pen = false; return; }
    const share = around.reduce((sum, q) => sum + q.negative, 0) / scored;
    const px = x(Date.parse(p.bucket) + bucketMs / 2);
    path += `${pen ? 'L' : 'M'}${px.toFixed(1)},${yShare(share).toFixed(1)}`;
    pen = true;
  });
  if (path) svg.append(s('path', { class: 'share-line', d: path }));

  markers.forEach((marker, i) => {
    const t = Date.parse(marker.at);
    if (Number.isNaN(t) || t < from || t > to) return;
    svg.append(s('g', { class: `marker ${marker.kind || ''}` },
      s('title', {}, `${marker.label} — ${time(marker.at)}`),
      s('line', { x1: x(t), x2: x(t), y1: M.top - 4, y2: M.top + plotHeight }),
      // Near the right edge the label goes to the left of its line, so it is not cut off.
      x(t) > W - M.right - 90
        ? s('text', { x: x(t) - 3, y: M.top - 8 - (i % 2) * 11, 'text-anchor': 'end' }, marker.label)
        : s('text', { x: x(t) + 3, y: M.top - 8 - (i % 2) * 11 }, marker.label)));
  });

  svg.append(s('rect', { class: 'frame', x: M.left, y: M.top, width: plotWidth, height: plotHeight }));

  const kinds = [...new Map(markers.map((m) => [m.kind, m.legend || m.label])).entries()];
  const legend = h('p', { class: 'legend' },
    h('span', { class: 'key bars' }, text('chart.bars', { minutes: series.bucketMinutes })),
    h('span', { class: 'key share-line' }, text('chart.share', { minutes: (2 * SHARE_HALF_WINDOW + 1) * series.bucketMinutes, scored: MIN_SCORED_FOR_SHARE })),
    kinds.map(([kind, label]) => h('span', { class: `key marker ${kind || ''}` }, label)));
  return h('figure', { class: 'chart-figure' }, svg, legend);
}

/** Picks the bucket size (minutes) that keeps a window to at most about 360 bars. */
export function bucketFor(fromMs, toMs) {
  const minutes = (toMs - fromMs) / 60_000;
  return [1, 5, 15, 30, 60, 180, 360, 1440].find((b) => minutes / b <= 360) ?? 1440;
}

/** The smallest of 1, 2, 5, 10, 20, 50… at least as large as the value (and at least 1: mentions are counted). */
function niceStep(value) {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((f) => f * magnitude).find((step) => step >= value);
}
