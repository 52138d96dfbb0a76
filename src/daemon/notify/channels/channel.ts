/** A rendered message, vendor-neutral. `markdown` uses the subset every bot renders. */
export interface ChannelMessage {
  title: string;
  markdown: string;
  /** Ids to mention (already chosen by the caller: empty unless on-call is to be named). */
  mentions: readonly string[];
  /** The outbox dedup key: stable across retries, so receivers that can (mail) drop repeats. */
  dedupKey: string;
  /** Messages about the same item share it, so receivers that can (mail) group them. */
  thread?: string;
  /** Structured form for machine receivers (generic webhook): template, dedup key, variables. */
  data: Record<string, unknown>;
}

/** What one send attempt came to. Error texts never carry a token, URL secret or password. */
export interface SendOutcome {
  ok: boolean;
  /** The receiver's answer code: HTTP status, or the SMTP reply code. */
  status?: number;
  error?: string;
  /** The receiver refused this message for good: retrying it would get the same answer. */
  permanent?: boolean;
  /** Sent, but not everywhere (a mail server refused some recipients): worth a log line. */
  warning?: string;
}

/** One configured channel with its target and credentials resolved, whatever carries it. */
export interface ChannelTransport {
  /** Where messages go, as logs may show it: never a token or a password. */
  readonly summary: Readonly<Record<string, string | number | boolean>>;
  /**
   * Sends one message and never throws. `timeoutMs` is the notify-wide request deadline;
   * a kind with finer-grained timeouts of its own (SMTP) uses those instead.
   */
  send(msg: ChannelMessage, now: number, timeoutMs: number): Promise<SendOutcome>;
}
