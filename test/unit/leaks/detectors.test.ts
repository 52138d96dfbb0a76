import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detect } from '../../../src/daemon/leaks/detect.js';
import { loadRuleSet } from '../../../src/daemon/leaks/rules.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/leaks/', import.meta.url));
const rules = loadRuleSet();

/** Which socdeck rule must find each noseyparker rule's examples. */
const NP_TO_RULE: Record<string, string> = {
  'np.aws.1': 'aws-access-key-id',
  'np.aws.2': 'aws-secret-access-key',
  'np.aws.4': 'aws-session-token',
  'np.aws.5': 'aws-mws-auth-token',
  'np.aws.6': 'aws-secret-access-key-paired',
  'np.appsync.1': 'aws-appsync-api-key',
  'np.azure.1': 'azure-storage-connection-string',
  'np.azure.2': 'azure-app-config-connection-string',
  'np.azure.3': 'azure-devops-pat-assignment',
  'np.azure.4': 'azure-devops-pat',
  'np.generic.1': 'generic-secret-hex',
  'np.generic.2': 'generic-api-key',
  'np.generic.3': 'generic-username-password-quoted',
  'np.generic.4': 'generic-username-password',
  'np.generic.5': 'generic-password-double-quoted',
  'np.generic.6': 'generic-password-single-quoted',
  'np.generic.7': 'dotnet-network-credential',
  'np.generic.8': 'dotnet-directory-entry',
  'np.generic.9': 'dotnet-config-sensitive-value',
  'np.generic.10': 'dotnet-config-connection-string',
  'np.generic.11': 'password-in-prose',
  'np.generic.12': 'password-in-prose',
  'np.generic.13': 'username-password-in-prose',
  'np.generic.14': 'username-password-in-prose',
  'np.generic.15': 'hardcoded-password-comparison',
  'np.generic.16': 'hardcoded-password-comparison',
  'np.github.1': 'github-pat',
  'np.github.2': 'github-oauth-token',
  'np.github.3': 'github-app-token',
  'np.github.4': 'github-refresh-token',
  'np.github.6': 'github-client-secret',
  'np.github.7': 'github-fine-grained-pat',
  'np.gitlab.1': 'gitlab-runner-registration-token',
  'np.gitlab.2': 'gitlab-pat',
  'np.gitlab.3': 'gitlab-pipeline-trigger-token',
  'np.google.2': 'google-oauth-client-secret',
  'np.google.3': 'google-oauth-client-secret-keyword',
  'np.google.4': 'google-oauth-access-token',
  'np.google.5': 'google-api-key',
  'np.google.6': 'google-oauth-credentials',
  'np.jwt.1': 'jwt',
  'np.jwt.2': 'jwt-secret',
  'np.jwt.3': 'jwt-secret',
  'np.npm.1': 'npm-access-token',
  'np.pem.1': 'private-key',
  'np.pem.2': 'private-key-base64',
  'np.pypi.1': 'pypi-upload-token',
  'np.slack.2': 'slack-bot-token',
  'np.slack.3': 'slack-webhook',
  'np.slack.4': 'slack-user-token',
  'np.slack.5': 'slack-app-token',
  'np.slack.6': 'slack-legacy-bot-token',
  'np.stripe.1': 'stripe-live-key',
  'np.stripe.2': 'stripe-test-key',
};

/** Noseyparker rules for identifiers, not credentials: a bucket name or an ARN is not a key leak. */
const NOT_SECRETS: Record<string, string> = {
  'np.aws.3': 'AWS account ID',
  'np.s3.1': 'S3 bucket name',
  'np.s3.2': 'S3 bucket name',
  'np.arn.1': 'Amazon Resource Name',
  'np.gcs.1': 'GCS bucket name',
  'np.gcs.2': 'GCS bucket name',
  'np.google.1': 'OAuth client ID (public)',
  'np.github.5': 'OAuth client ID (public)',
};

interface NpRule {
  id: string;
  name: string;
  examples?: string[];
  negative_examples?: string[];
}

const npRules: (NpRule & { file: string })[] = readdirSync(join(FIXTURES, 'noseyparker'))
  .filter((f) => f.endsWith('.yml'))
  .flatMap((f) => (parse(readFileSync(join(FIXTURES, 'noseyparker', f), 'utf8')) as { rules: NpRule[] }).rules.map((r) => ({ ...r, file: f })));

const cases = npRules
  .filter((r) => !(r.id in NOT_SECRETS))
  .flatMap((r) => [
    ...(r.examples ?? []).map((text, i) => ({ np: r.id, rule: NP_TO_RULE[r.id], kind: 'finds' as const, i, text })),
    ...(r.negative_examples ?? []).map((text, i) => ({ np: r.id, rule: NP_TO_RULE[r.id], kind: 'ignores' as const, i, text })),
  ]);

describe('detectors against the noseyparker corpus', () => {
  it('maps every noseyparker rule to a socdeck rule or an explicit non-secret reason', () => {
    const unmapped = npRules.filter((r) => !(r.id in NP_TO_RULE) && !(r.id in NOT_SECRETS)).map((r) => r.id);
    expect(unmapped).toEqual([]);
    for (const id of Object.values(NP_TO_RULE)) expect(rules.byId.has(id), id).toBe(true);
  });

  it.each(cases)('$np $kind example $i with $rule', ({ rule, kind, text }) => {
    const ids = detect(text, rules).map((m) => m.rule.id);
    if (kind === 'finds') expect(ids).toContain(rule);
    else expect(ids).not.toContain(rule);
  });
});

describe('detectors against the gitleaks samples', () => {
  it.each([
    ['nogit_main.go.txt', 'aws-access-key-id', 20],
    ['nogit_env.prod.txt', 'generic-username-password', 4],
    ['symlinks_id_ed25519.txt', 'private-key', 2],
  ])('%s: %s on line %i', (file, rule, line) => {
    const found = detect(readFileSync(join(FIXTURES, 'gitleaks', file), 'utf8'), rules);
    expect(found.map((m) => [m.rule.id, m.line])).toContainEqual([rule, line]);
  });
});
