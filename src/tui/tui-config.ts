import { z } from 'zod';
import { KeyOverrides } from './key-overrides.js';

/**
 * The `tui` section of the config. The TUI process reads it from the same files as the daemon
 * (default.yaml, then --config), because keys are the preference of the analyst at this
 * terminal, not of the shared daemon every analyst attaches to.
 */
export const TuiConfig = z
  .object({
    keys: KeyOverrides.default({}),
  })
  .strict();
export type TuiConfig = z.infer<typeof TuiConfig>;
