import { useState, type ReactNode } from 'react';
import type { LifecycleStatus, StatusAction } from '../generated';

/** The actions the API accepts from each status (DESIGN §3: DRAFT → ACTIVE → DEPRECATED → ARCHIVED, RESTORE back). */
export const STATUS_ACTIONS: Record<LifecycleStatus, StatusAction[]> = {
  DRAFT: ['ACTIVATE', 'ARCHIVE'],
  ACTIVE: ['DEPRECATE'],
  DEPRECATED: ['ARCHIVE'],
  ARCHIVED: ['RESTORE'],
};

const ACTION_LABEL: Record<StatusAction, string> = { ACTIVATE: 'Activate', DEPRECATE: 'Deprecate', ARCHIVE: 'Archive', RESTORE: 'Restore' };

/** What a destructive action does, asked before it is done; the others need no confirmation. */
const CONSEQUENCE: Partial<Record<StatusAction, string>> = {
  DEPRECATE: 'New subscriptions can no longer use it; existing ones keep it.',
  ARCHIVE: 'It is hidden from lists until restored.',
};

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** A button that asks "Are you sure?" inline: its confirm button is named "Confirm <label>", e.g. "Confirm archive Starter v1". */
export function ConfirmButton({
  label,
  consequence,
  disabled,
  onConfirm,
  children,
}: {
  label: string;
  consequence: string;
  disabled?: boolean;
  onConfirm: () => void;
  children: ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" aria-label={label} disabled={disabled} onClick={() => setAsking(true)}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm" role="group">
      <span>
        {label}? {consequence}
      </span>
      <button
        type="button"
        className="danger"
        disabled={disabled}
        aria-label={`Confirm ${lowerFirst(label)}`}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Yes
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/**
 * The status actions valid for `status`, each named "<Action> <subject>" (e.g. "Archive product platform"); deprecating
 * and archiving ask for confirmation first. `blocked` disables an action with the reason as its title.
 */
export function StatusActions({
  status,
  subject,
  pending,
  blocked = {},
  onAction,
}: {
  status: LifecycleStatus;
  subject: string;
  pending: boolean;
  blocked?: Partial<Record<StatusAction, string>>;
  onAction: (action: StatusAction) => void;
}) {
  return (
    <>
      {STATUS_ACTIONS[status].map((action) => {
        const label = `${ACTION_LABEL[action]} ${subject}`;
        const consequence = CONSEQUENCE[action];
        if (consequence) {
          return (
            <ConfirmButton key={action} label={label} consequence={consequence} disabled={pending} onConfirm={() => onAction(action)}>
              {ACTION_LABEL[action]}
            </ConfirmButton>
          );
        }
        return (
          <button
            key={action}
            type="button"
            className={action === 'ACTIVATE' ? 'primary' : undefined}
            disabled={pending || Boolean(blocked[action])}
            title={blocked[action]}
            aria-label={label}
            onClick={() => onAction(action)}
          >
            {ACTION_LABEL[action]}
          </button>
        );
      })}
    </>
  );
}
