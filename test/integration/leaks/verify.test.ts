import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAlibaba, verifyAws, verifyTencent } from '../../../src/daemon/leaks/verify/cloud-verifiers.js';
import { verifyGithub, verifyGitlab, verifySlack, verifyStripe } from '../../../src/daemon/leaks/verify/token-verifiers.js';
import type { Verifier } from '../../../src/daemon/leaks/verify/verify-types.js';
import { githubToken, plantedKeys, randomFrom } from '../../fixtures/leaks/planted-keys.js';
import { startFakeIdentity, type FakeIdentity } from '../../support/fake-identity.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const live = plantedKeys();
const dead = plantedKeys();
const tokens = { github: githubToken(), gitlab: `glpat-${randomFrom(ALNUM, 20)}`, slack: `xoxb-12345678901-1234567890123-${randomFrom(ALNUM, 24)}`, stripe: `sk_live_${randomFrom(ALNUM, 24)}` };
let f: FakeIdentity;
const ctx = () => ({ base: f.url, timeoutMs: 5000 });

beforeAll(async () => {
  f = await startFakeIdentity();
  f.tencent.set(live.tencentId, live.tencentKey);
  f.alibaba.set(live.alibabaId, live.alibabaSecret);
  f.aws.set(live.awsId, live.awsSecret);
  for (const [name, t] of Object.entries(tokens)) f.tokens.set(t, `${name}-user`);
});
afterAll(() => f.close());

const cases: [string, Verifier, { id?: string; secret: string }, { id?: string; secret: string }, RegExp][] = [
  ['tencent', verifyTencent, { id: live.tencentId, secret: live.tencentKey }, { id: dead.tencentId, secret: dead.tencentKey }, /^100012345678$/],
  ['alibaba', verifyAlibaba, { id: live.alibabaId, secret: live.alibabaSecret }, { id: dead.alibabaId, secret: dead.alibabaSecret }, /^1234567890123456 \(RAMUser 216959339000654321\)$/],
  ['aws', verifyAws, { id: live.awsId, secret: live.awsSecret }, { id: dead.awsId, secret: dead.awsSecret }, /^123456789012 \(arn:aws:iam::123456789012:user\/deploy\)$/],
  ['github', verifyGithub, { secret: tokens.github }, { secret: githubToken() }, /^github-user \(id 583231\)$/],
  ['gitlab', verifyGitlab, { secret: tokens.gitlab }, { secret: `glpat-${randomFrom(ALNUM, 20)}` }, /^gitlab-user \(id 1\)$/],
  ['slack', verifySlack, { secret: tokens.slack }, { secret: `xoxb-12345678901-1234567890123-${randomFrom(ALNUM, 24)}` }, /^Acme \/ slack-user \(T0ACME001\)$/],
  ['stripe', verifyStripe, { secret: tokens.stripe }, { secret: `sk_live_${randomFrom(ALNUM, 24)}` }, /^live mode$/],
];

describe('live-key verification against servers that check signatures and headers', () => {
  it.each(cases)('%s: live with the account, revoked when the provider refuses it', async (provider, verify, good, bad, account) => {
    const before = f.calls.length;
    const ok = await verify(good, ctx());
    expect(ok.status).toBe('live');
    expect(ok.account).toMatch(account);
    expect(await verify(bad, ctx())).toMatchObject({ status: 'revoked' });
    // The fake accepted the first call (signature and headers as the provider checks them) and refused the second.
    expect(f.calls.slice(before).map((c) => [c.provider, c.answer === 'live'])).toEqual([
      [provider, true],
      [provider, false],
    ]);
  });

  it('a wrong secret for a known id fails the signature check, which is revoked, not live', async () => {
    expect(await verifyTencent({ id: live.tencentId, secret: dead.tencentKey }, ctx())).toEqual({ status: 'revoked', detail: 'AuthFailure.SignatureFailure' });
    expect(await verifyAws({ id: live.awsId, secret: dead.awsSecret }, ctx())).toEqual({ status: 'revoked', detail: 'SignatureDoesNotMatch' });
    expect(await verifyAlibaba({ id: live.alibabaId, secret: dead.alibabaSecret }, ctx())).toEqual({ status: 'revoked', detail: 'SignatureDoesNotMatch' });
  });

  it('is unknown when the endpoint cannot be reached or the key pair is incomplete', async () => {
    const down = { base: 'http://127.0.0.1:9', timeoutMs: 2000 };
    for (const [, verify, good] of cases) expect((await verify(good, down)).status).toBe('unknown');
    expect(await verifyTencent({ secret: live.tencentKey }, ctx())).toEqual({ status: 'unknown', detail: 'no SecretId found next to the SecretKey' });
  });
});
