import { describe, expect, it } from 'vitest';
import { sshPasswordCheck } from '../../../../src/daemon/scan/checks/ssh-password-check.js';

describe('SSH password authentication check', () => {
  it('reports skipped with the reason when the OpenSSH client is missing, rather than guessing', async () => {
    const check = sshPasswordCheck('socdeck-no-such-ssh-client');
    const target = { host: '127.0.0.1', port: 22, service: 'ssh' };
    expect(check.appliesTo(target)).toBe(true);
    expect(check.appliesTo({ ...target, service: 'http' })).toBe(false);
    const outcome = await check.run({ target, timeoutMs: 1000, now: 0, cache: new Map() });
    expect(outcome).toEqual({ skipped: expect.stringMatching(/socdeck-no-such-ssh-client\) is not on PATH/) });
  });
});
