import { useId, type ReactNode } from 'react';
import type { FieldError } from '../errors';

/**
 * A form control under its own <label> (not wrapping it): the control's accessible name is exactly the label, whatever
 * option is chosen.
 */
export function UploadField({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="upload-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** A select of the file's columns, with a first option for "none". */
export function ColumnSelect({
  label,
  columns,
  value,
  none,
  onChange,
}: {
  label: string;
  columns: string[];
  value: string;
  none: string;
  onChange: (column: string) => void;
}) {
  return (
    <UploadField label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{none}</option>
          {columns.map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </select>
      )}
    </UploadField>
  );
}

/** Errors that are not an Apollo operation's (the upload's REST answer, the mapping checked before sending), shown as ErrorMessage shows API errors. */
export function UploadFieldErrors({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="error" role="alert">
      {errors.map((e, i) => (
        <p key={i}>
          {e.field && <strong className="error-field">{e.field}: </strong>}
          {e.message}
          {e.code && <span className="error-code"> ({e.code})</span>}
        </p>
      ))}
    </div>
  );
}
