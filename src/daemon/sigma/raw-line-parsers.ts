import { ParserSet, type Parsed } from '../sources/parsers/registry.js';

/**
 * The parser set a `detect: sigma` file source parses its chunks with: no line is an alert
 * record, so each comes back as a reject with an empty reason, which hands the line itself on
 * to intake (see applyChunk), where the source's detector reads it. A line's own defect
 * (over the cap, invalid UTF-8) keeps its real, non-empty reason and is quarantined.
 */
export class RawLineParsers extends ParserSet {
  override parse(): Parsed {
    return { kind: 'reject', reason: '' };
  }

  override parseText(): Parsed {
    return { kind: 'reject', reason: '' };
  }
}
