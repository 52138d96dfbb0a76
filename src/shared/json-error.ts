/**
 * What went wrong in a JSON.parse, without the input. V8's messages quote the text they choke on
 * (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`), and an error about a file someone
 * pointed an RPC at must not hand its first bytes (a token, /etc/shadow) to the caller.
 */
export function jsonErrorWithoutContent(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const position = /at position (\d+)/.exec(message)?.[1];
  if (/end of JSON input|Unterminated/i.test(message)) return `invalid JSON: cut short${position ? ` at position ${position}` : ''}`;
  return `invalid JSON${position ? ` at position ${position}` : ''}`;
}
