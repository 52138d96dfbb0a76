import { BUNDLE_MAGIC } from './bundle.js';
import { PROBES } from './probes.js';

/**
 * The shipped collector (`socdeck assess collector > collect.sh`): POSIX sh, no dependencies,
 * read-only. A customer who gives us no access runs it as root and sends back the output, which
 * `socdeck assess run --facts FILE` reads.
 */
export function collectorScript(skip: readonly string[] = []): string {
  const body = PROBES.filter((p) => !skip.includes(p.id)).map((p) => [`echo "@@probe ${p.id}"`, `( ${p.sh} ) 2>/dev/null`, `printf '\\n@@rc ${p.id} %s\\n' "$?"`].join('\n'));
  return [
    '#!/bin/sh',
    '# socdeck host baseline collector. Read-only: it reads files and lists settings, and changes nothing.',
    '# Run as root for a complete baseline: sh collect.sh > "$(uname -n).socdeck.txt"',
    '# Password hashes never leave the host: /etc/shadow is reduced to a status letter per account.',
    'LC_ALL=C; export LC_ALL',
    `echo "${BUNDLE_MAGIC}"`,
    'echo "@@host $(uname -n)"',
    ...body,
    '',
  ].join('\n');
}
