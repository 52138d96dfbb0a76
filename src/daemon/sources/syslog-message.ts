/** The parts of a syslog message intake cares about; the payload goes to the format parsers. */
export interface SyslogMessage {
  host?: string;
  app?: string;
  message: string;
}

const RFC5424 = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) /;
const RFC3164 = /^<(\d{1,3})>([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) (\S+) /;
const TAG = /^([^\s:[\]{]{1,48})(?:\[[^\]]*\])?: ?/;

/** Length of RFC 5424 STRUCTURED-DATA at `text[i]`: `-` or `[id k="v" ...]...`, where `\]` and `\"` are escapes. */
function structuredDataEnd(text: string, i: number): number {
  if (text[i] === '-') return i + 1;
  let j = i;
  while (text[j] === '[') {
    let inQuote = false;
    j++;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === '\\') j++;
      else if (c === '"') inQuote = !inQuote;
      else if (c === ']' && !inQuote) break;
    }
    j++;
  }
  return j;
}

/**
 * RFC 5424 (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`) and RFC 3164 (`<PRI>Mmm dd hh:mm:ss
 * HOST TAG: MSG`). Anything else is taken whole as the message, since senders vary widely.
 */
export function parseSyslog(text: string): SyslogMessage {
  const m5 = RFC5424.exec(text);
  if (m5) {
    const sdEnd = structuredDataEnd(text, m5[0].length);
    let message = text.slice(sdEnd).replace(/^ /, '');
    if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
    return { ...(m5[3] !== '-' ? { host: m5[3] } : {}), ...(m5[4] !== '-' ? { app: m5[4] } : {}), message };
  }
  const m3 = RFC3164.exec(text);
  if (m3) {
    const rest = text.slice(m3[0].length);
    const tag = TAG.exec(rest);
    return { host: m3[3]!, ...(tag ? { app: tag[1]! } : {}), message: tag ? rest.slice(tag[0].length) : rest };
  }
  const pri = /^<\d{1,3}>/.exec(text);
  return { message: pri ? text.slice(pri[0].length) : text };
}
