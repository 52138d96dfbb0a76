import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { BusinessCalendar } from '../../shared/calendar/business-calendar.js';
import { parseCalendar } from '../../shared/calendar/calendar-spec.js';
import { SocdeckError } from '../../shared/errors.js';
import { PACKAGE_ROOT } from '../config.js';

export const DEFAULT_CALENDARS_DIR = 'config/calendars';

/** Every `*.yaml` calendar in dir (relative to the package root unless absolute), by name. */
export function loadCalendars(dir: string = DEFAULT_CALENDARS_DIR): Map<string, BusinessCalendar> {
  const abs = isAbsolute(dir) ? dir : join(PACKAGE_ROOT, dir);
  let files: string[];
  try {
    files = readdirSync(abs)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort();
  } catch (err) {
    throw new SocdeckError('config_invalid', `calendars folder ${abs}: ${(err as Error).message}`);
  }
  const out = new Map<string, BusinessCalendar>();
  for (const f of files) {
    const path = join(abs, f);
    // Shipped calendars are named by their repo path in errors; others by their full path.
    const label = isAbsolute(dir) ? path : relative(PACKAGE_ROOT, path);
    const cal = new BusinessCalendar(parseCalendar(readFileSync(path, 'utf8'), label));
    const clash = out.get(cal.name);
    if (clash) throw new SocdeckError('config_invalid', `${label}: calendar name "${cal.name}" is also used by ${clash.spec.file}`);
    out.set(cal.name, cal);
  }
  return out;
}

export function calendarNamed(calendars: ReadonlyMap<string, BusinessCalendar>, name: string): BusinessCalendar {
  const cal = calendars.get(name);
  if (!cal) throw new SocdeckError('config_invalid', `unknown calendar "${name}" (known: ${[...calendars.keys()].join(', ') || 'none'})`);
  return cal;
}
