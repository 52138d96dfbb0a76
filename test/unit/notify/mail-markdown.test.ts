import { describe, expect, it } from 'vitest';
import { escapeHtml, markdownToHtml, markdownToText } from '../../../src/daemon/notify/channels/mail-markdown.js';

describe("the bots' markdown subset as mail bodies", () => {
  it.each([
    ['### SLA breached', '<h3>SLA breached</h3>'],
    ['- item: alert 7\n- customer: acme', '<ul><li>item: alert 7</li><li>customer: acme</li></ul>'],
    ['line one\nline two', '<p>line one<br>line two</p>'],
    ['**bold** text', '<p><strong>bold</strong> text</p>'],
    ['### t\nbody\n\n- a\nafter', '<h3>t</h3>\n<p>body</p>\n<ul><li>a</li></ul>\n<p>after</p>'],
  ])('%j -> %s', (md, html) => {
    expect(markdownToHtml(md)).toBe(html);
  });

  it('escapes what alert text may carry before adding any markup', () => {
    const md = '### <script>alert(1)</script>\n- title: "x" & \'y\' <img src=x onerror=alert(1)>\n**<b>**';
    const html = markdownToHtml(md);
    expect(html).not.toMatch(/<(script|img|b)[\s>]/);
    expect(html).toBe('<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>\n<ul><li>title: &quot;x&quot; &amp; &#39;y&#39; &lt;img src=x onerror=alert(1)&gt;</li></ul>\n<p><strong>&lt;b&gt;</strong></p>');
    expect(escapeHtml('<a href="x">')).toBe('&lt;a href=&quot;x&quot;&gt;');
  });

  it('turns no text into a link', () => {
    expect(markdownToHtml('see [here](https://evil.example) or https://evil.example')).toBe('<p>see [here](https://evil.example) or https://evil.example</p>');
  });

  it('the text part keeps the lines and drops heading and bold marks', () => {
    expect(markdownToText('### SLA 已超时：响应时限已过\n- 事项：**alert** 7')).toBe('SLA 已超时：响应时限已过\n- 事项：alert 7');
  });
});
