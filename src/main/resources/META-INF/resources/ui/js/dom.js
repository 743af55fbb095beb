// Small DOM and number helpers shared by the console's views.

/** Creates an element: el('p', {class: 'x'}, 'text', child, ...); attributes starting with "on" add listeners. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** Replaces the children of the element with this id. */
export function show(id, ...children) {
  const node = document.getElementById(id);
  return fill(node, ...children);
}

/** Replaces the children of a node, skipping null, undefined and false. */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
  return node;
}

/** A percentage with one decimal: 0.8964 -> "89.6%". */
export function pct(x) {
  return (100 * x).toFixed(1) + '%';
}

/** A number with a few significant digits and no trailing zeros: 0.6500 -> "0.65", 1000 -> "1000". */
export function num(x, digits = 3) {
  if (x === null || x === undefined) {
    return '–';
  }
  const v = Number(x);
  if (!Number.isFinite(v) || Math.abs(v) >= 10 ** digits) {
    return String(Number.isFinite(v) ? Math.round(v) : v);
  }
  const text = v.toPrecision(digits);
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}

/** Seconds as "12 s" or "3 min 5 s". */
export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? s + ' s' : Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
}

/** Shows an error message (or clears it with null) in a role="alert" box. */
export function showError(id, error) {
  const text = error ? (error.message || String(error)) : '';
  show(id, text ? el('p', {}, text) : null);
}

/** A table from a header row and body rows (arrays of cells: text or nodes). */
export function table(caption, header, rows, attributes = {}) {
  return el('div', { class: 'table-wrap' }, el('table', attributes,
    caption ? el('caption', {}, caption) : null,
    el('thead', {}, el('tr', {}, header.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map(row => el('tr', {}, row.map((cell, i) =>
      i === 0 ? el('th', { scope: 'row' }, cell) : el('td', {}, cell)))))));
}

/** A labelled value list (dl) from [term, value] pairs. */
export function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

/** An img element for base64 PNG data. */
export function pngImage(base64, alt, className = 'pixels') {
  return el('img', { src: 'data:image/png;base64,' + base64, alt, class: className });
}
