import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintPlaybookDir } from '../../../src/daemon/playbooks/lint-playbook-dir.js';
import { parsePlaybook, splitBilingual } from '../../../src/daemon/playbooks/parse-playbook.js';
import { INCIDENT_TYPES, playbookPath } from '../../../src/shared/incident-taxonomy.js';
import { allSteps, formatLintIssue } from '../../../src/shared/playbook.js';

const SHIPPED = join(fileURLToPath(new URL('../../../playbooks', import.meta.url)));

const GOOD = `---
id: ransomware
type: ransomware
title: { zh: 勒索软件, en: Ransomware }
severity: critical
mitre: [T1486]
---
# 勒索 / Ransomware

## prepare 准备 / Prepare
- [ ] \`prep-backups\` 确认备份 / Confirm backups
  Offline copies only.
  \`\`\`linux
  restic snapshots
  \`\`\`
  \`\`\`windows
  vssadmin list shadows
  \`\`\`
## identify 识别 / Identify
- [ ] \`id-scope\` 确定范围 / Establish scope
## contain 遏制 / Contain
- [ ] \`ct-isolate\` 隔离主机 / Isolate hosts
## eradicate 根除 / Eradicate
- [ ] \`er-clean\` 清除 / Clean up
## recover 恢复 / Recover
- [ ] \`rc-restore\` 恢复 / Restore
## lessons 总结 / Lessons
- [ ] \`ls-harden\` 加固 / Harden
`;

const FILE = 'host-intrusion/ransomware.md';

describe('shipped playbooks', () => {
  it('has one lint-clean playbook per taxonomy subtype (18), each with Linux and Windows commands', () => {
    const res = lintPlaybookDir(SHIPPED);
    expect(res.issues.map(formatLintIssue)).toEqual([]);
    expect(INCIDENT_TYPES).toHaveLength(18);
    expect(res.files.map((f) => f.file).sort()).toEqual(INCIDENT_TYPES.map((t) => playbookPath(t.type)).sort());
    for (const f of res.files) {
      const steps = allSteps(f.playbook!);
      expect(f.playbook!.phases.map((p) => p.phase)).toEqual(['prepare', 'identify', 'contain', 'eradicate', 'recover', 'lessons']);
      expect(steps.filter((s) => s.commands.linux.length > 0).length, f.file).toBeGreaterThanOrEqual(3);
      expect(steps.filter((s) => s.commands.windows.length > 0).length, f.file).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('parsePlaybook', () => {
  it('parses front matter, phases, bilingual steps, notes and per-platform commands', () => {
    const { playbook, issues } = parsePlaybook(GOOD, FILE);
    expect(issues).toEqual([]);
    expect(playbook).toMatchObject({ id: 'ransomware', type: 'ransomware', category: 'host-intrusion', severity: 'critical', mitre: ['T1486'], file: FILE });
    const first = playbook!.phases[0]!.steps[0]!;
    expect(first).toEqual({
      id: 'prep-backups',
      phase: 'prepare',
      zh: '确认备份',
      en: 'Confirm backups',
      line: 11,
      notes: ['Offline copies only.'],
      commands: { linux: ['restic snapshots'], windows: ['vssadmin list shadows'] },
    });
  });

  it('reports broken front matter YAML at the file line of the error', () => {
    const broken = GOOD.replace('severity: critical', 'severity: [critical');
    const { playbook, issues } = parsePlaybook(broken, FILE);
    expect(playbook).toBeUndefined();
    expect(issues[0]).toMatchObject({ file: FILE });
    expect(issues[0]!.line).toBeGreaterThanOrEqual(5);
    expect(formatLintIssue(issues[0]!)).toMatch(/^host-intrusion\/ransomware\.md:\d+: front matter: /);
  });

  const cases: { name: string; edit: (s: string) => string; line: number; message: RegExp }[] = [
    { name: 'invalid severity names its key line', edit: (s) => s.replace('severity: critical', 'severity: urgent'), line: 5, message: /front matter severity/ },
    { name: 'bad MITRE id', edit: (s) => s.replace('[T1486]', '[T1486, X99]'), line: 6, message: /mitre\.1: must be an ATT&CK technique id/ },
    { name: 'unknown front matter key', edit: (s) => s.replace('mitre: [T1486]', 'mitre: [T1486]\nauthor: me'), line: 1, message: /author/ },
    { name: 'type not in the taxonomy', edit: (s) => s.replace('type: ransomware', 'type: lottery'), line: 3, message: /must be a taxonomy subtype/ },
    { name: 'id differs from file name', edit: (s) => s.replace('id: ransomware', 'id: worm'), line: 2, message: /must match the file name/ },
    { name: 'missing front matter', edit: (s) => s.slice(s.indexOf('# 勒索')), line: 1, message: /missing YAML front matter/ },
    { name: 'unclosed front matter', edit: (s) => s.replace(/\n---\n# /, '\n# '), line: 1, message: /not closed/ },
    { name: 'step without id', edit: (s) => s.replace('`id-scope` ', ''), line: 20, message: /step has no id/ },
    { name: 'duplicate step id', edit: (s) => s.replace('`ct-isolate`', '`id-scope`'), line: 22, message: /already used on line 20/ },
    { name: 'step not bilingual', edit: (s) => s.replace('确定范围 / Establish scope', 'Establish scope'), line: 20, message: /must be "中文 \/ English"/ },
    { name: 'unknown phase', edit: (s) => s.replace('## recover', '## rebuild'), line: 25, message: /unknown phase "rebuild"/ },
    { name: 'phase out of order', edit: (s) => s.replace('## identify', '## swap').replace('## contain', '## identify').replace('## swap', '## contain'), line: 21, message: /out of order/ },
    { name: 'missing phase', edit: (s) => s.replace(/## lessons[^\n]*\n[^\n]*\n/, ''), line: 25, message: /missing phase: lessons/ },
    { name: 'code block language', edit: (s) => s.replace('```windows', '```powershell'), line: 16, message: /language "powershell"/ },
    { name: 'code block outside a step', edit: (s) => s.replace('## identify 识别 / Identify\n', '## identify 识别 / Identify\n```linux\nid\n```\n'), line: 20, message: /not under a step/ },
    { name: 'unclosed code block', edit: (s) => s.replace('  vssadmin list shadows\n  ```', '  vssadmin list shadows'), line: 16, message: /not closed/ },
    { name: 'no windows commands at all', edit: (s) => s.replace(/ {2}```windows\n[^\n]*\n {2}```\n/, ''), line: 8, message: /no windows commands/ },
  ];
  it.each(cases)('$name → file:line', ({ edit, line, message }) => {
    const { playbook, issues } = parsePlaybook(edit(GOOD), FILE);
    expect(playbook).toBeUndefined();
    const hit = issues.find((i) => message.test(i.message));
    expect(hit, JSON.stringify(issues)).toBeDefined();
    expect(hit!.line).toBe(line);
  });
});

describe('splitBilingual', () => {
  it.each([
    ['确认备份 / Confirm backups', { zh: '确认备份', en: 'Confirm backups' }],
    ['网页木马 / 挂马处置 / Web trojan / drive-by', { zh: '网页木马 / 挂马处置', en: 'Web trojan / drive-by' }],
    ['通知公安（网安）/ Notify police', { zh: '通知公安（网安）', en: 'Notify police' }],
    ['检查 RDP/VPN 登录 / Check RDP/VPN logons', { zh: '检查 RDP/VPN 登录', en: 'Check RDP/VPN logons' }],
  ])('%s', (text, want) => expect(splitBilingual(text)).toEqual(want));

  it.each(['English only / still English', '只有中文 / 还是中文', '没有分隔'])('rejects %s', (text) => expect(splitBilingual(text)).toBeUndefined());
});

describe('lintPlaybookDir', () => {
  it('reports a broken playbook by file:line and a deleted one as missing, and still loads the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'socdeck-lint-'));
    try {
      cpSync(SHIPPED, dir, { recursive: true });
      const ddos = join(dir, 'network-attack/ddos.md');
      writeFileSync(ddos, readFileSync(ddos, 'utf8').replace('severity: high', 'severity: high\n  oops: [unclosed'));
      rmSync(join(dir, 'information-destruction/loss.md'));
      const res = lintPlaybookDir(dir);
      const lines = res.issues.map(formatLintIssue);
      expect(lines[0]).toMatch(/^network-attack\/ddos\.md:[5-7]: front matter: /);
      expect(lines).toContain('information-destruction/loss.md: missing playbook for subtype loss (信息丢失 / Loss)');
      expect(res.files.filter((f) => f.playbook)).toHaveLength(16);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
