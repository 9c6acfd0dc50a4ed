/** A tagged template that escapes every interpolated value unless it is already safe HTML. */

class SafeHtml {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(value) {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(escape).join('');
  if (value === undefined || value === null || value === false) return '';
  return String(value).replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

export function html(strings, ...values) {
  return new SafeHtml(strings.reduce((out, string, index) => out + string + (index < values.length ? escape(values[index]) : ''), ''));
}

/** Marks trusted text (our own constants) as HTML. */
export const raw = (text) => new SafeHtml(text);
