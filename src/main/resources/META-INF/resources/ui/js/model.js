// The model page: what is served, on which execution provider (and why others were skipped), its input, labels
// and knobs.
import { el, facts, num, show, table } from './dom.js';
import { on } from './state.js';
import { nested } from './values.js';

export function init() {
  on('model', render);
}

function render(m) {
  const knobs = ['gamma_bias', 'alpha_low', 'alpha_high'];
  show('model-info',
    facts([
      ['Name and version', m.name + ' v' + m.version + ' (' + m.status + ')'],
      ['Execution provider', m.provider],
      ['Input', m.input.name + ' [' + m.input.shape.join(', ') + '], ' + m.input.colour + ' (-1: any batch size)'],
      ['Outputs', m.outputs.join(', ')],
      ['Threat model', m.threat_model.norm + ' epsilon ' + m.threat_model.epsilon
        + (m.threat_model.l2_epsilon ? ', L2 epsilon ' + m.threat_model.l2_epsilon : '')],
      ['Scales', 'std_scale ' + num(m.std_scale) + ', rob_scale ' + num(m.rob_scale) + ', gamma_scale '
        + num(m.gamma_scale)],
      ['Certified Lipschitz constant', m.lipschitz === null ? 'none declared' : num(m.lipschitz)],
      ['Request overrides', m.request_overrides ? 'allowed: classify takes gamma_bias, alpha_low, alpha_high'
        : 'off (mixguard.knobs.request-overrides=false)'],
    ]),
    m.skipped_providers.length === 0 ? el('p', {}, 'No execution provider was skipped.')
      : table('Skipped execution providers', ['Provider', 'Why'], m.skipped_providers.map(s => [s.provider,
        s.reason])),
    table('Knobs', ['Knob', 'In use', "Model's default"], knobs.map(k => [k, num(m.knobs[k]), num(m.spec_knobs[k])])),
    el('h3', {}, 'Labels'),
    el('ol', { class: 'labels', start: 0 }, m.labels.map(l => el('li', {}, l))),
    el('details', {}, el('summary', {}, 'Provenance'), nested(m.provenance)));
}
