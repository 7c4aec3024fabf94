/** Buttons: Button, LoadingButton, ButtonRow, Dropdown (+ Dropdown.ButtonItem). */
import { createContext, useContext, useEffect, useId, useRef, useState, type MouseEvent } from 'react';
import type {
  ButtonProps,
  ButtonRowProps,
  DropdownButtonItemProps,
  DropdownProps,
  LoadingButtonProps,
} from '@hubspot/ui-extensions';
import { callWithReactions, cx, navigate, size, tid, useOverlayTrigger } from './common.tsx';

export function Button({
  children,
  onClick,
  href,
  disabled,
  variant = 'secondary',
  type = 'button',
  size: s,
  truncate,
  overlay,
  testId,
}: ButtonProps) {
  const trigger = useOverlayTrigger(overlay);
  return (
    <>
      <button
        type={type}
        className={cx('uie-button', `uie-button--${variant}`, `uie-button--${size(s)}`, truncate && 'uie-truncate')}
        disabled={disabled}
        data-variant={variant}
        onClick={(event) => {
          callWithReactions(onClick, event);
          trigger.open();
          navigate(href);
        }}
        {...trigger.triggerProps}
        {...tid(testId)}
      >
        {children}
      </button>
      {trigger.node}
    </>
  );
}

export function LoadingButton({
  children,
  onClick,
  href,
  disabled,
  variant = 'secondary',
  type = 'button',
  size: s,
  truncate,
  overlay,
  overlayOptions,
  loading = false,
  testId,
}: LoadingButtonProps) {
  const trigger = useOverlayTrigger(overlay);
  const waitForLoad = overlayOptions?.openBehavior === 'onLoadingFinish';
  const [pending, setPending] = useState(false);
  const wasLoading = useRef(loading);
  useEffect(() => {
    if (pending && wasLoading.current && !loading) {
      setPending(false);
      trigger.open();
    }
    wasLoading.current = loading;
  }, [loading, pending, trigger]);
  return (
    <>
      <button
        type={type}
        className={cx('uie-button', `uie-button--${variant}`, `uie-button--${size(s)}`, truncate && 'uie-truncate', loading && 'uie-button--loading')}
        disabled={disabled || loading}
        aria-busy={loading}
        data-variant={variant}
        onClick={(event) => {
          callWithReactions(onClick, event);
          if (waitForLoad) setPending(true);
          else trigger.open();
          navigate(href);
        }}
        {...trigger.triggerProps}
        {...tid(testId)}
      >
        {loading ? <span className="uie-spinner uie-spinner--xs" aria-hidden="true" /> : null}
        {children}
      </button>
      {trigger.node}
    </>
  );
}

export function ButtonRow({ children, testId }: ButtonRowProps) {
  // HubSpot folds overflowing buttons into a "More" menu; the preview lets them wrap instead.
  return (
    <div className="uie-button-row" role="group" {...tid(testId)}>
      {children}
    </div>
  );
}

const MenuContext = createContext<(() => void) | null>(null);

export function DropdownButtonItem({ children, onClick, overlay, testId }: DropdownButtonItemProps) {
  const close = useContext(MenuContext);
  const trigger = useOverlayTrigger(overlay);
  return (
    <li role="none">
      <button
        type="button"
        role="menuitem"
        className="uie-menu__item"
        onClick={(event: MouseEvent) => {
          close?.();
          callWithReactions(onClick, event);
          trigger.open();
        }}
        {...tid(testId)}
      >
        {children}
      </button>
      {trigger.node}
    </li>
  );
}

function DropdownRoot({ options, variant = 'secondary', buttonText = 'More', buttonSize, disabled, children, testId }: DropdownProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDocument = (event: Event) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDocument);
    return () => document.removeEventListener('mousedown', onDocument);
  }, [open]);
  useEffect(() => {
    if (open) rootRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <div
      className="uie-dropdown"
      ref={rootRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) close();
        if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
          event.preventDefault();
          const items = [...(rootRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
          const at = items.indexOf(document.activeElement as HTMLElement);
          const next = event.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
          items[next]?.focus();
        }
      }}
      {...tid(testId)}
    >
      <button
        ref={buttonRef}
        type="button"
        className={cx('uie-button', `uie-button--${variant}`, `uie-button--${size(buttonSize)}`, 'uie-dropdown__button')}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        {buttonText}
        <span className="uie-dropdown__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <MenuContext.Provider value={close}>
        {/* Kept mounted while closed so overlays opened from an item outlive the menu. */}
        <ul id={menuId} role="menu" aria-label={buttonText} className="uie-menu" hidden={!open}>
          {options?.map((option) => (
            <li role="none" key={option.label}>
              <button
                type="button"
                role="menuitem"
                className="uie-menu__item"
                onClick={() => {
                  close();
                  option.onClick?.();
                }}
              >
                {option.label}
              </button>
            </li>
          ))}
          {children}
        </ul>
      </MenuContext.Provider>
    </div>
  );
}

export const Dropdown = Object.assign(DropdownRoot, { ButtonItem: DropdownButtonItem });
