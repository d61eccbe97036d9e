import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonBlock, SafeHtml } from './html.ts';

describe('html tagged template', () => {
  it('escapes text', () => {
    expect(html`<p>${'<script>alert(1)</script> & co'}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>',
    );
  });

  it('escapes both quotes inside attributes, so a value cannot leave its attribute', () => {
    const evil = `x" onmouseover="alert(1)`;
    expect(html`<a title="${evil}">`.value).toBe('<a title="x&quot; onmouseover=&quot;alert(1)">');
    expect(html`<a title='${"it's"}'>`.value).toBe("<a title='it&#39;s'>");
  });

  it('keeps nested templates as they are and escapes what they interpolate', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><b>&lt;i&gt;</b></p>');
    expect(html`${html`${html`${'&'}`}`}`.value).toBe('&amp;');
  });

  it('prints numbers (0 included) and leaves out null, undefined and false', () => {
    expect(html`${0}|${42}|${-1.5}`.value).toBe('0|42|-1.5');
    expect(html`[${null}][${undefined}][${false}]`.value).toBe('[][][]');
    expect(html`${true}`.value).toBe('true');
  });

  it('joins arrays without separators, escaping each item and keeping nested templates', () => {
    expect(html`<ul>${['a<', html`<li>${'b>'}</li>`, null, 3]}</ul>`.value).toBe(
      '<ul>a&lt;<li>b&gt;</li>3</ul>',
    );
    expect(html`${[['<', ['>']]]}`.value).toBe('&lt;&gt;');
    expect(html`${[]}`.value).toBe('');
  });

  it('does not trust a string that looks like markup, only SafeHtml', () => {
    const markup = '<b>fett</b>';
    expect(html`${markup}`.value).toBe('&lt;b&gt;fett&lt;/b&gt;');
    expect(html`${new SafeHtml(markup)}`.value).toBe(markup);
    expect(html`${{ toString: () => '<x>' }}`.value).toBe('&lt;x&gt;');
  });

  it('escapes an ampersand once (no double escaping of entities)', () => {
    expect(html`${'&amp;'}`.value).toBe('&amp;amp;');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('jsonBlock cannot be closed by its content', () => {
    const block = jsonBlock('d"x', { s: '</script><script>alert(1)</script>', l: '\u2028' }).value;
    expect(block).toContain('id="d&quot;x"');
    expect(block).not.toContain('</script><script>');
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(block.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, ''))).toEqual({
      s: '</script><script>alert(1)</script>',
      l: '\u2028',
    });
  });
});
