/**
 * What the card says, and which action it offers, for each backend error (the table in docs/api.md).
 */
import { ApiError } from './api';

export type Remedy = 'retry' | 'reload' | 'reinstall' | 'connect' | 'reconnect' | 'fix_fields';

export interface Advice {
  title: string;
  message: string;
  remedy: Remedy;
}

export function adviceFor(error: unknown): Advice {
  if (!(error instanceof ApiError)) {
    return { title: 'Something went wrong', message: String(error instanceof Error ? error.message : error), remedy: 'retry' };
  }
  const message = error.message;
  switch (error.code) {
    case 'invalid_signature':
    case 'wrong_app':
      return { title: 'This page needs a reload', message: `${message} Reload the page.`, remedy: 'reload' };
    case 'hubspot_not_installed':
    case 'hubspot_reinstall':
      return { title: 'Reinstall the app', message, remedy: 'reinstall' };
    case 'not_connected':
      return { title: 'Connect NetSuite', message: 'Connect NetSuite in the app settings.', remedy: 'connect' };
    case 'netsuite_auth':
      return { title: 'NetSuite refused the connection', message: `${message} Reconnect NetSuite in the app settings.`, remedy: 'reconnect' };
    case 'validation_failed':
      return { title: 'Check the highlighted fields', message, remedy: 'fix_fields' };
    case 'bad_response':
      return { title: 'Unexpected answer', message, remedy: 'retry' };
    default:
      return {
        title: error.status >= 500 || error.status === 0 ? 'NetSuite Sales Orders is unavailable' : 'That did not work',
        message,
        remedy: 'retry',
      };
  }
}

/** Where a rep or admin finds the settings page, for states that can only be fixed there. */
export const SETTINGS_HINT =
  'An admin connects NetSuite on the app settings page: Marketplace ▸ Connected apps ▸ NetSuite Sales Orders ▸ Settings.';
