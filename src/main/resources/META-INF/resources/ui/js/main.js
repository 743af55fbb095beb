// Starts the console: tabs, the model picker, the API-key prompt, and every view.
import { json, onKeyNeeded, setApiKey } from './api.js';
import { el, show } from './dom.js';
import { setModel, state } from './state.js';
import * as classify from './classify.js';
import * as attack from './attack.js';
import * as jobs from './jobs.js';
import * as card from './card.js';
import * as model from './model.js';

const TABS = ['classify', 'attack', 'jobs', 'card', 'model'];

function selectTab() {
  const wanted = location.hash.slice(1);
  const tab = TABS.includes(wanted) ? wanted : 'classify';
  for (const panel of document.querySelectorAll('[data-panel]')) {
    panel.hidden = panel.dataset.panel !== tab;
  }
  for (const link of document.querySelectorAll('[data-tab]')) {
    if (link.dataset.tab === tab) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

async function loadModels() {
  const picker = document.getElementById('model-picker');
  try {
    const { models } = await json('/v1/models');
    const ready = models.filter(m => m.status === 'ready');
    picker.replaceChildren(...models.map(m => el('option', { value: m.name, disabled: m.status !== 'ready' },
      m.status === 'ready' ? m.name : m.name + ' (' + m.status + (m.error ? ': ' + m.error : '') + ')')));
    document.getElementById('picker-box').hidden = models.length < 2;
    if (ready.length === 0) {
      show('model-status', models.length === 0 ? 'No model is served.' : 'No model is ready yet: '
        + models.map(m => m.name + ' ' + m.status + (m.error ? ' (' + m.error + ')' : '')).join(', '));
      return;
    }
    picker.value = ready[0].name;
    await pick(ready[0].name);
  } catch (e) {
    show('model-status', 'Could not list the models: ' + e.message);
  }
}

async function pick(name) {
  try {
    const info = await json('/v1/models/' + encodeURIComponent(name));
    show('model-status', info.name + ' v' + info.version + ' on ' + info.provider);
    setModel(info);
    checkProbe();
  } catch (e) {
    show('model-status', 'Could not load model ' + name + ': ' + e.message);
  }
}

/** Asks a probe route once, so a locked probe shows the key field before anyone presses a button. */
async function checkProbe() {
  try {
    await json('/v1/models/' + encodeURIComponent(state.model.name) + '/probe-jobs');
    document.getElementById('key-form').hidden = true;
    jobs.refreshList();
  } catch (e) {
    if (e.status === 404) {
      attack.probeOff(e.message);
      jobs.probeOff(e.message);
    }
  }
}

function keyPrompt() {
  const form = document.getElementById('key-form');
  onKeyNeeded(() => {
    show('key-message', document.getElementById('api-key').value
      ? 'That API key was refused (401). Check it and try again.'
      : 'The probe is locked by an API key: enter it to attack images and run jobs.');
    form.hidden = false;
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    setApiKey(document.getElementById('api-key').value.trim());
    checkProbe();
  });
}

window.addEventListener('hashchange', selectTab);
document.getElementById('model-picker').addEventListener('change', e => pick(e.target.value));
keyPrompt();
classify.init();
attack.init();
jobs.init();
card.init();
model.init();
selectTab();
loadModels();
