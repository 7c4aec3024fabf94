/** Helpers shared by the component families: class names, test ids, sizes, overlays attached to triggers. */
import {
  isValidElement,
  useId,
  useState,
  type MouseEvent as ReactMouseEvent,
  type ReactElement,
  type ReactNode,
} from 'react';
import type { AllDistances, ExtensionEvent as ExtensionEventType, HrefProp, ReactionsHandler } from '@hubspot/ui-extensions';
import { ExtensionEvent } from '../runtime/events.ts';
import { openOverlay, overlayKindOf, reactions } from '../runtime/overlays.ts';

export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

export function tid(testId: string | undefined): { 'data-testid'?: string } {
  return testId === undefined ? {} : { 'data-testid': testId };
}

const SIZE: Record<string, string> = {
  flush: 'flush',
  'extra-small': 'xs',
  xs: 'xs',
  small: 'sm',
  sm: 'sm',
  medium: 'md',
  md: 'md',
  large: 'lg',
  lg: 'lg',
  'extra-large': 'xl',
  xl: 'xl',
  default: 'md',
};

/** 'extra-small' | 'xs' | … → 'xs' … (the SDK accepts both spellings). */
export function size(value: AllDistances | 'default' | undefined, fallback = 'md'): string {
  return value === undefined ? fallback : (SIZE[value] ?? fallback);
}

export function hrefOf(href: HrefProp | undefined): { url: string; external: boolean } | null {
  if (href === undefined) return null;
  const url = typeof href === 'string' ? href : href.url;
  if (!url) return null;
  const explicit = typeof href === 'string' ? undefined : href.external;
  // The SDK opens non-HubSpot pages in a new tab unless told otherwise.
  let external = explicit;
  if (external === undefined) {
    try {
      external = !new URL(url, window.location.href).hostname.endsWith('hubspot.com');
    } catch {
      external = false;
    }
  }
  return { url, external };
}

export function navigate(href: HrefProp | undefined): void {
  const target = hrefOf(href);
  if (!target) return;
  if (target.external) window.open(target.url, '_blank', 'noopener');
  else window.location.assign(target.url);
}

export function callWithReactions(handler: ReactionsHandler<ExtensionEventType> | undefined, event: ReactMouseEvent): void {
  if (!handler) return;
  void Promise.resolve(handler(new ExtensionEvent(event.nativeEvent), reactions)).catch((error: unknown) =>
    console.error('[card] click handler failed', error),
  );
}

type OverlayKind = 'modal' | 'panel' | 'tooltip' | null;

/** Components mark themselves so a trigger knows what its `overlay` prop holds. */
export const OVERLAY_KIND = Symbol.for('uie-preview.overlay-kind');
type Marked = { [OVERLAY_KIND]?: OverlayKind };

function kindOf(overlay: ReactNode): { kind: OverlayKind; id: string | null } {
  if (!isValidElement(overlay)) return { kind: null, id: null };
  const type = overlay.type as Marked;
  const kind = (typeof type === 'function' || typeof type === 'object') && type !== null ? (type[OVERLAY_KIND] ?? null) : null;
  const props = overlay.props as { id?: unknown };
  return { kind, id: typeof props.id === 'string' ? props.id : null };
}

export interface OverlayTrigger {
  /** Open the Modal or Panel held by `overlay` (no-op for tooltips). */
  open: () => void;
  /** Rendered next to the trigger: Modals and Panels portal themselves and only show when open. */
  node: ReactNode;
  /** Props to spread on the trigger element (tooltip wiring). */
  triggerProps: Record<string, unknown>;
  isDialog: boolean;
}

export function useOverlayTrigger(overlay: ReactNode): OverlayTrigger {
  const { kind, id } = kindOf(overlay);
  const tooltipId = useId();
  const [tipShown, setTipShown] = useState(false);
  if (kind === 'tooltip' && isValidElement(overlay)) {
    const tip = overlay as ReactElement<{ children?: ReactNode; placement?: string; testId?: string }>;
    return {
      open: () => undefined,
      isDialog: false,
      triggerProps: {
        'aria-describedby': tooltipId,
        onMouseEnter: () => setTipShown(true),
        onMouseLeave: () => setTipShown(false),
        onFocus: () => setTipShown(true),
        onBlur: () => setTipShown(false),
      },
      node: (
        <span
          role="tooltip"
          id={tooltipId}
          className={cx('uie-tooltip', `uie-tooltip--${tip.props.placement ?? 'top'}`)}
          hidden={!tipShown}
          {...tid(tip.props.testId)}
        >
          {tip.props.children}
        </span>
      ),
    };
  }
  const isDialog = (kind === 'modal' || kind === 'panel') && id !== null;
  return {
    open: () => {
      if (isDialog && id !== null) openOverlay(kind === 'modal' ? 'modal' : 'panel', id);
      // `overlay={<CreateOrderModal id=…/>}`: a component that renders the Modal; it has rendered by now.
      else if (kind === null && id !== null) {
        const rendered = overlayKindOf(id);
        if (rendered) openOverlay(rendered, id);
      }
    },
    node: overlay ?? null,
    triggerProps: isDialog ? { 'aria-haspopup': 'dialog' } : {},
    isDialog,
  };
}

/** A small "?" next to a label that shows the field's tooltip text on hover and focus. */
export function InfoTip({ text }: { text: string }) {
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <span className="uie-infotip">
      <button
        type="button"
        className="uie-infotip__icon"
        aria-label="More information"
        aria-describedby={id}
        onMouseEnter={() => setShown(true)}
        onMouseLeave={() => setShown(false)}
        onFocus={() => setShown(true)}
        onBlur={() => setShown(false)}
      >
        ?
      </button>
      <span role="tooltip" id={id} className="uie-tooltip uie-tooltip--top" hidden={!shown}>
        {text}
      </span>
    </span>
  );
}
