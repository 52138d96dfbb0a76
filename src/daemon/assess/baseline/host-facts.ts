import type { Fact } from '../fact.js';
import type { Bundle } from './bundle.js';
import { extractAuth } from './extract-accounts.js';
import { extractFiles } from './extract-files.js';
import { extractMisc } from './extract-misc.js';
import { extractServices } from './extract-services.js';
import { extractSsh } from './extract-ssh.js';
import { extractSystem } from './extract-system.js';
import { FactBuilder } from './fact-builder.js';

export interface HostFacts {
  facts: Fact[];
  /** Fact kinds whose probe ran on this host, even if it found nothing. */
  collected: Set<string>;
}

/** Every host fact from one bundle. Order matters: later extractors read units and packages. */
export function bundleFacts(bundle: Bundle): HostFacts {
  const b = new FactBuilder(bundle);
  extractSsh(b);
  extractAuth(b);
  extractSystem(b);
  extractFiles(b);
  extractServices(b);
  extractMisc(b);
  return { facts: b.facts, collected: b.collected };
}
