import { compileFilterParam } from '../../shared/filter/index.js';
import type { SavedFilter } from '../../shared/triage.js';
import { auditOp } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import { SAVED_FILTERS } from '../collections.js';

/**
 * Named filters: the team's defaults come from config (`triage.savedFilters`), analysts add
 * their own with `:filter save NAME`. A saved name shadows a config one of the same name.
 */
export class SavedFilters {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly fromConfig: Record<string, string>,
  ) {}

  list(): SavedFilter[] {
    const saved = this.store.values<SavedFilter>(SAVED_FILTERS);
    const names = new Set(saved.map((f) => f.name));
    const config = Object.entries(this.fromConfig)
      .filter(([name]) => !names.has(name))
      .map(([name, filter]): SavedFilter => ({ name, filter, source: 'config' }));
    return [...config, ...saved].sort((a, b) => a.name.localeCompare(b.name));
  }

  async save(name: string, filter: string, actor: string): Promise<SavedFilter> {
    compileFilterParam(filter, 'filter');
    const before = this.store.get<SavedFilter>(SAVED_FILTERS, name);
    const value: SavedFilter = { name, filter: filter.trim(), source: 'saved', savedBy: actor };
    const at = new Date(this.clock.now()).toISOString();
    await this.store.commit([
      { op: 'put', coll: SAVED_FILTERS, id: name, value },
      auditOp({ at, actor, action: 'filter.save', target: { kind: 'filter', id: name }, before: before ? { filter: before.filter } : {}, after: { filter: value.filter } }),
    ]);
    return value;
  }
}
