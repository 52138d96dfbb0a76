import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { CommandModule } from 'yargs';
import { readFileRecords } from '../../daemon/sources/file-records.js';
import { FieldMapping } from '../../daemon/sources/parsers/mapping.js';
import { ParserSet } from '../../daemon/sources/parsers/registry.js';
import { parseIncoming } from '../../daemon/sources/record-parse.js';
import { fingerprintOf } from '../../daemon/sources/fingerprint.js';
import { newAlert } from '../../daemon/sources/alert-intake.js';
import { AttackConfig, attackEnricherFor } from '../../daemon/sources/attack/attack-config.js';
import { SocdeckError } from '../../shared/errors.js';
import type { GlobalArgs } from '../context.js';

interface ParseArgs extends GlobalArgs {
  format: string;
  files: string[];
  'max-line-bytes': number;
  summary: boolean;
}

const DEFAULT_MAX_LINE = 1024 * 1024;

/** `ingest.mappings` from a --config file, so a new export's mapping can be tried before the daemon loads it. */
function loadMappings(file: string | undefined): FieldMapping[] {
  if (!file) return [];
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SocdeckError('config_invalid', `${file}: ${(err as Error).message.split('\n')[0]}`);
  }
  const raw = (doc as { ingest?: { mappings?: unknown } } | null)?.ingest?.mappings ?? [];
  const res = z.array(FieldMapping).safeParse(raw);
  if (!res.success) {
    const i = res.error.issues[0]!;
    throw new SocdeckError('config_invalid', `${file}: ingest.mappings.${i.path.join('.')}: ${i.message}`);
  }
  return res.data;
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => (stream.write(text) ? resolve() : stream.once('drain', () => resolve())));
}

export const parseCommand: CommandModule<GlobalArgs, ParseArgs> = {
  command: 'parse <files..>',
  describe: 'Parse alert files offline: normalised alerts as JSONL on stdout, one {"file","line","reason"} per rejected record on stderr (exit 1 if any)',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'JSONL files (or one JSON document per file)' })
      .option('format', { type: 'string', default: 'auto', describe: 'auto, wazuh, wazuh5, suricata, falco, ecs, ocsf, tencent-cwp, or a mapping name from --config' })
      .option('max-line-bytes', { type: 'number', default: DEFAULT_MAX_LINE, describe: 'Longer lines are rejected' })
      .option('summary', { type: 'boolean', default: false, describe: 'Also print {"summary":{accepted,skipped,rejected}} on stderr' })
      .check((argv) => Number.isInteger(argv['max-line-bytes']) && argv['max-line-bytes'] > 0) as never,
  handler: async (argv) => {
    const parsers = new ParserSet(loadMappings(argv.config));
    // Formats depend on --config, so yargs `choices` cannot check them; same usage-error contract (exit 2).
    if (!parsers.has(argv.format)) {
      process.stderr.write(`socdeck: unknown --format "${argv.format}" (known: ${parsers.formats.join(', ')})\nRun with --help for usage.\n`);
      process.exitCode = 2;
      return;
    }
    // The same ATT&CK placement the daemon gives a new row, so a mapping can be tried offline.
    const { enrich } = attackEnricherFor(AttackConfig.parse({}));
    const counts = { accepted: 0, skipped: 0, rejected: 0 };
    for (const file of argv.files) {
      const base = basename(file);
      try {
        const records = readFileRecords(file, { maxLineBytes: argv['max-line-bytes'], keepBytes: 16 * 1024 });
        for await (const { line, index, rec } of records) {
          const out = parseIncoming(rec, parsers, argv.format);
          if (out.kind === 'skip') counts.skipped++;
          else if (out.kind === 'reject') {
            counts.rejected++;
            await write(process.stderr, JSON.stringify({ file, line, ...(index !== undefined ? { index } : {}), reason: out.reason }) + '\n');
          } else {
            counts.accepted++;
            const id = `${base}:${line}${index !== undefined ? `[${index}]` : ''}`;
            const alert = newAlert(out.fields, {
              id,
              fingerprint: fingerprintOf(out.fields),
              source: `file:${base}`,
              raw: rec.raw,
              ...(rec.rawLength !== undefined ? { rawLength: rec.rawLength } : {}),
            });
            enrich(alert, out.fields);
            await write(process.stdout, JSON.stringify(alert) + '\n');
          }
        }
      } catch (err) {
        counts.rejected++;
        await write(process.stderr, JSON.stringify({ file, line: 0, reason: `cannot read file: ${(err as Error).message}` }) + '\n');
      }
    }
    if (argv.summary) await write(process.stderr, JSON.stringify({ summary: counts }) + '\n');
    if (counts.rejected > 0) process.exitCode = 1;
  },
};
