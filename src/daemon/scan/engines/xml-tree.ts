import { SaxesParser } from 'saxes';
import { SocdeckError } from '../../../shared/errors.js';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** 1-based line of the start tag, for error messages. */
  line: number;
}

/** Deeper than any scanner report nests; stops a nesting bomb from growing the stack. */
export const MAX_XML_DEPTH = 256;

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/**
 * Scanner reports are parsed with saxes, a conformant streaming parser that never reads a DTD,
 * never fetches anything and expands only the predefined entities and character references.
 * On top of that a DOCTYPE with an internal subset or external id, or any ENTITY declaration,
 * is refused before parsing (fail closed against XXE and entity-expansion bombs), so the
 * guarantee does not rest on one library's defaults. Only elements and attributes are kept.
 */
export function parseXml(text: string, file: string): XmlElement {
  // A bare `<!DOCTYPE nmaprun>` (what nmap itself writes) declares nothing.
  const decl = /<!(ENTITY)|<!(DOCTYPE)(?![ \t]+[A-Za-z_][\w.:-]*[ \t]*>)/i.exec(text);
  if (decl) {
    const line = lineAt(text, decl.index);
    throw new SocdeckError('invalid_params', `${file}:${line}: XML declares <!${(decl[1] ?? decl[2])!.toUpperCase()}> with entities or an external id; refused (XXE / entity-expansion protection)`, {
      file,
      line,
    });
  }
  const parser = new SaxesParser({ xmlns: false, position: true });
  const fail = (why: string): never => {
    throw new SocdeckError('invalid_params', `${file}:${parser.line}: ${why}`, { file, line: parser.line });
  };
  parser.on('error', (err) => fail(err.message.replace(/^\d+:\d+: /, '')));
  const root: XmlElement = { name: '#document', attrs: {}, children: [], line: 1 };
  const stack: XmlElement[] = [root];
  parser.on('opentag', (tag) => {
    if (stack.length > MAX_XML_DEPTH) fail(`elements nest deeper than ${MAX_XML_DEPTH}`);
    const el: XmlElement = { name: tag.name, attrs: { ...(tag.attributes as Record<string, string>) }, children: [], line: parser.line };
    stack.at(-1)!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(text).close();
  return root.children[0]!;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
