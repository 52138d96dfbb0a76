/** The customer every demo row belongs to: the mark that tells demo data apart, and what a purge removes. */
export const DEMO_CUSTOMER = 'demo';
/** The identity the demo acts as; its actions are audited under this name. */
export const DEMO_ACTOR = 'demo';
/** The demo's assets: the loopback host it scans and the made-up host whose packages intel matches. */
export const DEMO_SCAN_ASSET = 'demo-loopback';
export const DEMO_INTEL_ASSET = 'demo-web-01';

/** Whether the merged config turns the demo on (it is on unless `demo.enabled` is false). */
export function demoEnabled(sections: Record<string, unknown>): boolean {
  const top = sections.demo;
  return !(isRecord(top) && top.enabled === false);
}

/**
 * The one demo switch: `demo.enabled` at the top of the config. A module's own `demo.enabled`
 * (leaks, intel) follows it unless the config sets that one explicitly, so turning the demo off
 * needs one line.
 */
export function followDemoSwitch(sections: Record<string, unknown>, name: string): unknown {
  const section = sections[name];
  if (name === 'demo' || !isRecord(section) || !isRecord(section.demo) || 'enabled' in section.demo) return section;
  return { ...section, demo: { ...section.demo, enabled: demoEnabled(sections) } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
