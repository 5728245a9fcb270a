// The comparison's charts, drawn with Chart.js (bundled in www/vendor/charts.js): grades before
// and after, the histogram of pay changes, and both plans' payout curves. Each chart is made
// once and updated in place; its canvas carries a text summary for screen readers.

import { Chart } from '../vendor/charts.js';

const BASE = '#94a3b8';
const DRAFT = '#2557d6';
const UP = '#16a34a';
const DOWN = '#dc2626';

Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.font.size = 12;
Chart.defaults.color = '#4a5668';
Chart.defaults.animation = false;

const charts = new Map();

function upsert(canvas, config) {
  const chart = charts.get(canvas);
  if (!chart) {
    charts.set(canvas, new Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, ...config.options } }));
    return;
  }
  chart.data = config.data;
  Object.assign(chart.options, config.options);
  chart.update();
}

/** Grade counts side by side: `grades = { before: [{ grade, count }], after, forcedBefore,
 *  forcedAfter }` (the forced lists null when neither plan has a forced distribution): the bands'
 *  grades in solid bars, the forced distribution's beside them, hatched in the same colours. */
export function drawGrades(canvas, grades, { before, after, forcedBefore, forcedAfter, forcedLabel, reps }) {
  const lists = [grades.before, grades.after, grades.forcedBefore ?? [], grades.forcedAfter ?? []];
  const labels = [...new Set(lists.flat().map((g) => g.grade))];
  const count = (list, g) => list?.find((x) => x.grade === g)?.count ?? 0;
  const forced = grades.forcedBefore || grades.forcedAfter;
  const hatched = (colour) => ({ backgroundColor: `${colour}55`, borderColor: colour, borderWidth: 1.5 });
  upsert(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: before, data: labels.map((g) => count(grades.before, g)), backgroundColor: BASE },
        { label: after, data: labels.map((g) => count(grades.after, g)), backgroundColor: DRAFT },
        // Each plan's forced distribution only when that plan has one.
        ...(grades.forcedBefore ? [{ label: forcedBefore, data: labels.map((g) => count(grades.forcedBefore, g)), ...hatched(BASE) }] : []),
        ...(grades.forcedAfter ? [{ label: forcedAfter, data: labels.map((g) => count(grades.forcedAfter, g)), ...hatched(DRAFT) }] : []),
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: reps } } }, plugins: { legend: { position: 'bottom' } } },
  });
  // Baseline → draft per grade; a plan without a forced distribution reads as "–" there.
  const side = (list, g) => (list ? count(list, g) : '–');
  const pairs = (b, a) => labels.map((g) => `${g}: ${side(b, g)} → ${side(a, g)}`).join('; ');
  canvas.setAttribute('aria-label', pairs(grades.before, grades.after) + (forced ? ` | ${forcedLabel}: ${pairs(grades.forcedBefore, grades.forcedAfter)}` : ''));
}

/** Reps per band of pay change: `bins = [{ from, to, count }]`. */
export function drawHistogram(canvas, bins, { format, reps }) {
  const labels = bins.map((b) => (b.from === b.to ? format(b.from) : `${format(b.from)} ~ ${format(b.to)}`));
  const colour = (b) => (b.to <= 0 && b.from < 0 ? DOWN : b.from >= 0 && b.to > 0 ? UP : BASE);
  upsert(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label: reps, data: bins.map((b) => b.count), backgroundColor: bins.map(colour), barPercentage: 1, categoryPercentage: 0.95 }] },
    options: {
      scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: reps } }, x: { ticks: { maxRotation: 60, autoSkip: true } } },
      plugins: { legend: { display: false } },
    },
  });
  canvas.setAttribute('aria-label', bins.filter((b) => b.count).map((b, i) => `${labels[bins.indexOf(b)] ?? i}: ${b.count}`).join('; '));
}

/** Both plans' pay by attainment: `curves = { attainment: [0..2], baseline: [], draft: [] }`. */
export function drawCurves(canvas, curves, { before, after, xTitle, yTitle, format }) {
  const points = (ys) => curves.attainment.map((a, i) => ({ x: Math.round(a * 1000) / 10, y: ys[i] }));
  const line = { borderWidth: 2, pointRadius: 0, tension: 0 };
  const ends = [curves.attainment[0], curves.attainment.at(-1)].map((a) => (a == null ? undefined : Math.round(a * 1000) / 10));
  upsert(canvas, {
    type: 'line',
    data: {
      datasets: [
        { ...line, label: before, data: points(curves.baseline), borderColor: BASE, backgroundColor: BASE },
        { ...line, label: after, data: points(curves.draft), borderColor: DRAFT, backgroundColor: DRAFT, borderDash: [6, 3] },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { type: 'linear', min: ends[0], max: ends[1], title: { display: true, text: xTitle }, ticks: { includeBounds: false, callback: (v) => `${v}%` } },
        y: { beginAtZero: true, title: { display: true, text: yTitle }, ticks: { callback: (v) => format(v) } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'line' } },
        tooltip: { callbacks: { title: (items) => `${items[0]?.parsed.x}%`, label: (c) => `${c.dataset.label}: ${format(c.parsed.y)}` } },
      },
    },
  });
  const last = curves.attainment.length - 1;
  canvas.setAttribute('aria-label', `${xTitle} ${Math.round(curves.attainment[last] * 100)}%: ${before} ${format(curves.baseline[last])}, ${after} ${format(curves.draft[last])}`);
}
