/** Runtime twins of the event classes `@hubspot/ui-extensions` exports as values. */

function randomId(): string {
  // crypto.randomUUID only exists in secure contexts; the demo may be served over plain http on a LAN address.
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

interface EventLike {
  type: string;
  bubbles: boolean;
  timeStamp: number;
}

export class ExtensionEvent {
  type: string;
  bubbles: boolean;
  timeStamp: number;
  id: string;
  constructor(event: EventLike) {
    this.type = event.type;
    this.bubbles = event.bubbles;
    this.timeStamp = event.timeStamp;
    this.id = randomId();
  }
}

export class FormSubmitExtensionEvent<V> extends ExtensionEvent {
  targetValue: V;
  constructor(value: V, event: EventLike) {
    super(event);
    this.targetValue = value;
  }
}

/** @deprecated kept because the package still exports it */
export class RemoteEvent<V> {
  type: string;
  bubbles: boolean;
  timeStamp: number;
  targetValue: V;
  constructor(value: V, event: EventLike) {
    this.type = event.type;
    this.bubbles = event.bubbles;
    this.timeStamp = event.timeStamp;
    this.targetValue = value;
  }
}

export enum ServerlessExecutionStatus {
  Success = 'SUCCESS',
  Error = 'ERROR',
}
