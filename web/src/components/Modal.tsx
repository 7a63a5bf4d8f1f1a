import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { texts } from '../texts';

type ModalProps = { title: ReactNode; description?: ReactNode; onClose: () => void; testId?: string; children: ReactNode };

/**
 * A Radix dialog that is open while mounted: focus moves in, Tab stays inside, Escape and the backdrop close
 * it. The opener is whatever had focus when it mounted (no Radix Trigger here, since cards and buttons in
 * several places open it), and focus goes back there on close.
 */
export function Modal({ title, description, onClose, testId, children }: ModalProps) {
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="modal-backdrop" />
        <Dialog.Content
          className="card modal"
          data-testid={testId}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            if (opener?.isConnected) opener.focus();
          }}
        >
          <Dialog.Title className="modal-title">{title}</Dialog.Title>
          {description ? <Dialog.Description className="hint">{description}</Dialog.Description> : <Dialog.Description className="sr-only">{title}</Dialog.Description>}
          {children}
          <Dialog.Close className="modal-close" aria-label={texts.rooms.close}>
            <X aria-hidden="true" size={20} />
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
