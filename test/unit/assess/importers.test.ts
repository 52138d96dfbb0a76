import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { importFactsText, loadFactsDir } from '../../../src/daemon/assess/load-facts.js';

const EXPORTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'reports', 'assess', 'exports');
const read = (f: string) => readFileSync(join(EXPORTS, f), 'utf8');

describe('fact importers', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('turns AWS security groups into one fact per permission and source', () => {
    const facts = importFactsText(read('aws-describe-security-groups.json'), 'sg.json');
    expect(facts.map((f) => f.data)).toEqual([
      { vendor: 'aws', group: 'sg-0a1b2c3d4e5f60001', groupName: 'web-public', direction: 'ingress', action: 'allow', protocol: 'tcp', portRange: '443-443', source: '0.0.0.0/0' },
      { vendor: 'aws', group: 'sg-0a1b2c3d4e5f60001', groupName: 'web-public', direction: 'ingress', action: 'allow', protocol: 'tcp', portRange: '22-22', source: '0.0.0.0/0' },
      { vendor: 'aws', group: 'sg-0a1b2c3d4e5f60001', groupName: 'web-public', direction: 'egress', action: 'allow', protocol: 'all', portRange: '0-65535', source: '0.0.0.0/0' },
      { vendor: 'aws', group: 'sg-0a1b2c3d4e5f60002', groupName: 'db-private', direction: 'ingress', action: 'allow', protocol: 'tcp', portRange: '3306-3306', source: 'sg-0a1b2c3d4e5f60001' },
    ]);
    expect(facts[1]!.origin).toBe('sg.json#SecurityGroups[0].IpPermissions[1]');
  });

  it('reads Alibaba Cloud port ranges, with -1/-1 as every port', () => {
    const facts = importFactsText(read('aliyun-security-group.json'), 'ali.json');
    expect(facts.map((f) => [f.data.portRange, f.data.source, f.data.protocol])).toEqual([
      ['0-65535', '0.0.0.0/0', 'all'],
      ['3389-3389', '203.0.113.0/24', 'tcp'],
    ]);
  });

  it('reads the IAM credential report, root row included', () => {
    const facts = importFactsText(read('aws-credential-report.csv'), 'cred.csv');
    expect(facts.map((f) => [f.data.user, f.data.root, f.data.passwordEnabled, f.data.mfa, f.data.accessKeyActive])).toEqual([
      ['<root_account>', true, true, true, true],
      ['ops-admin', false, true, false, false],
      ['ci-deploy', false, false, false, true],
    ]);
    expect(facts[0]!.origin).toBe('cred.csv:2');
  });

  it('reads RDS public accessibility', () => {
    const facts = importFactsText(read('aws-describe-db-instances.json'), 'rds.json');
    expect(facts.map((f) => [f.data.name, f.data.publiclyAccessible])).toEqual([
      ['orders-prod', true],
      ['reports-replica', false],
    ]);
  });

  it.each([
    ['{"SecurityGroups":[{"GroupName":"x"}]}', /sg\.json#SecurityGroups\[0\]\.GroupId: expected a non-empty string/],
    ['{"SecurityGroupId":"sg-1","Permissions":{"Permission":[{"PortRange":"22"}]}}', /Permission\[0\]\.PortRange: expected "from\/to"/],
    ['user,arn,user_creation_time,password_enabled\nx,y,z,true\n', /sg\.json:1: credential report has no "mfa_active" column/],
    ['{"socdeck_facts":2,"facts":[]}', /unsupported version 2/],
    ['{"socdeck_facts":1,"facts":[{"port":1}]}', /facts\[0\]\.kind: expected a non-empty string/],
    ['{"hello":"world"}', /unrecognised facts format/],
    ['{"broken', /invalid JSON/],
  ])('names the file and field of bad input %#', (text, msg) => {
    expect(() => importFactsText(text, 'sg.json')).toThrow(msg);
  });

  it('imports a folder, reporting bad files as problems and keeping the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'socdeck-facts-'));
    dirs.push(dir);
    cpSync(EXPORTS, dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'not an export');
    writeFileSync(join(dir, 'README.md'), '# notes are skipped');
    const set = loadFactsDir(dir);
    expect(set.problems).toEqual([{ origin: 'notes.txt', message: expect.stringMatching(/unrecognised facts format/) }]);
    expect(set.facts.filter((f) => f.kind === 'sg_rule')).toHaveLength(6);
    expect(set.facts.filter((f) => f.kind === 'iam_user')).toHaveLength(3);
  });
});
