// Classify: pick or drop an image (or a bundled sample) and read the mixed answer, g and h, alpha, the certificate.
import { call, json, postImage } from './api.js';
import { el, num, pct, show, showError } from './dom.js';
import { on, route, setImage, state } from './state.js';
import { alphaGauge, certificateSentence } from './explain.js';

let pending = null;
let timer = null;

export function init() {
  document.getElementById('file').addEventListener('change', e => {
    if (e.target.files.length) {
      setImage(e.target.files[0], e.target.files[0].name);
    }
  });
  const drop = document.getElementById('drop');
  drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', e => {
    e.preventDefault();
    drop.classList.remove('over');
    const file = [...e.dataTransfer.files].find(f => /^image\/(png|jpeg)$/.test(f.type));
    if (file) {
      setImage(file, file.name);
    } else {
      showError('classify-error', new Error('Drop a PNG or JPEG image.'));
    }
  });
  for (const id of ['k-gamma', 'k-low', 'k-high']) {
    document.getElementById(id).addEventListener('input', knobMoved);
  }
  document.getElementById('k-reset').addEventListener('click', () => { setKnobs(state.model.knobs); classify(); });
  on('model', model => { loadSamples(); setupKnobs(model); show('classify-result'); });
  on('image', () => classify());
}

async function loadSamples() {
  try {
    const { samples } = await json(route('samples'));
    show('samples', samples.map(s => el('li', {}, el('button', {
      type: 'button', class: 'sample', 'data-file': s.file, title: s.file,
      onclick: () => pickSample(s),
    }, el('img', { src: s.url, alt: 'sample ' + s.file, class: 'pixels' })))));
  } catch (e) {
    showError('classify-error', e);
  }
}

async function pickSample(sample) {
  try {
    const blob = await (await call(sample.url)).blob();
    setImage(blob, sample.file);
  } catch (e) {
    showError('classify-error', e);
  }
}

function setupKnobs(model) {
  document.getElementById('knobs').hidden = !model.request_overrides;
  setKnobs(model.knobs);
}

function setKnobs(knobs) {
  document.getElementById('k-gamma').value = knobs.gamma_bias;
  document.getElementById('k-low').value = knobs.alpha_low;
  document.getElementById('k-high').value = knobs.alpha_high;
  showKnobValues();
}

function showKnobValues() {
  for (const [input, output] of [['k-gamma', 'o-gamma'], ['k-low', 'o-low'], ['k-high', 'o-high']]) {
    document.getElementById(output).value = Number(document.getElementById(input).value).toFixed(2);
  }
}

function knobMoved() {
  showKnobValues();
  clearTimeout(timer);
  timer = setTimeout(classify, 120);
}

function query() {
  const params = new URLSearchParams({ top_k: Math.min(5, state.model.labels.length) });
  if (state.model.request_overrides) {
    params.set('gamma_bias', document.getElementById('k-gamma').value);
    params.set('alpha_low', document.getElementById('k-low').value);
    params.set('alpha_high', document.getElementById('k-high').value);
  }
  return params;
}

async function classify() {
  if (!state.image || !state.model) {
    return;
  }
  if (pending) {
    pending.abort();
  }
  pending = new AbortController();
  try {
    const answer = await postImage(route('classify') + '?' + query(), state.image.blob, pending.signal);
    showError('classify-error', null);
    render(answer);
  } catch (e) {
    if (e.name !== 'AbortError') {
      showError('classify-error', e);
    }
  }
}

function render(answer) {
  const p = answer.predictions[0];
  const knobs = answer.knobs;
  show('classify-result',
    el('figure', { class: 'subject' }, el('img', { src: state.image.url, alt: 'the image classified: '
      + state.image.name, class: 'pixels' }), el('figcaption', {}, state.image.name)),
    el('div', { class: 'answer' },
      el('p', { class: 'label', id: 'predicted-label' }, p.label),
      el('p', { class: 'prob' }, pct(p.probability) + ' mixed probability'),
      topK(p.top_k),
      el('div', { class: 'pair' },
        verdict('g, the standard model', p.standard, p.label),
        verdict('h, the robust model', p.robust, p.label)),
      alphaGauge(p.alpha, knobs.alpha_low, knobs.alpha_high),
      el('p', { class: 'cert ' + (p.certificate.holds ? 'holds' : 'none'), id: 'certificate' },
        el('strong', {}, p.certificate.holds ? 'Certified: ' : 'Not certified: '),
        certificateSentence(p.certificate)),
      el('p', { class: 'timing' }, 'decode ' + num(answer.timing.decode_ms) + ' ms · queue '
        + num(answer.timing.queue_ms) + ' ms · inference ' + num(answer.timing.inference_ms) + ' ms · total '
        + num(answer.timing.total_ms) + ' ms on ' + answer.provider + ' · knobs gamma_bias '
        + num(knobs.gamma_bias) + ', alpha ' + num(knobs.alpha_low) + '–' + num(knobs.alpha_high))));
}

function topK(rows) {
  return el('ol', { class: 'bars', 'aria-label': 'Top classes, mixed probabilities' }, rows.map(r =>
    el('li', {}, el('span', { class: 'bar-label' }, r.label),
      el('span', { class: 'bar', 'aria-hidden': 'true' }, el('span', { style: 'width:' + pct(r.probability) })),
      el('span', { class: 'bar-value' }, pct(r.probability)))));
}

function verdict(who, c, mixed) {
  const agrees = c.label === mixed;
  return el('div', { class: 'verdict ' + (agrees ? 'agrees' : 'differs') },
    el('p', { class: 'who' }, who), el('p', { class: 'what' }, c.label),
    el('p', {}, pct(c.probability) + (agrees ? ' · agrees with the answer' : ' · differs from the answer')));
}
