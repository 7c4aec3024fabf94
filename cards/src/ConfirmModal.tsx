import type { ReactNode } from 'react';
import { Alert, Button, LoadingButton, Modal, ModalBody, ModalFooter, Text } from '@hubspot/ui-extensions';

import { adviceFor } from './errorAdvice';

interface ConfirmModalProps {
  id: string;
  title: string;
  /** What confirming does, in the rep's or admin's words. */
  children: ReactNode;
  confirmLabel: string;
  confirmTestId?: string;
  busy: boolean;
  error: unknown;
  errorTitle: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A confirmation for an action that removes something: what happens, the failure if any, confirm or cancel. */
export function ConfirmModal({ id, title, children, confirmLabel, confirmTestId, busy, error, errorTitle, onConfirm, onCancel }: ConfirmModalProps) {
  return (
    <Modal id={id} title={title} variant="danger" width="sm">
      <ModalBody>
        <Text>{children}</Text>
        {error ? (
          <Alert title={errorTitle} variant="danger">
            {adviceFor(error).message}
          </Alert>
        ) : null}
      </ModalBody>
      <ModalFooter>
        <LoadingButton variant="destructive" loading={busy} disabled={busy} onClick={onConfirm} testId={confirmTestId}>
          {confirmLabel}
        </LoadingButton>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
