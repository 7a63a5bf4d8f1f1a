import { LoaderCircle } from 'lucide-react';
import type { ButtonHTMLAttributes } from 'react';

/** A button that waits for the network: a spinner, `aria-busy`, and no second click meanwhile. */
export function BusyButton({ busy, children, disabled, className, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { busy: boolean }) {
  return (
    <button {...rest} className={['busy-button', className].filter(Boolean).join(' ')} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy && <LoaderCircle className="spinner" aria-hidden="true" size={18} />}
      {children}
    </button>
  );
}
