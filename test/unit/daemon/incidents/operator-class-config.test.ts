import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeZodError, loadConfig } from '../../../../src/daemon/config.js';
import { MODULE_NAMES } from '../../../../src/daemon/module-names.js';
import { IncidentsConfig } from '../../../../src/daemon/incidents/incidents-module.js';
import { tempDir } from '../../../support/daemon.js';

const dir = tempDir('socdeck-operator-class-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function incidentsSection(yaml: string) {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  const cfg = loadConfig(file, MODULE_NAMES);
  return { file, cfg, parsed: IncidentsConfig.safeParse(cfg.sections.incidents) };
}

describe('incidents.customers operator classes', () => {
  it('defaults a listed customer to other and keeps the classes given', () => {
    const { parsed } = incidentsSection('incidents:\n  customers:\n    acme: { operatorClass: cii }\n    gov: { operatorClass: central }\n    shop: {}\n');
    expect(parsed.success && parsed.data.customers).toEqual({ acme: { operatorClass: 'cii' }, gov: { operatorClass: 'central' }, shop: { operatorClass: 'other' } });
  });

  it('names file, line and field of a class that does not exist', () => {
    const { file, cfg, parsed } = incidentsSection('incidents:\n  customers:\n    acme:\n      operatorClass: gold\n');
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(describeZodError(parsed.error, ['incidents'], cfg.locate)).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: incidents\\.customers\\.acme\\.operatorClass: .*cii.*central.*other`),
    );
  });
});
