// The console's only way to the server: the public HTTP API, with the probe's API key (kept in memory) and
// errors turned into readable messages.

let apiKey = null;
const keyListeners = [];

/** An API failure: the HTTP status, the server's own "expected X, found Y" message, and Retry-After seconds. */
export class ApiError extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/** Sets the key sent as X-API-Key (null forgets it). */
export function setApiKey(key) {
  apiKey = key || null;
}

/** Calls fn(error) whenever a request is refused for want of the right key (401). */
export function onKeyNeeded(fn) {
  keyListeners.push(fn);
}

/** fetch() against the API: adds the key, throws ApiError on any non-2xx answer. */
export async function call(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (apiKey) {
    headers.set('X-API-Key', apiKey);
  }
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, 'The server could not be reached (' + e.message + ').', null);
  }
  if (!response.ok) {
    throw await failure(response);
  }
  return response;
}

/** POSTs an image (a Blob) as the raw body, PNG unless the blob says JPEG, and parses the JSON answer. */
export async function postImage(path, blob, signal) {
  return json(path, imagePost(blob, signal));
}

/** fetch() options that POST an image (a Blob) as the raw body, PNG unless the blob says JPEG. */
export function imagePost(blob, signal) {
  return { method: 'POST', body: blob, signal,
    headers: { 'Content-Type': blob.type === 'image/jpeg' ? 'image/jpeg' : 'image/png' } };
}

/** call() and parse the JSON answer. */
export async function json(path, options) {
  return (await call(path, options)).json();
}

async function failure(response) {
  let text = '';
  try {
    const body = await response.json();
    text = body && typeof body.error === 'string' ? body.error : '';
  } catch (e) {
    text = '';
  }
  const retry = parseInt(response.headers.get('Retry-After') || '', 10);
  const error = new ApiError(response.status, explain(response.status, text, retry), isNaN(retry) ? null : retry);
  if (response.status === 401) {
    keyListeners.forEach(fn => fn(error));
  }
  return error;
}

function explain(status, text, retry) {
  const detail = text || 'no details given';
  switch (status) {
    case 401:
      return 'The probe needs an API key (' + detail + '). Enter it above.';
    case 429:
      return 'The probe is busy: try again ' + (isNaN(retry) ? 'shortly' : 'in ' + retry + ' s') + ' (' + detail + ').';
    case 503:
      return 'The server is not ready or overloaded' + (isNaN(retry) ? '' : ', retry in ' + retry + ' s')
        + ' (' + detail + ').';
    default:
      return (status >= 500 ? 'The server failed' : 'The request was refused') + ' (HTTP ' + status + '): '
        + detail;
  }
}

/**
 * Reads a Server-Sent Events stream with fetch (EventSource cannot send X-API-Key, nor POST), calling onEvent with
 * each event's parsed JSON data until the stream ends or the options' signal aborts; options as fetch()'s (a GET
 * by default).
 */
export async function streamEvents(path, onEvent, options = {}) {
  const response = await call(path, { ...options,
    headers: { ...(options.headers || {}), Accept: 'text/event-stream' } });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer.slice(0, end).split('\n').filter(line => line.startsWith('data:'))
          .map(line => line.slice(5).replace(/^ /, '')).join('\n');
        buffer = buffer.slice(end + 2);
        if (data) {
          onEvent(JSON.parse(data));
        }
      }
    }
  } finally {
    // an event handler that throws, or an abort, leaves the stream: close it so the server stops sending
    reader.cancel().catch(() => {});
  }
}
