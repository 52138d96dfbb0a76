import { createHash } from 'node:crypto';
import { SocdeckError } from '../../../shared/errors.js';
import { auditOp } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import { SOURCE_TOKENS } from '../../collections.js';
import type { Store } from '../../store/store.js';
import { hashSecret, newToken, secretMatches, splitToken, type TokenHash } from './token-hash.js';

interface SourceTokenRecord extends TokenHash {
  source: string;
  tokenId: string;
  rotatedAt: string;
  rotatedBy: string;
}

/**
 * One ingest token per webhook source, stored as a salted hash: `POST /ingest/<name>` takes that
 * source's token only, so a sensor's token opens nothing else and no user's token opens ingest.
 */
export class SourceTokens {
  private readonly verified = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** The configured webhook sources' names. */
    private readonly webhooks: () => readonly string[],
  ) {}

  async verify(source: string, token: string | undefined): Promise<boolean> {
    const parts = token === undefined ? undefined : splitToken(token);
    const rec = this.store.get<SourceTokenRecord>(SOURCE_TOKENS, source);
    if (!parts || !rec || token === undefined || rec.tokenId !== parts.id) return false;
    const key = createHash('sha256').update(`${source}\n${token}`).digest('hex');
    if (this.verified.has(key)) return true;
    if (!(await secretMatches(rec, parts.secret))) return false;
    this.verified.add(key);
    return true;
  }

  async rotate(source: string, by: string): Promise<{ source: string; token: string; rotatedAt: string }> {
    if (!this.webhooks().includes(source)) throw new SocdeckError('not_found', `no webhook source ${source} (webhook sources: ${this.webhooks().join(', ') || 'none'})`);
    const t = newToken();
    const rotatedAt = new Date(this.clock.now()).toISOString();
    const rec: SourceTokenRecord = { source, tokenId: t.id, rotatedAt, rotatedBy: by, ...(await hashSecret(t.secret)) };
    const before = this.store.get<SourceTokenRecord>(SOURCE_TOKENS, source);
    this.verified.clear();
    await this.store.commit([
      { op: 'put', coll: SOURCE_TOKENS, id: source, value: rec },
      auditOp({ actor: by, action: 'source.rotate', target: { kind: 'source', id: source }, at: rotatedAt, before: before ? { tokenId: before.tokenId } : {}, after: { tokenId: t.id } }),
    ]);
    return { source, token: t.token, rotatedAt };
  }
}
