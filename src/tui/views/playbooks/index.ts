import { selectionList, type ViewRecord } from '../view-record.js';
import { playbooksSelection } from './playbooks-selection.js';
import { PlaybooksView } from './playbooks-view.js';

export const playbooksRecord: ViewRecord = { component: PlaybooksView, list: selectionList(playbooksSelection), bindings: [], actions: {} };
