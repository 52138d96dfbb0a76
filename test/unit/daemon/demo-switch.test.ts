import { describe, expect, it } from 'vitest';
import { demoEnabled, followDemoSwitch } from '../../../src/daemon/demo-switch.js';

describe('the one demo switch', () => {
  it('is on unless demo.enabled is false', () => {
    expect(demoEnabled({})).toBe(true);
    expect(demoEnabled({ demo: { rate: 4 } })).toBe(true);
    expect(demoEnabled({ demo: { enabled: false } })).toBe(false);
  });

  it("fills a module's own demo.enabled from it, unless the config set that one", () => {
    const off = { demo: { enabled: false }, leaks: { demo: {}, schedule: '* * * * *' }, intel: { demo: { enabled: true } } };
    expect(followDemoSwitch(off, 'leaks')).toEqual({ demo: { enabled: false }, schedule: '* * * * *' });
    expect(followDemoSwitch(off, 'intel')).toEqual({ demo: { enabled: true } });
    expect(followDemoSwitch({ leaks: { demo: {} } }, 'leaks')).toEqual({ demo: { enabled: true } });
  });

  it('leaves sections without a demo option alone', () => {
    const sections = { demo: { enabled: false }, scan: { rate: 5 } };
    expect(followDemoSwitch(sections, 'scan')).toBe(sections.scan);
    expect(followDemoSwitch(sections, 'demo')).toBe(sections.demo);
    expect(followDemoSwitch(sections, 'absent')).toBeUndefined();
  });
});
