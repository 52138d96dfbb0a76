/** Where one element of a top-level JSON array lies in the body, as byte offsets (end exclusive). */
export interface ElementRange {
  start: number;
  end: number;
}

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Cuts a JSON array body into its elements by looking at bytes only: strings, escapes and
 * nesting are tracked, nothing is decoded. A bad byte inside one element therefore spoils that
 * element alone (the caller decodes each range on its own). Yields lazily so a caller can yield
 * to the event loop between slices. Throws a plain Error naming the byte offset when the body is
 * not one array (unbalanced, empty element, content after the closing bracket); JSON validity of
 * each element is the element parser's business.
 */
export function* jsonArrayElements(body: Uint8Array): Generator<ElementRange> {
  let i = 0;
  while (i < body.length && isSpace(body[i]!)) i++;
  if (body[i] !== 0x5b) throw new Error(`byte ${i}: not a JSON array`);
  i++;
  let depth = 0;
  let inString = false;
  let start = -1;
  let count = 0;
  for (; i < body.length; i++) {
    const b = body[i]!;
    if (inString) {
      if (b === 0x5c) i++;
      else if (b === 0x22) inString = false;
      continue;
    }
    if (isSpace(b)) continue;
    if (depth === 0 && (b === 0x2c || b === 0x5d)) {
      if (start < 0) {
        if (b === 0x5d && count === 0) return finish(body, i + 1);
        throw new Error(`byte ${i}: empty array element`);
      }
      yield { start, end: trimEnd(body, start, i) };
      count++;
      start = -1;
      if (b === 0x5d) return finish(body, i + 1);
      continue;
    }
    if (start < 0) start = i;
    if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) depth++;
    else if (b === 0x5d || b === 0x7d) {
      if (--depth < 0) throw new Error(`byte ${i}: unbalanced "${String.fromCharCode(b)}"`);
    }
  }
  throw new Error(`byte ${body.length}: the array is not closed`);
}

function trimEnd(body: Uint8Array, start: number, end: number): number {
  let e = end;
  while (e > start && isSpace(body[e - 1]!)) e--;
  return e;
}

function finish(body: Uint8Array, from: number): void {
  for (let i = from; i < body.length; i++) if (!isSpace(body[i]!)) throw new Error(`byte ${i}: content after the array's closing bracket`);
}
