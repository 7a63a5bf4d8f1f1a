import { useEffect } from 'react';

/** An in-page message instead of window.alert, which would freeze the call (and the video) while it is open. */
export function Notice({ message, onClose, timeoutMs = 4000 }: { message: string | null; onClose: () => void; timeoutMs?: number }) {
  useEffect(() => {
    if (!message) return;
    const timer = window.setTimeout(onClose, timeoutMs);
    return () => window.clearTimeout(timer);
  }, [message, onClose, timeoutMs]);
  if (!message) return null;
  return (
    <div className="notice" role="alert" data-testid="notice" onClick={onClose}>
      {message}
    </div>
  );
}
