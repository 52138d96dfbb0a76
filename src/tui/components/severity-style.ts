import type { Severity } from '../../shared/severity.js';

export const SEVERITY_COLOR: Record<Severity, string> = {
  critical: 'magentaBright',
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};
