// The accuracy-robustness frontier of card.frontier as a uPlot chart (fixed-alpha curve, adaptive points, the
// shipped knobs marked) with the same points as a table, which is also the chart's text alternative.
import { el, num, pct, table } from './dom.js';

let chart = null;
const width = () => Math.max(260, Math.min(720, document.querySelector('main').clientWidth - 32));
window.addEventListener('resize', () => chart && chart.setSize({ width: width(), height: 300 }));

/** The chart and table for points [{knobs, kind, clean, worst, images}] of model m. */
export function frontier(points, m) {
  const sorted = [...points].sort((a, b) => a.clean - b.clean);
  const shipped = sorted.map(p => matches(p.knobs, m.spec_knobs));
  const inUse = sorted.map(p => matches(p.knobs, m.knobs));
  const mark = sorted.findIndex((p, i) => shipped[i]);
  const box = el('div', {
    id: 'frontier-chart', class: 'chart', role: 'img', 'aria-label': 'Accuracy-robustness frontier: '
      + count(sorted, 'fixed') + ' fixed-alpha points, ' + count(sorted, 'adaptive') + ' adaptive points'
      + (mark >= 0 ? '; shipped knobs at clean ' + pct(sorted[mark].clean) + ', worst ' + pct(sorted[mark].worst)
        : '') + '. The table below lists every point.',
  });
  draw(box, sorted, shipped);
  return el('div', { class: 'frontier' }, el('h3', {}, 'Accuracy-robustness frontier'), box,
    table('Frontier points (worst = lowest robust accuracy over the attacks run)',
      ['Kind', 'Knobs', 'Clean', 'Worst robust', 'Images', 'Marked'],
      sorted.map((p, i) => [p.kind, knobText(p.knobs), pct(p.clean), pct(p.worst), String(p.images),
        [shipped[i] ? 'shipped' : '', inUse[i] ? 'in use' : ''].filter(Boolean).join(', ')]),
      { id: 'frontier-table' }));
}

function count(points, kind) {
  return points.filter(p => p.kind === kind).length;
}

function matches(knobs, reference) {
  const keys = Object.keys(knobs || {}).filter(k => k in reference);
  return keys.length > 0 && keys.every(k => Math.abs(knobs[k] - reference[k]) < 1e-6);
}

function knobText(knobs) {
  return Object.entries(knobs || {}).map(([k, v]) => k + ' ' + num(v)).join(', ');
}

function only(points, keep) {
  return points.map((p, i) => (keep(p, i) ? 100 * p.worst : null));
}

async function draw(box, points, shipped) {
  const { default: uPlot } = await import('/webjars/uplot/dist/uPlot.esm.js');
  const data = [points.map(p => 100 * p.clean), only(points, p => p.kind === 'fixed'),
    only(points, p => p.kind === 'adaptive'), only(points, (p, i) => shipped[i])];
  if (chart) {
    chart.destroy();
  }
  chart = new uPlot({
    width: width(), height: 300,
    legend: { live: false },
    scales: { x: { time: false, range: (u, min, max) => [min - 0.5, max + 0.5] },
      y: { range: (u, min, max) => [0, Math.min(100, 10 * Math.ceil((max + 5) / 10))] } },
    axes: [{ label: 'clean accuracy (%)' }, { label: 'worst robust accuracy (%)' }],
    series: [
      { label: 'clean %', value: (u, v) => (v === null ? '–' : v.toFixed(1)) },
      { label: 'fixed alpha', stroke: '#1f6feb', width: 2, spanGaps: true, points: { show: true, size: 6 } },
      { label: 'adaptive', stroke: '#c2410c', width: 0, paths: () => null, points: { show: true, size: 9,
        fill: '#c2410c' } },
      { label: 'shipped knobs', stroke: '#111', width: 0, paths: () => null, points: { show: true, size: 16,
        width: 3, fill: 'transparent' } },
    ],
  }, data, box);
}
