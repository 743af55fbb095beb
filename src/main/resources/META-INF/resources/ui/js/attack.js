// Attack this image: a Square probe on the image in hand, its progress (queries used of the budget) from the probe's
// event stream, cancel, and the result as original, adversarial and perturbation side by side.
import { imagePost, streamEvents } from './api.js';
import { el, num, pngImage, show, showError } from './dom.js';
import { defaultEpsilon, on, route, state } from './state.js';

let running = null;

export function init() {
  document.getElementById('attack-form').addEventListener('submit', event => { event.preventDefault(); run(); });
  document.getElementById('a-cancel').addEventListener('click', () => running && running.abort());
  document.getElementById('a-norm').addEventListener('change', () => defaultEpsilon('a-norm', 'a-eps'));
  on('model', () => { defaultEpsilon('a-norm', 'a-eps'); show('attack-result'); });
  on('image', image => {
    show('attack-image-note', 'Image: ', el('img', { src: image.url, alt: 'the image to attack: ' + image.name,
      class: 'pixels thumb' }), ' ' + image.name);
    document.getElementById('a-run').disabled = false;
    show('attack-result');
  });
}

/** Shows why the probe cannot be used (it is turned off on this server). */
export function probeOff(message) {
  showError('attack-error', new Error('The probe is not available: ' + message));
  document.getElementById('attack-form').hidden = true;
}

function params() {
  const p = new URLSearchParams({ attack: 'square' });
  for (const [id, name] of [['a-norm', 'norm'], ['a-eps', 'epsilon'], ['a-queries', 'queries'], ['a-seed', 'seed']]) {
    const value = document.getElementById(id).value;
    if (value !== '') {
      p.set(name, value);
    }
  }
  return p;
}

async function run() {
  if (!state.image) {
    return;
  }
  running = new AbortController();
  busy(true);
  try {
    let answer = null;
    await streamEvents(route('probe/events') + '?' + params(), event => {
      if (event.type === 'error') {
        throw new Error('The attack failed: ' + event.error);
      }
      progress(event.progress);
      answer = event.type === 'done' ? event.result : answer;
    }, imagePost(state.image.blob, running.signal));
    if (!answer) {
      throw new Error('The attack ended without an answer (the stream was cut).');
    }
    showError('attack-error', null);
    render(answer);
  } catch (e) {
    showError('attack-error', e.name === 'AbortError' ? new Error('Cancelled: the server stops the attack when '
      + 'the stream is closed.') : e);
  } finally {
    running = null;
    busy(false);
  }
}

/** Shows queries used of the most the image may cost, as the probe's events report them. */
function progress(p) {
  const bar = document.getElementById('attack-bar');
  bar.max = p.max_queries;
  bar.value = p.queries_used;
  show('attack-elapsed', 'Attacking: ' + p.queries_used + ' of ' + p.max_queries + ' queries used · '
    + num(p.elapsed_ms / 1000) + ' s');
}

function busy(on) {
  document.getElementById('attack-progress').hidden = !on;
  document.getElementById('a-run').disabled = on;
  document.getElementById('a-cancel').disabled = !on;
  if (on) {
    document.getElementById('attack-bar').removeAttribute('value');
    show('attack-elapsed', 'Starting…');
  }
}

function render(a) {
  const p = a.perturbation;
  const before = a.clean.label + ' (alpha ' + num(a.clean.alpha) + ')';
  const figures = [el('figure', {}, el('img', { src: state.image.url, alt: 'original image, classified '
    + a.clean.label, class: 'pixels' }), el('figcaption', {}, 'Original: ' + before))];
  if (p) {
    figures.push(
      el('figure', {}, pngImage(p.adversarial_png, 'adversarial image, classified ' + a.adversarial.label),
        el('figcaption', { id: 'adversarial-label' }, 'Adversarial: ' + a.adversarial.label + ' (alpha '
          + num(a.adversarial.alpha) + ')')),
      el('figure', {}, pngImage(p.heat_map_png, 'heat map of the perturbation, white = ' + num(p.heat_map_scale)),
        el('figcaption', {}, 'Perturbation |δ|, amplified: white = ' + num(p.heat_map_scale) + ' (L-inf '
          + num(p.linf) + ', L2 ' + num(p.l2) + ')')));
  }
  show('attack-result',
    el('p', { class: 'verdict-line ' + (a.found ? 'found' : 'kept'), id: 'attack-status' },
      el('strong', {}, a.found ? 'Fooled: ' : statusWords(a.status)), a.found
        ? a.attacked_label.label + ' → ' + a.adversarial.label : a.clean.label + ' kept'),
    el('div', { class: 'figures' }, figures),
    el('p', {}, a.interpretation),
    el('p', { class: 'timing' }, a.queries_used + ' queries used of ' + a.attack.max_queries_per_image + ' · '
      + a.attack.attack + ' ' + a.attack.norm + ' epsilon ' + a.attack.epsilon + ' · seed ' + a.attack.seed + ' · '
      + (a.probe_ms < 1000 ? num(a.probe_ms) + ' ms' : num(a.probe_ms / 1000) + ' s')));
}

function statusWords(status) {
  return { not_found: 'Not fooled: ', clean_misclassified: 'Not attacked: ', cancelled: 'Cancelled: ',
    timed_out: 'Timed out: ' }[status] || status + ': ';
}
