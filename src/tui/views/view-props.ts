import type { TuiState } from '../view-store.js';

/** What every view component is rendered with. */
export interface ViewProps {
  s: TuiState;
  now: number;
}
