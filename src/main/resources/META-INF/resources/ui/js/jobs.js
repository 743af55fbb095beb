// Probe jobs: start one on the bundled probe set or on uploaded images, follow its event stream with a progress
// bar and ETA, cancel it, and read the result: robust accuracy, the images found adversarial, the CSV.
import { call, json, streamEvents } from './api.js';
import { duration, el, fill, show, showError } from './dom.js';
import { defaultEpsilon, on, route } from './state.js';
import { jobResult } from './job-result.js';
import { uploadLabels, uploadedFiles } from './job-upload.js';

/** Object URLs of the images uploaded for jobs started here, by job id, for the result's thumbnails. */
const uploads = new Map();
let watching = null;

export function init() {
  document.getElementById('job-form').addEventListener('submit', event => { event.preventDefault(); start(); });
  document.getElementById('j-norm').addEventListener('change', () => defaultEpsilon('j-norm', 'j-eps'));
  document.getElementById('j-files').addEventListener('change', e => {
    document.getElementById('j-upload').checked = true;
    uploadLabels(e.target.files);
  });
  on('model', () => { defaultEpsilon('j-norm', 'j-eps'); show('job-current'); });
}

/** Shows why jobs cannot run (the probe is turned off on this server). */
export function probeOff(message) {
  showError('jobs-error', new Error('Probe jobs are not available: ' + message));
  document.getElementById('job-form').hidden = true;
}

function params() {
  const p = new URLSearchParams({ norm: document.getElementById('j-norm').value,
    queries: document.getElementById('j-queries').value });
  const eps = document.getElementById('j-eps').value;
  if (eps !== '') {
    p.set('epsilon', eps);
  }
  return p;
}

async function start() {
  const bundled = document.getElementById('j-bundled').checked;
  const p = params();
  const options = { method: 'POST' };
  let urls = null;
  if (bundled) {
    p.set('first', document.getElementById('j-first').value);
  } else {
    const upload = uploadedFiles();
    if (!upload) {
      showError('jobs-error', new Error('Choose one or more images to probe, and their true labels.'));
      return;
    }
    options.body = upload.form;
    urls = upload.urls;
  }
  try {
    const job = await json(route('probe-jobs') + '?' + p, options);
    showError('jobs-error', null);
    if (urls) {
      uploads.set(job.id, urls);
    }
    watch(job);
    refreshList();
  } catch (e) {
    showError('jobs-error', e);
  }
}

/** Follows a job: progress from its event stream until "done", then its result. */
async function watch(job) {
  if (watching) {
    watching.abort();
  }
  const controller = new AbortController();
  watching = controller;
  const eta = etaClock();
  progress(job, eta);
  try {
    await streamEvents(route('probe-jobs/' + job.id + '/events'), event => {
      progress(event.job, eta);
      if (event.type === 'done') {
        controller.abort();
      }
    }, { signal: controller.signal });
  } catch (e) {
    if (e.name !== 'AbortError') {
      showError('jobs-error', e);
      return;
    }
  }
  if (watching === controller) {
    finished(job.id);
  }
}

async function finished(id) {
  try {
    const job = await json(route('probe-jobs/' + id));
    progress(job, null);
    show('job-result', jobResult(job, uploads.get(id), downloadCsv));
    refreshList();
  } catch (e) {
    showError('jobs-error', e);
  }
}

/** Estimates the time left from the images finished since the first event seen. */
function etaClock() {
  let first = null;
  return p => {
    const now = performance.now();
    if (!first || p.images_done < first.done) {
      first = { now, done: p.images_done };
      return null;
    }
    const rate = (p.images_done - first.done) / (now - first.now);
    return rate > 0 ? (p.images_total - p.images_done) / rate / 1000 : null;
  };
}

function progress(job, eta) {
  const p = job.progress;
  const ended = job.state !== 'queued' && job.state !== 'running';
  const left = eta && !ended ? eta(p) : null;
  let box = document.getElementById('job-progress');
  if (!box || box.dataset.id !== job.id) {
    show('job-current', el('h3', {}, 'Job ' + job.id.slice(0, 8) + ' · ' + job.source),
      el('div', { id: 'job-progress', 'data-id': job.id }),
      el('div', { id: 'job-result' }));
    box = document.getElementById('job-progress');
  }
  fill(box,
    el('progress', { value: p.images_done, max: p.images_total, 'aria-label': 'Job progress' }),
    el('p', { id: 'job-state', 'aria-live': 'polite' }, el('strong', {}, job.state), ' · ' + p.images_done + ' of '
      + p.images_total + ' images · ' + p.robust_so_far + ' not fooled so far · ' + p.queries + ' queries'
      + (ended ? '' : ' · ' + (left === null ? 'estimating time left…' : 'about ' + duration(left) + ' left'))),
    job.error ? el('p', { class: 'error' }, job.error) : null,
    ended ? null : el('button', { type: 'button', id: 'job-cancel', onclick: () => cancel(job.id) }, 'Cancel'));
}

async function cancel(id) {
  try {
    await call(route('probe-jobs/' + id), { method: 'DELETE' });
  } catch (e) {
    showError('jobs-error', e);
  }
}

async function downloadCsv(id) {
  try {
    const blob = await (await call(route('probe-jobs/' + id + '/result.csv'))).blob();
    const link = el('a', { href: URL.createObjectURL(blob), download: 'probe-job-' + id + '.csv' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (e) {
    showError('jobs-error', e);
  }
}

/** Lists the model's kept jobs, each with a button to follow or read it. */
export async function refreshList() {
  try {
    const { jobs } = await json(route('probe-jobs'));
    show('job-list', jobs.length === 0 ? el('p', { class: 'hint' }, 'No jobs yet.') : el('ul', { class: 'jobs' },
      jobs.map(job => el('li', {}, el('button', { type: 'button', onclick: () => watch(job) }, 'Show'),
        ' ' + job.state + ' · ' + job.source + ' · ' + job.attack.norm + ' epsilon ' + job.attack.epsilon
        + (job.result ? ' · robust ' + (100 * job.result.robust_accuracy).toFixed(1) + '%' : '')
        + ' · started ' + new Date(job.created_at).toLocaleString()))));
  } catch (e) {
    if (e.status !== 401 && e.status !== 404) {
      showError('jobs-error', e);
    }
  }
}
