import type React from 'react';
import type { TuiState, ViewId } from '../view-store.js';
import { AlertsView } from './alerts-view.js';

export interface ViewProps {
  s: TuiState;
  now: number;
}

/**
 * Which component renders each view. A view missing here shows the pending placeholder that
 * names the issue owning it. One line per view keeps parallel work on views out of app.tsx.
 */
export const VIEW_COMPONENTS: Partial<Record<ViewId, React.ComponentType<ViewProps>>> = {
  alerts: AlertsView,
};
