import { invalidTransition } from './errors';

/** The status flow of meters, products and plan versions (DESIGN §3): DRAFT → ACTIVE → DEPRECATED → ARCHIVED. */
export const LifecycleStatuses = ['DRAFT', 'ACTIVE', 'DEPRECATED', 'ARCHIVED'] as const;
export type LifecycleStatus = (typeof LifecycleStatuses)[number];

export const LifecycleActions = ['ACTIVATE', 'DEPRECATE', 'ARCHIVE', 'RESTORE'] as const;
export type LifecycleAction = (typeof LifecycleActions)[number];

export interface LifecycleState {
  status: LifecycleStatus;
  /** The status an archived resource returns to when restored. */
  previousStatus: LifecycleStatus | null;
}

const TARGET: Record<Exclude<LifecycleAction, 'RESTORE'>, { from: LifecycleStatus[]; to: LifecycleStatus }> = {
  ACTIVATE: { from: ['DRAFT'], to: 'ACTIVE' },
  DEPRECATE: { from: ['ACTIVE'], to: 'DEPRECATED' },
  // Only drafts and deprecated resources are archived: an active one is still assignable.
  ARCHIVE: { from: ['DRAFT', 'DEPRECATED'], to: 'ARCHIVED' },
};

/** The state after `action`, or INVALID_STATUS_TRANSITION naming both statuses. Never a silent no-op. */
export function applyLifecycle(entity: string, state: LifecycleState, action: LifecycleAction): LifecycleState {
  if (action === 'RESTORE') {
    if (state.status !== 'ARCHIVED' || !state.previousStatus) throw invalidTransition(entity, state.status, 'its previous status');
    return { status: state.previousStatus, previousStatus: null };
  }
  const rule = TARGET[action];
  if (!rule.from.includes(state.status)) throw invalidTransition(entity, state.status, rule.to);
  return { status: rule.to, previousStatus: rule.to === 'ARCHIVED' ? state.status : null };
}
