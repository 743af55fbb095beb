// Plain words and small pictures for alpha and the margin certificate.
import { el, num } from './dom.js';

/** A gauge of alpha on [0, 1] with the allowed band [alpha_low, alpha_high] shaded and the value in words. */
export function alphaGauge(alpha, low, high) {
  const words = 'alpha ' + num(alpha) + ' in [' + num(low) + ', ' + num(high) + ']: '
    + (alpha >= 0.5 ? 'leans on h, the robust model' : 'leans on g, the standard model');
  return el('div', { class: 'gauge-box' },
    el('p', { class: 'gauge-title', id: 'alpha-text' }, words),
    el('div', {
      class: 'gauge', role: 'meter', 'aria-valuemin': low, 'aria-valuemax': high, 'aria-valuenow': alpha,
      'aria-valuetext': words, 'aria-labelledby': 'alpha-text',
    },
    el('span', { class: 'band', style: 'left:' + 100 * low + '%;width:' + 100 * (high - low) + '%' }),
    el('span', { class: 'needle', style: 'left:' + 100 * alpha + '%' })),
    el('div', { class: 'gauge-scale', 'aria-hidden': 'true' }, el('span', {}, '0 · g'), el('span', {}, '1 · h')));
}

/** One sentence on the margin condition at alpha_low (section 4 of the method). */
export function certificateSentence(c) {
  if (c.threshold === null || c.threshold === undefined) {
    return "alpha_low is " + num(c.alpha_low) + ", so h's weight has no floor: no guarantee at this input.";
  }
  if (c.holds) {
    return "h's margin " + num(c.margin, 2) + ' is above the threshold ' + num(c.threshold, 2)
      + ': the answer cannot be flipped by g.';
  }
  return "h's margin " + num(c.margin, 2) + ' is not above the threshold ' + num(c.threshold, 2)
    + ' (alpha_low ' + num(c.alpha_low) + '): no guarantee at this input.';
}
