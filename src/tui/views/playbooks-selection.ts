import type { PlaybookSummary } from '../../shared/playbook.js';
import { ListSelection } from './list-selection.js';

/** The :playbooks cursor, shared by the view and its key bindings. */
export const playbooksSelection = new ListSelection<PlaybookSummary>();
