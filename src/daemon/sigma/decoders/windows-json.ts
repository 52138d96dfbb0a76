import type { DecodeResult } from './decoder-types.js';

function parseObject(line: string): Record<string, unknown> | string {
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : 'the line is JSON but not an object';
  } catch (err) {
    return `invalid JSON: ${(err as Error).message}`;
  }
}

const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * A Windows event as winlogbeat ships it: `winlog.event_data.*` become top-level fields
 * (Image, CommandLine, TargetUserName ...) beside EventID, Channel, Computer and Provider_Name;
 * the document itself stays reachable by dotted path (`host.name`).
 */
export function decodeWinlogbeat(line: string): DecodeResult {
  const doc = parseObject(line);
  if (typeof doc === 'string') return { error: doc };
  const winlog = obj(doc.winlog);
  if (winlog.event_id === undefined) return { error: 'not a winlogbeat event (no winlog.event_id)' };
  return {
    fields: {
      ...doc,
      ...obj(winlog.event_data),
      ...obj(winlog.user_data),
      EventID: Number(winlog.event_id),
      Channel: winlog.channel,
      Computer: winlog.computer_name ?? obj(doc.host).name,
      Provider_Name: winlog.provider_name,
    },
  };
}

/** A Windows event as NXLog's im_msvistalog + to_json writes it: already flat, with NXLog's names for the header. */
export function decodeNxlog(line: string): DecodeResult {
  const doc = parseObject(line);
  if (typeof doc === 'string') return { error: doc };
  if (doc.EventID === undefined) return { error: 'not an NXLog Windows event (no EventID)' };
  return { fields: { ...doc, EventID: Number(doc.EventID), Computer: doc.Computer ?? doc.Hostname, Provider_Name: doc.Provider_Name ?? doc.SourceName } };
}
