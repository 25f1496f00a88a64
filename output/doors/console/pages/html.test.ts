import { describe, expect, it } from 'vitest';
import { html, joinHtml, trustedHtml } from './html.js';

describe('html', () => {
  it('escapes every interpolated text, in content and in attributes', () => {
    const subject = '<script>alert("x")</script> & \'y\' `z`';
    expect(html`<p title="${subject}">${subject}</p>`.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;</p>',
    );
  });

  it('keeps HTML built with html itself, and escapes the text inside it', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}</p>`.text).toBe('<p><b>&lt;i&gt;</b></p>');
  });

  it('joins lists, drops null, undefined and false, prints numbers', () => {
    expect(html`${['<a>', html`<br>`, null, undefined, false, 0, 12]}`.text).toBe('&lt;a&gt;<br>012');
    expect(joinHtml([html`<i>1</i>`, html`<i>2</i>`], ',').text).toBe('<i>1</i>,<i>2</i>');
  });

  it('does not take a look-alike object for safe HTML', () => {
    const forged = { text: '<script>' } as never;
    expect(html`${forged}`.text).toBe('[object Object]');
    expect(html`${trustedHtml('<svg></svg>')}`.text).toBe('<svg></svg>');
  });
});
