import { useId, type ReactNode } from 'react';

export type FieldControlProps = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };

type FieldProps = {
  label: ReactNode;
  /** The rule, shown under the label (never only as a placeholder). */
  rule?: ReactNode;
  error?: string | null;
  children: (control: FieldControlProps) => ReactNode;
};

/** A labelled control with its rule and its own error sentence right under it, tied together for screen readers. */
export function Field({ label, rule, error, children }: FieldProps) {
  const id = useId();
  const ruleId = rule ? `${id}-rule` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [ruleId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {rule && (
        <span className="field-rule" id={ruleId}>
          {rule}
        </span>
      )}
      {children({ id, 'aria-describedby': describedBy, ...(error ? { 'aria-invalid': true as const } : {}) })}
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** An error that belongs to the form as a whole. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
