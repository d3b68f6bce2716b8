import { CombinedGraphQLErrors } from '@apollo/client/errors';

export interface FieldError {
  field?: string;
  code?: string;
  message: string;
}

/** The errors of a failed operation, each with the field the API names (`extensions.field`) when it names one. */
export function fieldErrors(error: unknown): FieldError[] {
  if (!error) return [];
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => ({
      message: e.message,
      field: typeof e.extensions?.field === 'string' ? e.extensions.field : undefined,
      code: typeof e.extensions?.code === 'string' ? e.extensions.code : undefined,
    }));
  }
  return [{ message: error instanceof Error ? error.message : String(error) }];
}

/** Errors as the API names them — the field, the message, the code — whether an operation's or found before sending. */
export function FieldErrors({ errors }: { errors: FieldError[] }) {
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

export function ErrorMessage({ error }: { error: unknown }) {
  return <FieldErrors errors={fieldErrors(error)} />;
}
