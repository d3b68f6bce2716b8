import { useState } from 'react';
import { FieldErrors } from '../errors';
import type { InputProblem } from './subscriptionModel';

/** A problem found before sending, shown like the API's errors (ErrorMessage): the field, then the message. */
export function ProblemMessage({ problem }: { problem: InputProblem | null }) {
  return <FieldErrors errors={problem ? [problem] : []} />;
}

/** A destructive action behind a second click: the button asks its question, then "Yes, …" does it. */
export function ConfirmButton({
  label,
  name,
  question,
  confirmLabel,
  busy,
  onConfirm,
}: {
  /** Visible text of the first button. */
  label: string;
  /** Accessible name of the first button. */
  name?: string;
  question: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="danger" aria-label={name} disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        No
      </button>
    </span>
  );
}
