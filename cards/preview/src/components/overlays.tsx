/** Overlays: Modal, ModalBody, ModalFooter, Panel, PanelBody, PanelSection, PanelFooter. */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type {
  ModalBodyProps,
  ModalFooterProps,
  ModalProps,
  PanelBodyProps,
  PanelFooterProps,
  PanelProps,
  PanelSectionProps,
} from '@hubspot/ui-extensions';
import { closeOverlay, useOverlayOpen } from '../runtime/overlays.ts';
import { OVERLAY_KIND, cx, size, tid } from './common.tsx';

/** Calls onOpen / onClose on transitions, moves focus into the dialog and back to the trigger. */
function useDialogLifecycle(open: boolean, onOpen?: () => void, onClose?: () => void) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open && !wasOpen.current) {
      returnFocus.current = document.activeElement as HTMLElement | null;
      dialogRef.current?.focus();
      onOpen?.();
    } else if (!open && wasOpen.current) {
      returnFocus.current?.focus?.();
      onClose?.();
    }
    wasOpen.current = open;
  }, [open, onOpen, onClose]);
  return dialogRef;
}

interface DialogShellProps {
  kind: 'modal' | 'panel';
  id: string;
  title?: string;
  ariaLabel?: string;
  width?: string;
  variant?: string;
  modal: boolean;
  testId?: string;
  onOpen?: () => void;
  onClose?: () => void;
  children?: ReactNode;
}

function DialogShell({ kind, id, title, ariaLabel, width, variant, modal, testId, onOpen, onClose, children }: DialogShellProps) {
  const open = useOverlayOpen(kind, id);
  const dialogRef = useDialogLifecycle(open, onOpen, onClose);
  const titleId = useId();
  if (!open) return null;
  const close = () => closeOverlay(kind, id);
  return createPortal(
    <div className={cx('uie-scope', `uie-${kind}-layer`)}>
      <div className={`uie-${kind}-backdrop`} onClick={close} aria-hidden="true" />
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal={modal}
        aria-labelledby={title ? titleId : undefined}
        aria-label={title ? undefined : (ariaLabel ?? id)}
        tabIndex={-1}
        id={id}
        className={cx(`uie-${kind}`, `uie-${kind}--${size(width as never, 'sm')}`, variant && `uie-${kind}--${variant}`)}
        data-variant={variant}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            close();
          }
        }}
        {...tid(testId)}
      >
        <header className={`uie-${kind}__header`}>
          {title ? (
            <h2 id={titleId} className={`uie-${kind}__title`}>
              {title}
            </h2>
          ) : (
            <span />
          )}
          <button type="button" className="uie-close" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>,
    document.body,
  );
}

export function Modal({ id, title, width, variant = 'default', onOpen, onClose, children, testId, 'aria-label': ariaLabel }: ModalProps) {
  return (
    <DialogShell kind="modal" modal id={id} title={title} ariaLabel={ariaLabel} width={width} variant={variant} onOpen={onOpen} onClose={onClose} testId={testId}>
      {children}
    </DialogShell>
  );
}
(Modal as unknown as Record<symbol, string>)[OVERLAY_KIND] = 'modal';

export function ModalBody({ children, testId }: ModalBodyProps) {
  return (
    <div className="uie-modal__body" {...tid(testId)}>
      {children}
    </div>
  );
}

export function ModalFooter({ children, testId }: ModalFooterProps) {
  return (
    <footer className="uie-modal__footer" {...tid(testId)}>
      {children}
    </footer>
  );
}

export function Panel({ id, title, width, variant = 'default', onOpen, onClose, children, testId, 'aria-label': ariaLabel }: PanelProps) {
  return (
    <DialogShell kind="panel" modal={variant === 'modal'} id={id} title={title} ariaLabel={ariaLabel} width={width} variant={variant} onOpen={onOpen} onClose={onClose} testId={testId}>
      {children}
    </DialogShell>
  );
}
(Panel as unknown as Record<symbol, string>)[OVERLAY_KIND] = 'panel';

export function PanelBody({ children, testId }: PanelBodyProps) {
  return (
    <div className="uie-panel__body" {...tid(testId)}>
      {children}
    </div>
  );
}

export function PanelSection({ children, flush, testId }: PanelSectionProps) {
  return (
    <section className={cx('uie-panel__section', flush && 'uie-panel__section--flush')} {...tid(testId)}>
      {children}
    </section>
  );
}

export function PanelFooter({ children, testId }: PanelFooterProps) {
  return (
    <footer className="uie-panel__footer" {...tid(testId)}>
      {children}
    </footer>
  );
}
