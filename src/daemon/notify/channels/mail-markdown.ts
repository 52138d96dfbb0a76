/**
 * The bots' markdown subset (headings, "- " bullets, **bold**, plain lines) as mail bodies.
 * Message text carries attacker-controlled strings (alert titles, host names), so HTML is
 * escaped before any markup is added, and nothing turns text into links or images.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^[-*]\s+(.*)$/;
const BOLD = /\*\*(.+?)\*\*/g;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

function inline(text: string): string {
  return escapeHtml(text).replace(BOLD, '<strong>$1</strong>');
}

/** The HTML body: block elements only, no styles or scripts a mail client would strip anyway. */
export function markdownToHtml(md: string): string {
  const out: string[] = [];
  // Consecutive bullets make one list, consecutive plain lines one paragraph.
  let block: { tag: 'ul' | 'p'; items: string[] } | undefined;
  const flush = () => {
    if (block) out.push(block.tag === 'ul' ? `<ul>${block.items.map((i) => `<li>${i}</li>`).join('')}</ul>` : `<p>${block.items.join('<br>')}</p>`);
    block = undefined;
  };
  const add = (tag: 'ul' | 'p', item: string) => {
    if (block?.tag !== tag) flush();
    (block ??= { tag, items: [] }).items.push(item);
  };
  for (const raw of md.split('\n')) {
    const line = raw.trimEnd();
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`);
    } else if (bullet) add('ul', inline(bullet[1]!));
    else if (line.trim()) add('p', inline(line));
    else flush();
  }
  flush();
  return out.join('\n');
}

/** The text/plain body: the same lines without the markup characters a reader would trip over. */
export function markdownToText(md: string): string {
  return md
    .split('\n')
    .map((line) => line.replace(HEADING, '$2').replace(BOLD, '$1'))
    .join('\n');
}
