import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.js';
import { alertsCommand } from './alerts.js';
import { attachCommand } from './attach.js';
import { daemonCommand } from './daemon.js';
import { statusCommand } from './status.js';

// Each command narrows its own args from GlobalArgs; yargs wants one list type.
export const COMMANDS = [attachCommand, daemonCommand, statusCommand, alertsCommand] as unknown as CommandModule<GlobalArgs, GlobalArgs>[];
