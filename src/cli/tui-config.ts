import { describeZodError, loadConfig } from '../daemon/config.js';
import { MODULE_NAMES } from '../daemon/module-names.js';
import { SocdeckError } from '../shared/errors.js';
import { TuiConfig } from '../tui/tui-config.js';

/**
 * The `tui` section of the config files (default.yaml, then --config), validated. An error names
 * the file, the line and the key path (`tui.keys.ack`), like every other config error.
 */
export function loadTuiConfig(configFile?: string): TuiConfig {
  const config = loadConfig(configFile, MODULE_NAMES);
  const parsed = TuiConfig.safeParse(config.sections.tui ?? {});
  if (!parsed.success) throw new SocdeckError('config_invalid', describeZodError(parsed.error, ['tui'], config.locate));
  return parsed.data;
}
