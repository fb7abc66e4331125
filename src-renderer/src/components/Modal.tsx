// A modal dialog on the native <dialog> element: the browser traps focus, makes the page behind
// inert and closes on Escape; focus returns to what opened it.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';

export interface ModalProps {
  open: boolean;
  title: ReactNode;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}

export function Modal({ open, title, onClose, children, wide, testId }: ModalProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`modal ${wide ? 'modal-wide' : ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid={testId}
    >
      {open ? (
        <>
          <div className="modal-head">
            <h2 id={titleId} className="modal-title">
              {title}
            </h2>
            <button type="button" className="button button-small" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
          <div className="modal-body">{children}</div>
        </>
      ) : null}
    </dialog>
  );
}
