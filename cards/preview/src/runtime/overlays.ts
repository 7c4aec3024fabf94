/** Which Modal and Panel overlays are open: one store shared by reactions, actions.closeOverlay and the overlays. */
import { useSyncExternalStore } from 'react';
import type { Reactions } from '@hubspot/ui-extensions';

type Kind = 'modal' | 'panel';

// HubSpot shows at most one modal and one panel at a time; opening another replaces it.
let open: Record<Kind, string | null> = { modal: null, panel: null };
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function openOverlay(kind: Kind, id: string): void {
  if (open[kind] === id) return;
  open = { ...open, [kind]: id };
  emit();
}

export function closeOverlay(kind: Kind | null, id: string): void {
  const next = { ...open };
  for (const k of ['modal', 'panel'] as const) {
    if ((kind === null || kind === k) && next[k] === id) next[k] = null;
  }
  if (next.modal !== open.modal || next.panel !== open.panel) {
    open = next;
    emit();
  }
}

export function closeAllOverlays(): void {
  open = { modal: null, panel: null };
  emit();
}

// What each rendered Modal or Panel id is, for triggers whose `overlay` is a component wrapping one.
const kinds = new Map<string, Kind>();

export function overlayKindOf(id: string): Kind | null {
  return kinds.get(id) ?? null;
}

export function useOverlayOpen(kind: Kind, id: string): boolean {
  kinds.set(id, kind);
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => open[kind] === id,
  );
}

export const reactions: Reactions = {
  openModal: (id) => openOverlay('modal', id),
  closeModal: (id) => closeOverlay('modal', id),
  openPanel: (id) => openOverlay('panel', id),
  closePanel: (id) => closeOverlay('panel', id),
};
