import type { OpenPort } from '../../../shared/scan.js';
import { mongoCommands } from './mongo-client.js';

/** maxWireVersion → the release that introduced it (MongoDB driver specifications). */
const WIRE_RELEASES: Readonly<Record<number, string>> = {
  6: '3.6',
  7: '4.0',
  8: '4.2',
  9: '4.4',
  13: '5.0',
  14: '5.1',
  15: '5.2',
  16: '5.3',
  17: '6.0',
  18: '6.1',
  19: '6.2',
  20: '6.3',
  21: '7.0',
  22: '7.1',
  23: '7.2',
  24: '7.3',
  25: '8.0',
};
const NEWEST_KNOWN_WIRE = 25;

function releaseHint(wire: unknown): string {
  if (typeof wire !== 'number') return 'hello unsupported: older than 4.4.2';
  const known = WIRE_RELEASES[wire];
  return `maxWireVersion ${wire}: ${known ? `${known}.x` : wire > NEWEST_KNOWN_WIRE ? 'newer than 8.0' : 'development release'}`;
}

/**
 * MongoDB identified over OP_MSG: `hello` proves it speaks the protocol and gives the wire
 * version (a release hint only), `buildInfo` — answered before authentication — gives the
 * exact version, which is what the vulnerability match needs. A hint never becomes a version.
 */
export async function mongoIdentity(host: string, port: number, timeoutMs: number): Promise<Omit<OpenPort, 'host' | 'port'> | undefined> {
  let replies;
  try {
    replies = await mongoCommands(
      host,
      port,
      [
        { hello: 1, $db: 'admin' },
        { buildInfo: 1, $db: 'admin' },
      ],
      timeoutMs,
    );
  } catch {
    return undefined;
  }
  const [hello, build] = replies;
  if (!hello || typeof hello.ok !== 'number') return undefined;
  const version = build?.ok === 1 && typeof build.version === 'string' && /^\d+\.\d+\.\d+$/.test(build.version) ? build.version : undefined;
  return { service: 'mongodb', product: 'MongoDB', ...(version ? { version } : {}), banner: `MongoDB ${version ?? '?'} (${releaseHint(hello.maxWireVersion)})` };
}
