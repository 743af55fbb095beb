// The upload half of the job form: one true-label choice per chosen image, pre-filled with the model's answer.
import { json } from './api.js';
import { el, show, showError } from './dom.js';
import { route, state } from './state.js';

let chosen = [];

/** Lists the chosen files, each with a label picker, and asks classify for a first guess of each label. */
export async function uploadLabels(files) {
  chosen = [...files].map(file => ({ file, url: URL.createObjectURL(file) }));
  show('j-labels', chosen.map((c, i) => el('li', {},
    el('img', { src: c.url, alt: 'image ' + i + ': ' + c.file.name, class: 'pixels thumb' }),
    el('label', { for: 'j-label-' + i }, 'True label of ' + c.file.name),
    el('select', { id: 'j-label-' + i }, state.model.labels.map((name, k) => el('option', { value: k }, name))))));
  if (chosen.length === 0) {
    return;
  }
  const form = new FormData();
  chosen.forEach(c => form.append('image', c.file, c.file.name));
  try {
    const answer = await json(route('classify'), { method: 'POST', body: form });
    answer.predictions.forEach((p, i) => { document.getElementById('j-label-' + i).value = p.class_index; });
  } catch (e) {
    showError('jobs-error', e);
  }
}

/** The multipart form for the chosen images and their labels, with their object URLs; null when none. */
export function uploadedFiles() {
  if (chosen.length === 0) {
    return null;
  }
  const form = new FormData();
  chosen.forEach(c => form.append('image', c.file, c.file.name));
  form.append('labels', chosen.map((c, i) => document.getElementById('j-label-' + i).value).join(','));
  return { form, urls: chosen.map(c => c.url) };
}
