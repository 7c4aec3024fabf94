/** The toast region behind `actions.addAlert`: a polite live region, one toast per alert. */
import { useEffect, useSyncExternalStore } from 'react';
import type { AddAlertAction } from '@hubspot/ui-extensions';

type AlertArgs = Parameters<AddAlertAction>[0];
export interface Toast extends AlertArgs {
  key: number;
}

const TOAST_MS = 8_000;
let toasts: Toast[] = [];
let nextKey = 1;
const listeners = new Set<() => void>();

function set(next: Toast[]): void {
  toasts = next;
  for (const listener of listeners) listener();
}

export function addToast(args: AlertArgs): void {
  set([...toasts, { ...args, key: nextKey++ }]);
}

export function dismissToast(key: number): void {
  set(toasts.filter((toast) => toast.key !== key));
}

function useToasts(): Toast[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toasts,
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const type = toast.type ?? 'info';
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(toast.key), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast.key]);
  return (
    <div className={`uie-toast uie-toast--${type}`} data-type={type} data-testid="preview-toast">
      <div className="uie-toast__text">
        {toast.title ? <strong className="uie-toast__title">{toast.title}</strong> : null}
        <span>{toast.message}</span>
      </div>
      <button type="button" className="uie-close" aria-label="Dismiss" onClick={() => dismissToast(toast.key)}>
        ×
      </button>
    </div>
  );
}

export function ToastRegion() {
  const items = useToasts();
  return (
    <div className="uie-toasts" role="status" aria-live="polite" aria-label="Notifications">
      {items.map((toast) => (
        <ToastItem key={toast.key} toast={toast} />
      ))}
    </div>
  );
}
