import type { ChannelMessage } from './channel.js';

export interface HttpRequestSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface HttpTarget {
  url: string;
  secret?: string;
}

/** One bot vendor: how to build the request (signing included) and how to read its answer. */
export interface HttpChannelDriver {
  build(msg: ChannelMessage, target: HttpTarget, now: number): HttpRequestSpec;
  /** undefined when the vendor accepted the message, else the reason it did not. */
  check(status: number, body: string): string | undefined;
}

export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

/** Bots answer 200 with `{errcode|code: 0}` on success and a non-zero code with a message otherwise. */
export function checkJsonCode(field: 'errcode' | 'code', msgField: 'errmsg' | 'msg') {
  return (status: number, body: string): string | undefined => {
    if (status < 200 || status >= 300) return `HTTP ${status}: ${body.slice(0, 200)}`;
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      return parsed[field] === 0 ? undefined : `${field} ${String(parsed[field])}: ${String(parsed[msgField] ?? '')}`.slice(0, 300);
    } catch {
      return `unexpected answer: ${body.slice(0, 200)}`;
    }
  };
}
