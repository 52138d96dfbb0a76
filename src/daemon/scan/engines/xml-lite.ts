import { SocdeckError } from '../../../shared/errors.js';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** 1-based line of the start tag, for error messages. */
  line: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    // Only the five predefined entities exist: no DTD, so nothing can expand.
    return ENTITIES[e] ?? m;
  });
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/**
 * A deliberately small XML reader for scanner reports: elements and attributes only, no DTD,
 * no entities beyond the predefined five, no external anything. A document that declares a
 * DOCTYPE or ENTITY is refused outright (XXE and entity-expansion bombs), failing closed.
 */
export function parseXml(text: string, file: string): XmlElement {
  // A bare `<!DOCTYPE nmaprun>` (what nmap itself writes) declares nothing; anything with an
  // internal subset, an external id or an ENTITY is refused before any parsing.
  const decl = /<!(ENTITY)|<!(DOCTYPE)(?![ \t]+[A-Za-z_][\w.:-]*[ \t]*>)/i.exec(text);
  if (decl) {
    throw new SocdeckError('invalid_params', `${file}:${lineAt(text, decl.index)}: XML declares <!${(decl[1] ?? decl[2])!.toUpperCase()}> with entities or an external id; refused (XXE / entity-expansion protection)`, { file, line: lineAt(text, decl.index) });
  }
  const root: XmlElement = { name: '#document', attrs: {}, children: [], line: 1 };
  const stack: XmlElement[] = [root];
  const tag = /<(\?[\s\S]*?\?|!--[\s\S]*?--|!DOCTYPE[^>]*|!\[CDATA\[[\s\S]*?\]\]|\/?[A-Za-z_][\w.:-]*(?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\/?)>/g;
  const attr = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let pos = 0;
  // Tags come in document order, so one forward-moving counter gives every line in O(n).
  let counted = 0;
  let line = 1;
  const lineOf = (index: number) => {
    for (; counted < index; counted++) if (text.charCodeAt(counted) === 10) line++;
    return line;
  };
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const between = text.slice(pos, m.index);
    if (between.includes('<')) throw new SocdeckError('invalid_params', `${file}:${lineAt(text, pos + between.indexOf('<'))}: malformed XML tag`, { file });
    pos = m.index + m[0].length;
    const body = m[1]!;
    if (body[0] === '?' || body[0] === '!') continue;
    const parent = stack.at(-1)!;
    if (body[0] === '/') {
      const name = body.slice(1).trim();
      if (parent.name !== name) throw new SocdeckError('invalid_params', `${file}:${lineAt(text, m.index)}: </${name}> closes <${parent.name}>`, { file });
      stack.pop();
      continue;
    }
    const name = /^[^\s/]+/.exec(body)![0];
    const el: XmlElement = { name, attrs: {}, children: [], line: lineOf(m.index) };
    for (let a = attr.exec(body); a; a = attr.exec(body)) el.attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
    attr.lastIndex = 0;
    parent.children.push(el);
    if (!body.endsWith('/')) stack.push(el);
  }
  if (text.slice(pos).includes('<')) throw new SocdeckError('invalid_params', `${file}:${lineAt(text, pos)}: malformed XML tag`, { file });
  if (stack.length > 1) throw new SocdeckError('invalid_params', `${file}: <${stack.at(-1)!.name}> (line ${stack.at(-1)!.line}) is never closed`, { file });
  const top = root.children;
  if (top.length !== 1) throw new SocdeckError('invalid_params', `${file}: expected one root element, found ${top.length}`, { file });
  return top[0]!;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
