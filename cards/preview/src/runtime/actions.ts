/** The host actions a `crm.record.tab` card receives, implemented against the preview page. */
import type { CrmHostActions, UiePlatformActions } from '@hubspot/ui-extensions';
import { announce, readConfig } from './config.ts';
import { closeOverlay } from './overlays.ts';
import { addToast } from './toasts.tsx';
import { logger } from './logger.ts';

export type PreviewActions = CrmHostActions & UiePlatformActions;
type PropertiesCallback = Parameters<CrmHostActions['onCrmPropertiesUpdate']>[1];

function pick(properties: string[] | '*'): Record<string, string> {
  const all = readConfig().properties ?? {};
  if (properties === '*') return { ...all };
  return Object.fromEntries(properties.filter((name) => name in all).map((name) => [name, all[name] ?? '']));
}

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http demo pages have no async clipboard: fall back to a selection copy.
  const area = document.createElement('textarea');
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

export function createActions(): PreviewActions {
  const subscriptions: { properties: string[] | '*'; callback: PropertiesCallback }[] = [];
  return {
    addAlert: (args) => {
      announce('addAlert', { args });
      addToast(args);
    },
    reloadPage: () => {
      announce('reloadPage');
      window.location.reload();
    },
    fetchCrmObjectProperties: async (properties) => pick(properties),
    refreshObjectProperties: () => {
      announce('refreshObjectProperties');
      for (const { properties, callback } of subscriptions) callback(pick(properties));
    },
    onCrmPropertiesUpdate: (properties, callback) => {
      subscriptions.push({ properties, callback });
    },
    openIframeModal: (payload, onClose) => {
      // The preview has no iframe host; record the request so the page or a test can see it.
      logger.info(`openIframeModal ${payload.uri}`);
      announce('openIframeModal', { args: payload });
      onClose?.();
    },
    closeOverlay: (id) => {
      announce('closeOverlay', { args: id });
      closeOverlay(null, id);
    },
    copyTextToClipboard: async (text) => {
      announce('copyTextToClipboard', { args: text });
      await copyText(text);
    },
    navigateToPage: (options) => {
      logger.info(`navigateToPage ${options.to}`);
      announce('navigateToPage', { args: options });
    },
  };
}
