import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './disclosure.markdown.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](&#x6A;avascript:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<svg/onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '`<script>`</code><script>alert(1)</script>',
  '[a](https://ok.example "title\\" onmouseover=\\"alert(1)")',
];

const SAFE_TAGS = new Set(['p', 'a', 'code', 'pre', 'strong', 'em', 'ul', 'ol', 'li', 'br']);
const SAFE_ATTRIBUTES = new Set(['href', 'rel', 'target', 'title']);

/** Every element and attribute in the output, as a browser would see them. */
function liveMarkup(html: string) {
  const problems: string[] = [];
  for (const [, tag = '', attributes = ''] of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    if (!SAFE_TAGS.has(tag.toLowerCase())) problems.push(`<${tag}>`);
    for (const [, name = '', value = ''] of attributes.matchAll(/([^\s=]+)="([^"]*)"/g)) {
      if (!SAFE_ATTRIBUTES.has(name.toLowerCase())) problems.push(`${name}=`);
      if (name === 'href' && !/^(https?:|mailto:|#)/i.test(value)) problems.push(`href=${value}`);
    }
  }
  return problems;
}

describe('researcher Markdown', () => {
  it.each(PAYLOADS)('renders %s without live markup', (payload) => {
    expect(liveMarkup(renderMarkdown(payload))).toEqual([]);
  });

  it('the check itself finds live markup', () => {
    expect(liveMarkup('<p><img src=x onerror="alert(1)"><a href="javascript:x">y</a></p>')).toEqual(
      ['<img>', 'onerror=', 'href=javascript:x'],
    );
  });

  it('keeps ordinary formatting and safe links, marked to leak nothing', () => {
    const html = renderMarkdown(
      '**IDOR** in `GET /api/account/{id}` — see [docs](https://docs.example/a)',
    );
    expect(html).toContain('<strong>IDOR</strong>');
    expect(html).toContain('<code>GET /api/account/{id}</code>');
    expect(html).toContain(
      '<a href="https://docs.example/a" rel="noopener noreferrer nofollow" target="_blank">docs</a>',
    );
  });

  it('turns an image into a link, so reading a message fetches nothing', () => {
    expect(renderMarkdown('![poc](https://tracker.example/p.png)')).toBe(
      '<p><a href="https://tracker.example/p.png" rel="noopener noreferrer nofollow" target="_blank">poc</a></p>\n',
    );
  });
});
