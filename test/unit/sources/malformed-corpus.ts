/**
 * The malformed corpus of the acceptance criteria, built at test time (a 5 MiB line does not
 * belong in git). Each bad entry says which reason it must be quarantined with.
 */
export interface CorpusLine {
  name: string;
  bytes: Buffer;
  /** undefined: a good record; otherwise a fragment of the expected quarantine reason. */
  reason?: RegExp;
  /** Empty lines are not records at all: neither accepted nor rejected. */
  blank?: boolean;
}

const good = (ruleId: string) =>
  JSON.stringify({
    timestamp: '2024-01-01T00:00:00.000+0000',
    flow_id: 1,
    event_type: 'alert',
    src_ip: '192.0.2.1',
    dest_ip: '192.0.2.2',
    alert: { signature_id: Number(ruleId), severity: 2, signature: `sig ${ruleId}` },
  });

export function malformedCorpus(): CorpusLine[] {
  const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
  const huge = JSON.stringify({ event_type: 'alert', flow_id: 1, src_ip: '192.0.2.1', pad: 'x'.repeat(5 * 1024 * 1024) });
  return [
    { name: 'good with BOM', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good('1001'))]) },
    { name: 'truncated JSON', bytes: Buffer.from(good('1002').slice(0, 60)), reason: /invalid JSON/ },
    { name: 'empty line', bytes: Buffer.from(''), blank: true },
    { name: 'whitespace line', bytes: Buffer.from('   \t'), blank: true },
    { name: 'invalid UTF-8', bytes: Buffer.concat([Buffer.from('{"event_type":"alert","x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), reason: /invalid UTF-8 at byte 27/ },
    { name: '5 MiB line', bytes: Buffer.from(huge), reason: /over the 1048576-byte line cap/ },
    { name: 'wrong type: signature_id object', bytes: Buffer.from(good('1003').replace('"signature_id":1003', '"signature_id":{"x":1}')), reason: /alert\.signature_id must be a number, got object/ },
    { name: 'wrong type: severity word', bytes: Buffer.from(good('1004').replace('"severity":2', '"severity":"high"')), reason: /alert\.severity must be an integer/ },
    {
      name: 'wrong type: wazuh level',
      bytes: Buffer.from('{"timestamp":"2024-01-01T00:00:00+0000","rule":{"level":"high","id":"5710"},"agent":{"name":"a"}}'),
      reason: /rule\.level must be an integer 0-15, got string/,
    },
    { name: 'deeply nested JSON', bytes: Buffer.from(deep), reason: /no parser recognises|could not be processed/ },
    { name: 'deeply nested array', bytes: Buffer.from('['.repeat(50_000) + ']'.repeat(50_000)), reason: /not a JSON object|could not be processed/ },
    { name: 'JSON scalar', bytes: Buffer.from('42'), reason: /not a JSON object/ },
    { name: 'CRLF good', bytes: Buffer.from(good('1005') + '\r') },
  ];
}

/** The corpus as one JSONL file body. */
export function corpusFile(lines: CorpusLine[]): Buffer {
  return Buffer.concat(lines.flatMap((l) => [l.bytes, Buffer.from('\n')]));
}
