import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BusinessCalendar, parseCalendar } from '../../../src/shared/calendar/index.js';

/** A shipped calendar from config/calendars, compiled. */
export function shippedCalendar(name: 'cn' | '24x7'): BusinessCalendar {
  const url = new URL(`../../../config/calendars/${name}.yaml`, import.meta.url);
  return new BusinessCalendar(parseCalendar(readFileSync(fileURLToPath(url), 'utf8'), `config/calendars/${name}.yaml`));
}

export function calendarFrom(yaml: string): BusinessCalendar {
  return new BusinessCalendar(parseCalendar(yaml, 'test.yaml'));
}
