/** Helpers over the HubSpot test renderer's nodes. */

interface TextTree {
  text: string | null;
  childNodes?: readonly TextTree[];
}

/** All text inside a node, descendants included (a node's own `.text` covers its direct text children only). */
export function allText(node: TextTree): string {
  if (!node.childNodes) return node.text ?? '';
  return node.childNodes.map((child) => allText(child)).join(' ');
}

interface Triggerable {
  trigger: (...args: never[]) => void;
}

/**
 * `trigger(event, value)`: the package types `value` as the handler itself, while at run time it is the
 * handler's argument (`onChange('SO1042')`). This keeps the tests typed on the value instead.
 */
export function fire(node: Triggerable, event: string, value?: unknown): void {
  (node.trigger as unknown as (event: string, value?: unknown) => void)(event, value);
}
