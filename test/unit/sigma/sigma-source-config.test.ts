import { describe, expect, it } from 'vitest';
import { IngestConfig } from '../../../src/daemon/sources/ingest-config.js';

describe('detect: sigma in the ingest config', () => {
  it('takes a sigma block on file, syslog and webhook sources and defaults the rules folder', () => {
    const cfg = IngestConfig.parse({ sources: [{ name: 'auth', kind: 'file', paths: ['/var/log/auth.log'], detect: 'sigma', sigma: { mapping: 'linux-auth' } }] });
    expect(cfg.sources[0]).toMatchObject({ detect: 'sigma', sigma: { mapping: 'linux-auth', rules: 'config/sigma/rules', mappingDirs: [] } });
    expect(IngestConfig.safeParse({ sources: [{ name: 's', kind: 'syslog', udpPort: 0, detect: 'sigma', sigma: { mapping: 'linux-auth' } }] }).success).toBe(true);
  });

  it('refuses detect: sigma without its block, naming the field', () => {
    const res = IngestConfig.safeParse({ sources: [{ name: 'auth', kind: 'file', paths: ['/x'], detect: 'sigma' }] });
    expect(res.success).toBe(false);
    expect(res.error!.issues[0]).toMatchObject({ path: ['sources', 0, 'sigma'], message: expect.stringContaining('detect: sigma needs a sigma block') });
  });
});
