import type { Alert } from '../../shared/alert.js';

/** The queue cell: the most specific technique of the first placement, `+N` for the other techniques. */
export function attackCell(a: Alert): string {
  const list = a.attack ?? [];
  if (list.length === 0) return a.mitre[0] ?? '-';
  const ids = [...new Set(list.map((x) => x.subtechnique ?? x.technique))];
  return ids.length > 1 ? `${ids[0]} +${ids.length - 1}` : ids[0]!;
}

/** The detail line: `credential-access T1110.001 Password Guessing · ...`. */
export function attackLine(a: Alert): string | undefined {
  const list = a.attack ?? [];
  if (list.length === 0) return a.mitre.length > 0 ? `ATT&CK ${a.mitre.join(', ')}` : undefined;
  return `ATT&CK ${list.map((x) => `${x.tactic} ${x.subtechnique ?? x.technique}${x.name ? ` ${x.name}` : ''}`).join(' · ')}`;
}
