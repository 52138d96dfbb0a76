import type { DaemonModule } from './module.js';
import { demoSource } from './sources/demo-source.js';

/** Every subsystem the daemon starts, in start order; stopped in reverse. Factories, so two daemons in one process share nothing. */
export const MODULE_FACTORIES: readonly (() => DaemonModule)[] = [demoSource];
