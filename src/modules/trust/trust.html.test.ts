import { describe, expect, it } from 'vitest';
import { html, paragraphs } from './trust.html.js';

describe('html', () => {
  it('escapes every interpolated value, nested arrays included', () => {
    const evil = `<script>alert("x")</script>&'`;
    expect(html`<p title="${evil}">${[evil, [evil]]}</p>`.value).toBe(
      `<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">` +
        `${'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;'.repeat(2)}</p>`,
    );
  });

  it('keeps Html as it is and drops empty values', () => {
    expect(html`<div>${html`<b>${'a<b'}</b>`}${null}${undefined}${false}${0}</div>`.value).toBe(
      '<div><b>a&lt;b</b>0</div>',
    );
  });

  it('turns plain text into escaped paragraphs', () => {
    expect(paragraphs('One <b>\nline\n\nTwo').value.replace(/\s+/g, '')).toBe(
      '<p>One&lt;b&gt;<br/>line</p><p>Two</p>',
    );
  });
});
