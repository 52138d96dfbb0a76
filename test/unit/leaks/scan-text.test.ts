import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadBaseline } from '../../../src/daemon/leaks/baseline.js';
import { compileRuleSet, loadRuleSet } from '../../../src/daemon/leaks/rules.js';
import { scanText, type SuppressionCounts } from '../../../src/daemon/leaks/scan-text.js';
import { fingerprintSecret } from '../../../src/shared/secret-mask.js';
import { githubToken, plantedKeys, randomFrom } from '../../fixtures/leaks/planted-keys.js';

const ruleSet = loadRuleSet();

function scan(text: string, file = 'app/config.py', baseline: Set<string> = new Set()) {
  const suppressed: SuppressionCounts = { allowlist: 0, inline: 0, baseline: 0 };
  return { found: scanText(text, { file }, { ruleSet, baseline, suppressed }), suppressed };
}

describe('key pairing by proximity', () => {
  it('reports a Tencent SecretKey only next to a SecretId, linked to it', () => {
    const k = plantedKeys();
    const { found } = scan(`secret_id = "${k.tencentId}"\nsecret_key = "${k.tencentKey}"\n`);
    const key = found.find((f) => f.rule === 'tencent-secret-key');
    expect(found.map((f) => f.rule)).toEqual(['tencent-secret-id', 'tencent-secret-key']);
    expect(key?.pairedWith).toBe(fingerprintSecret(k.tencentId));
    expect(key?.line).toBe(2);
  });

  it('does not take a 32-character value far from any SecretId for a SecretKey', () => {
    const k = plantedKeys();
    const far = `secret_id = "${k.tencentId}"\n${'\n'.repeat(10)}checksum = "${k.tencentKey}"\n`;
    expect(scan(far).found.map((f) => f.rule)).not.toContain('tencent-secret-key');
    expect(scan(`checksum = "${k.tencentKey}"`).found.map((f) => f.rule)).not.toContain('tencent-secret-key');
  });

  it('pairs an Alibaba AccessKey secret with its LTAI id', () => {
    const k = plantedKeys();
    const { found } = scan(`ALIBABA_CLOUD_ACCESS_KEY_ID=${k.alibabaId}\nALIBABA_CLOUD_ACCESS_KEY_SECRET=${k.alibabaSecret}\n`);
    expect(found.map((f) => f.rule)).toEqual(['alibaba-access-key-id', 'alibaba-access-key-secret']);
  });

  it('finds Huawei AK/SK by their Huawei-specific names', () => {
    const ak = randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 20);
    const sk = randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 40);
    const { found } = scan(`HUAWEICLOUD_SDK_AK=${ak}\nHUAWEICLOUD_SDK_SK=${sk}\n`);
    expect(found.map((f) => f.rule)).toEqual(['huawei-access-key', 'huawei-secret-key']);
  });
});

describe('validation', () => {
  it('reports a GitHub token with a good checksum and drops one with a bad checksum, also for the fuzzy rules', () => {
    const good = githubToken();
    const bad = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
    expect(scan(`token: ${good}`).found.map((f) => [f.rule, f.confidence])).toEqual([['github-pat', 'high']]);
    expect(scan(`token: ${bad}`).found).toEqual([]);
  });

  it('finds a key split over concatenated string literals, at its place in the original text', () => {
    const k = plantedKeys();
    const src = `x = 1\nconst id = "${k.tencentId.slice(0, 10)}" +\n  "${k.tencentId.slice(10)}";\nconst key = '${k.tencentKey.slice(0, 16)}' + '${k.tencentKey.slice(16)}';\n`;
    const { found } = scan(src);
    expect(found.map((f) => [f.rule, f.fingerprint, f.line, f.column])).toEqual([
      ['tencent-secret-id', fingerprintSecret(k.tencentId), 2, 13],
      ['tencent-secret-key', fingerprintSecret(k.tencentKey), 4, 14],
    ]);
  });

  it('marks a fuzzy rule finding as low confidence', () => {
    expect(scan('DB_TOKEN=q7xk2m9vbz4r8tw1ycnh5jpd').found.map((f) => [f.rule, f.confidence])).toEqual([['generic-keyword-entropy', 'low']]);
  });

  it('keyword + entropy: reports a random value, not a word', () => {
    expect(scan(`DB_TOKEN=${randomFrom('abcdefghijklmnopqrstuvwxyz0123456789', 24)}`).found.map((f) => f.rule)).toEqual(['generic-keyword-entropy']);
    expect(scan('DB_TOKEN=aaaaaaaabbbbbbbb').found).toEqual([]);
  });
});

describe('suppression', () => {
  it('drops documentation placeholders and counts them', () => {
    const { found, suppressed } = scan('aws_access_key_id = AKIAIOSFODNN7EXAMPLE\nslack = xoxb-0000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx');
    expect(found).toEqual([]);
    expect(suppressed.allowlist).toBe(2);
  });

  it('honours `socdeck:allow` on the line of the secret only', () => {
    const a = githubToken();
    const b = githubToken();
    const { found, suppressed } = scan(`t1 = "${a}"  # socdeck:allow test token\nt2 = "${b}"\n`);
    expect(found.map((f) => f.line)).toEqual([2]);
    expect(suppressed.inline).toBe(1);
  });

  it("honours detect-secrets' `pragma: allowlist secret` on the line of the secret only", () => {
    const a = githubToken();
    const b = githubToken();
    const { found, suppressed } = scan(`t1 = "${a}"  # pragma: allowlist secret\nt2 = "${b}"\n`);
    expect(found.map((f) => f.line)).toEqual([2]);
    expect(suppressed.inline).toBe(1);
  });

  it('reports an Azure storage account key alone and an Azure DevOps PAT under its usual name', () => {
    const key = randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 86) + '==';
    const pat = randomFrom('abcdefghijklmnopqrstuvwxyz234567', 52);
    const { found } = scan(`AccountKey=${key}\nAZURE_DEVOPS_TOKEN=${pat}\nAccountKey=${key.slice(1)}\n`, 'deploy/.env');
    expect(found.map((f) => [f.rule, f.line])).toEqual([
      ['azure-storage-account-key', 1],
      ['azure-devops-pat-assignment', 2],
    ]);
  });

  it('takes an OpenSSH block for a key only when its body starts with the openssh-key-v1 magic', () => {
    const body = `b3BlbnNzaC1rZXktdjEA${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 120)}`;
    const armour = (b: string, nl: string) => `-----BEGIN OPENSSH PRIVATE KEY-----${nl}${b}${nl}-----END OPENSSH PRIVATE KEY-----`;
    expect(scan(`${armour(body, '\n')}\n`, 'id_ed25519').found.map((f) => f.rule)).toEqual(['private-key']);
    expect(scan(`{"key": "${armour(body, '\\n')}"}\n`, 'sa.json').found.map((f) => f.rule)).toEqual(['private-key']);
    expect(scan(`${armour(body.slice(20), '\n')}\n`, 'id_ed25519').found).toEqual([]);
  });

  it('skips keys in a baseline written from an earlier --json run', () => {
    const a = githubToken();
    const b = githubToken();
    const dir = mkdtempSync(join(tmpdir(), 'socdeck-leaks-'));
    const file = join(dir, 'baseline.json');
    writeFileSync(file, JSON.stringify([{ rule: 'github-pat', fingerprint: fingerprintSecret(a) }]));
    const { found, suppressed } = scan(`${a}\n${b}\n`, 'x.txt', loadBaseline(file));
    expect(found.map((f) => f.line)).toEqual([2]);
    expect(suppressed.baseline).toBe(1);
  });

  it('rejects a malformed baseline naming the entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'socdeck-leaks-'));
    const file = join(dir, 'baseline.json');
    writeFileSync(file, JSON.stringify([{ fingerprint: 'md5:abc' }]));
    expect(() => loadBaseline(file)).toThrow(/entry 0: fingerprint/);
  });
});

describe('masking in results', () => {
  it('never carries the clear secret in a finding', () => {
    const k = plantedKeys();
    const { found } = scan(`aws_access_key_id=${k.awsId}\naws_secret_access_key=${k.awsSecret}\n`);
    expect(found).toHaveLength(2);
    const json = JSON.stringify(found);
    expect(json).not.toContain(k.awsId);
    expect(json).not.toContain(k.awsSecret);
    expect(found[1]).toMatchObject({ masked: `${k.awsSecret.slice(0, 4)}…${k.awsSecret.slice(-4)}`, length: 40, fingerprint: fingerprintSecret(k.awsSecret) });
  });
});

describe('rule file validation', () => {
  const base = { id: 'x', provider: 'p', title: 't', severity: 'high', regex: '(a+)' };

  it.each([
    [{ rules: [{ ...base, regex: '(' }] }, /rules\[0\] \(x\): invalid regex/],
    [{ rules: [{ ...base, secretGroup: 2 }] }, /secretGroup 2 but the regex has 1 groups/],
    [{ rules: [base, base] }, /duplicate rule id/],
    [{ rules: [{ ...base, requires: { rule: 'nope', withinLines: 2 } }] }, /requires.rule: unknown rule nope/],
    [{ rules: [{ ...base, severity: 'urgent' }] }, /rules.0.severity/],
  ])('%j is refused', (doc, msg) => {
    expect(() => compileRuleSet(doc, 'rules.yaml')).toThrow(msg);
  });

  it('names the file and line of a bad rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'socdeck-leaks-'));
    const file = join(dir, 'rules.yaml');
    writeFileSync(file, 'rules:\n  - id: ok\n    provider: p\n    title: t\n    severity: low\n    regex: "a"\n    secretGroup: 0\n');
    expect(parse('rules: []')).toEqual({ rules: [] });
    expect(() => loadRuleSet(file)).toThrow(`${file}:7: rules.0.secretGroup`);
  });
});
