import type { BsonDoc } from '../mongo/bson-codec.js';
import { mongoCommands } from '../mongo/mongo-client.js';
import type { ServiceCheck } from './types.js';

/** Database names shown in the evidence, and the characters kept of each. */
const NAMES_SHOWN = 10;
const NAME_CHARS = 40;

const isDoc = (v: unknown): v is BsonDoc => typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v) && !(v instanceof Date);
const printable = (s: string) => s.replace(/[\x00-\x1f\x7f]/g, '?').slice(0, NAME_CHARS);

export const mongodbNoAuth: ServiceCheck = {
  id: 'mongodb-no-auth',
  title: 'MongoDB accepts unauthenticated commands',
  severity: 'high',
  remediationId: 'mongodb-auth',
  appliesTo: (p) => p.service === 'mongodb',
  async run(ctx) {
    // With authorization on, listDatabases answers code 13 Unauthorized; without, it lists everything.
    let reply: BsonDoc | undefined;
    try {
      [reply] = await mongoCommands(ctx.target.host, ctx.target.port, [{ listDatabases: 1, nameOnly: true, $db: 'admin' }], ctx.timeoutMs);
    } catch {
      return [];
    }
    if (reply?.ok !== 1 || !Array.isArray(reply.databases)) return [];
    const names = reply.databases.map((d) => (isDoc(d) && typeof d.name === 'string' ? printable(d.name) : '?'));
    const more = names.length > NAMES_SHOWN ? ', …' : '';
    return [{ evidence: `listDatabases answered without credentials: ${names.length} databases (${names.slice(0, NAMES_SHOWN).join(', ')}${more})` }];
  },
};
