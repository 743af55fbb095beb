// The model card: its measured table (clean and robust accuracy of g, h, fixed-alpha and adaptive mixtures) and,
// when the spec carries card.frontier, the accuracy-robustness frontier as a chart.
import { el, facts, num, pct, show, table } from './dom.js';
import { on, state } from './state.js';
import { nested } from './values.js';
import { frontier } from './frontier.js';

const NAMES = { standard: 'g, standard', robust: 'h, robust', fixed_mix: 'fixed-alpha mix', adaptive: 'adaptive (served)' };

export function init() {
  on('model', render);
}

function render(m) {
  const card = m.card || {};
  if (Object.keys(card).length === 0) {
    show('card', el('p', {}, 'This model carries no model card.'));
    return;
  }
  const { models, frontier: points, ...rest } = card;
  show('card',
    Array.isArray(points) && points.length > 0 ? frontier(points, m) : el('p', { class: 'hint', id: 'no-frontier' },
      'This card has no frontier (card.frontier); its measured rows follow.'),
    models ? modelsTable(models) : null,
    facts(Object.entries(rest).map(([k, v]) => [k.replace(/_/g, ' '), nested(v)])));
}

function modelsTable(models) {
  const entries = Object.entries(models);
  const attacks = [...new Set(entries.flatMap(([, v]) => Object.keys(v.robust || {})))];
  const header = ['Model', 'Clean', ...attacks.map(a => 'Robust: ' + a.replace(/_/g, ' ')), 'Mean alpha clean / attacked'];
  const rows = entries.map(([name, v]) => [
    (NAMES[name] || name) + (v.alpha !== undefined ? ' (alpha ' + num(v.alpha) + ')' : ''),
    v.clean === undefined ? '–' : pct(v.clean),
    ...attacks.map(a => (v.robust && v.robust[a] !== undefined ? pct(v.robust[a]) : '–')),
    v.mean_alpha ? num(v.mean_alpha.clean) + ' / ' + num(v.mean_alpha.attacked) : '–',
  ]);
  return table('Measured accuracy (' + state.model.name + ')', header, rows, { id: 'card-table' });
}
