/** `hubspot.extend` and the extension hooks: mounts the card into the page with its context and actions. */
import { createContext, useContext, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { hubspot as HubSpotApi } from '@hubspot/ui-extensions';
import type {
  CrmContext,
  ExtensionPointApi,
  ExtensionPoints,
  ServerlessFuncRunner,
} from '@hubspot/ui-extensions';
import { requireConfig } from './config.ts';
import { createActions, type PreviewActions } from './actions.ts';
import { ServerlessExecutionStatus } from './events.ts';
import { ToastRegion } from './toasts.tsx';

export interface PreviewApi {
  context: CrmContext;
  actions: PreviewActions;
  runServerlessFunction: ServerlessFuncRunner;
}

const ApiContext = createContext<PreviewApi | null>(null);

const runServerlessFunction: ServerlessFuncRunner = async () => ({
  status: ServerlessExecutionStatus.Error,
  message: 'Serverless functions are not available in the local preview; call the backend with hubspot.fetch',
});

function useApi(): PreviewApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('extension hooks must be used inside a card mounted by hubspot.extend');
  return api;
}

export function useExtensionApi<T extends keyof ExtensionPoints>(): ExtensionPointApi<T> {
  return useApi() as unknown as ExtensionPointApi<T>;
}
export function useExtensionContext<T extends keyof ExtensionPoints>(): ExtensionPointApi<T>['context'] {
  return useApi().context as unknown as ExtensionPointApi<T>['context'];
}
export function useExtensionActions<T extends keyof ExtensionPoints>(): ExtensionPointApi<T>['actions'] {
  return useApi().actions as unknown as ExtensionPointApi<T>['actions'];
}

let root: Root | null = null;

export const extend: (typeof HubSpotApi)['extend'] = (render) => {
  const mountId = requireConfig('mountId');
  const element = document.getElementById(mountId);
  if (!element) throw new Error(`hubspot.extend: no element with id "${mountId}" on the page`);
  const api: PreviewApi = {
    context: structuredClone(requireConfig('context')),
    actions: createActions(),
    runServerlessFunction,
  };
  element.classList.add('uie-scope');
  root?.unmount();
  root = createRoot(element);
  const card = (render as (api: PreviewApi) => ReactElement)(api);
  root.render(
    <ApiContext.Provider value={api}>
      <div className="uie-card" data-testid="preview-card">
        {card}
      </div>
      <ToastRegion />
    </ApiContext.Provider>,
  );
};

/** Unmounts what `extend` mounted (tests, or a page that swaps cards). */
export function unmountPreview(): void {
  root?.unmount();
  root = null;
}

export const serverless = async (): Promise<never> => {
  throw new Error('Serverless functions are not available in the local preview');
};
