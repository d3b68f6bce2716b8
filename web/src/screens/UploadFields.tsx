import { useId, type ReactNode } from 'react';

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
