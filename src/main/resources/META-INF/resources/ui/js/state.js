// What the console's views share: the model in view (its GET /v1/models/{name} answer) and the image in hand.

const listeners = { model: [], image: [] };

export const state = {
  /** GET /v1/models/{name} of the model in view, or null. */
  model: null,
  /** The image being looked at: { blob, name, url }, or null. */
  image: null,
};

/** The path of a model route: route('classify') -> /v1/models/{name}/classify. */
export function route(suffix = '') {
  return '/v1/models/' + encodeURIComponent(state.model.name) + (suffix ? '/' + suffix : '');
}

/** Calls fn() whenever 'model' or 'image' changes. */
export function on(what, fn) {
  listeners[what].push(fn);
}

export function setModel(model) {
  state.model = model;
  listeners.model.forEach(fn => fn(model));
}

/** Takes a new image (a Blob or File) and tells every view. */
export function setImage(blob, name) {
  if (state.image) {
    URL.revokeObjectURL(state.image.url);
  }
  state.image = { blob, name, url: URL.createObjectURL(blob) };
  listeners.image.forEach(fn => fn(state.image));
}

/** The label of class index i of the model in view. */
export function label(i) {
  return state.model && state.model.labels[i] !== undefined ? state.model.labels[i] : '#' + i;
}

/** Puts the model's epsilon for the norm chosen in select normId into input epsId. */
export function defaultEpsilon(normId, epsId) {
  const threat = state.model.threat_model;
  const l2 = document.getElementById(normId).value === 'l2';
  document.getElementById(epsId).value = l2 ? (threat.l2_epsilon ?? '') : threat.epsilon;
}
