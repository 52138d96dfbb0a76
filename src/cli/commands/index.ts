import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.js';
import { alertsCommand } from './alerts.js';
import { assessCommand } from './assess.js';
import { attachCommand } from './attach.js';
import { auditCommand } from './audit.js';
import { daemonCommand } from './daemon.js';
import { incidentCommand } from './incident.js';
import { leaksCommand } from './leaks.js';
import { findingCommand, findingsCommand, scanCommand } from './scan.js';
import { parseCommand } from './parse.js';
import { playbooksCommand } from './playbooks.js';
import { quarantineCommand } from './quarantine.js';
import { reportCommand } from './report.js';
import { statusCommand } from './status.js';
import { notifyCommand } from './notify.js';
import { slaCommand } from './sla.js';
import { suppressCommand } from './suppress.js';
import { advisoriesCommand, intelCommand } from './intel.js';
import { vercmpCommand } from './vercmp.js';
import { usersCommand } from './users.js';
import { sourcesCommand } from './sources.js';

// Each command narrows its own args from GlobalArgs; yargs wants one list type.
export const COMMANDS = [attachCommand, daemonCommand, statusCommand, alertsCommand, auditCommand, suppressCommand, parseCommand, quarantineCommand, scanCommand, findingsCommand, findingCommand, leaksCommand, playbooksCommand, incidentCommand, slaCommand, notifyCommand, reportCommand, assessCommand, intelCommand, advisoriesCommand, vercmpCommand, usersCommand, sourcesCommand] as unknown as CommandModule<GlobalArgs, GlobalArgs>[];
