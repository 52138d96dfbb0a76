import { SocdeckError } from '../../../shared/errors.js';
import { isCve5Document, parseCve5 } from './cve5.js';
import { isKevDocument, parseKev } from './kev.js';
import { isNvdDocument, parseNvd } from './nvd.js';
import { isOsvDocument, parseOsv } from './osv.js';
import type { KevEntry, VulnRecord } from './vuln-record.js';
import { jsonErrorWithoutContent } from '../../../shared/json-error.js';

export interface FeedContent {
  kev: KevEntry[];
  records: VulnRecord[];
}

/**
 * Recognises a feed document by its shape — KEV catalog, NVD 2.0 response, OSV record (or an
 * OSV query answer `{vulns: [...]}`), CVE JSON 5 record — and parses it. Anything else is an
 * error naming the file, so a wrong file is never imported silently as nothing.
 */
export function parseFeedDocument(doc: unknown, where: string): FeedContent {
  if (isKevDocument(doc)) return { kev: parseKev(doc, where).entries, records: [] };
  if (isNvdDocument(doc)) return { kev: [], records: parseNvd(doc, where).records };
  if (isCve5Document(doc)) return { kev: [], records: [parseCve5(doc, where)] };
  if (isOsvDocument(doc)) return { kev: [], records: [parseOsv(doc, where)] };
  if (typeof doc === 'object' && doc !== null && Array.isArray((doc as { vulns?: unknown }).vulns)) {
    return { kev: [], records: (doc as { vulns: unknown[] }).vulns.map((v, i) => parseOsv(v, `${where}: vulns[${i}]`)) };
  }
  throw new SocdeckError('invalid_params', `${where}: not a recognised feed document (expected KEV catalog, NVD CVE API 2.0 response, OSV record or CVE JSON 5 record)`);
}

/** JSON.parse with the file named in the error (truncated downloads end up here). */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new SocdeckError('invalid_params', `${where}: ${jsonErrorWithoutContent(err)}`);
  }
}
