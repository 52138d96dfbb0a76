import type { ViewRecord } from '../view-record.js';
import { SourcesView } from './sources-view.js';

export const sourcesRecord: ViewRecord = { component: SourcesView, bindings: [], actions: {} };
