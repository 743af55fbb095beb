// Renders any JSON value of a spec (card, provenance) as nested lists, never as raw JSON.
import { el, facts, num } from './dom.js';

/** A value as text or nested term/value lists. */
export function nested(value) {
  if (value === null || value === undefined) {
    return '–';
  }
  if (Array.isArray(value)) {
    return value.every(v => typeof v !== 'object' || v === null) ? value.map(v => nested(v)).join(', ')
      : el('ol', {}, value.map(v => el('li', {}, nested(v))));
  }
  if (typeof value === 'object') {
    return facts(Object.entries(value).map(([k, v]) => [k.replace(/_/g, ' '), nested(v)]));
  }
  return typeof value === 'number' ? num(value, 4) : String(value);
}
