/**
 * HTML with every interpolated value escaped. Hand-written rather than Handlebars: pages are
 * plain functions of typed data (the compiler checks every field a template reads), a value is
 * escaped unless it is already `Html`, and there is no template language to learn or to
 * register helpers in. Arrays are joined, `null`/`undefined`/`false` render as nothing.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: Value): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i += 1) out += render(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Plain text as paragraphs: blank lines split them, single line breaks become `<br>`. */
export function paragraphs(text: string): Html {
  return html`${text
    .split(/\n\s*\n/)
    .filter((part) => part.trim() !== '')
    .map(
      (part) =>
        html`<p>
          ${part
            .trim()
            .split('\n')
            .map((line, i) => (i === 0 ? html`${line}` : html`<br />${line}`))}
        </p>`,
    )}`;
}
