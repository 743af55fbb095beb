// A finished job's result: accuracies, the interpretation, the images found adversarial beside the examples found
// (fetched through the API, with the probe's key, as they scroll into view), and the CSV button.
import { call } from './api.js';
import { el, facts, num, pct, table } from './dom.js';
import { label, route } from './state.js';

/** Loads an adversarial example's PNG when its img element comes into view. */
const lazy = new IntersectionObserver(entries => entries.filter(e => e.isIntersecting).forEach(e => {
  lazy.unobserve(e.target);
  load(e.target);
}));

/** The result block of a finished job; urls are the uploaded images' object URLs (null for the bundled set). */
export function jobResult(job, urls, downloadCsv) {
  const r = job.result;
  if (!r) {
    return el('p', {}, 'The job ended ' + job.state + ' without a result' + (job.error ? ': ' + job.error : '.'));
  }
  const bundled = job.source.startsWith('bundled');
  const fooled = r.rows.filter(row => row.found);
  return el('div', { class: 'job-result' },
    el('p', { class: 'big', id: 'robust-accuracy' }, 'Robust accuracy ' + pct(r.robust_accuracy)),
    facts([
      ['Clean accuracy', pct(r.clean_accuracy)],
      ['Images probed', r.images_probed + ' of ' + r.images_requested + (r.complete ? '' : ' (stopped early)')],
      ['Adversarial examples found', String(r.adversarial_found)],
      ['Queries per attacked image', 'mean ' + num(r.mean_queries) + ', median ' + num(r.median_queries)],
      ['Mean alpha', 'clean ' + num(r.mean_alpha_clean) + ', at adversarial examples '
        + num(r.mean_alpha_adversarial)],
    ]),
    el('p', {}, r.interpretation),
    el('button', { type: 'button', id: 'job-csv', onclick: () => downloadCsv(job.id) }, 'Download the rows as CSV'),
    fooled.length === 0 ? el('p', {}, 'No image was found adversarial.') : table(
      'Images found adversarial (' + fooled.length + ')',
      ['Image', 'Adversarial example', 'True label', 'Clean answer', 'Adversarial answer',
        'alpha clean → adversarial', 'Queries', 'L-inf'],
      fooled.map(row => [thumbnail(row.index, bundled, urls), adversarial(row), label(row.label),
        label(row.clean_class), label(row.adversarial_class), num(row.clean_alpha) + ' → ' + num(row.adversarial_alpha),
        String(row.queries), num(row.linf)]),
      { id: 'fooled-table' }));
}

function thumbnail(index, bundled, urls) {
  const src = bundled ? route('probe-set/' + index) : urls && urls[index];
  const name = (bundled ? 'probe-set image ' : 'uploaded image ') + index;
  return src ? el('span', { class: 'cell-image' }, el('img', { src, alt: name, class: 'pixels thumb' }), ' #' + index)
    : name;
}

/** The example found for a row: an img filled once in view, or why there is none to show. */
function adversarial(row) {
  if (!row.adversarial_image) {
    return el('span', { class: 'hint' }, 'not kept (the server\'s memory cap for examples was full)');
  }
  const img = el('img', { alt: 'adversarial example of image ' + row.index + ', classified '
    + label(row.adversarial_class), class: 'pixels thumb adversarial', 'data-path': row.adversarial_image });
  lazy.observe(img);
  return img;
}

async function load(img) {
  try {
    const url = URL.createObjectURL(await (await call(img.dataset.path)).blob());
    img.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
    img.src = url;
  } catch (e) {
    img.replaceWith(el('span', { class: 'error' }, e.message));
  }
}
