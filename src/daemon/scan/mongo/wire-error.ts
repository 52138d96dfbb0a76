import { SocdeckError } from '../../../shared/errors.js';

/** Why bytes from a port are not a MongoDB message we can read. */
export const WireFault = {
  Truncated: 'truncated',
  BadLength: 'bad_length',
  BadType: 'bad_type',
  BadString: 'bad_string',
  TooDeep: 'too_deep',
  /** Refused by the bson package itself (bad element, string, UTF-8, size); its reason is kept. */
  BadBson: 'bad_bson',
  BadOpcode: 'bad_opcode',
  BadSection: 'bad_section',
  NotAReply: 'not_a_reply',
} as const;
export type WireFault = (typeof WireFault)[keyof typeof WireFault];

/** Malformed BSON or OP_MSG: the peer is not MongoDB, or is hostile; never a crash. */
export class WireFormatError extends SocdeckError {
  constructor(
    readonly fault: WireFault,
    readonly offset: number,
    reason: string,
  ) {
    super('invalid_params', `MongoDB wire format: ${reason} at byte ${offset}`, { fault, offset });
    this.name = 'WireFormatError';
  }
}
