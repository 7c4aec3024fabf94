/** `logger` of the SDK, writing to the browser console with a recognisable prefix. */
import type { logger as SdkLogger } from '@hubspot/ui-extensions';

type Logger = typeof SdkLogger;
type LogData = Parameters<Logger['info']>[0];

const PREFIX = '[card]';
export const logger: Logger = {
  debug: (data: LogData) => console.debug(PREFIX, data),
  info: (data: LogData) => console.info(PREFIX, data),
  warn: (data: LogData) => console.warn(PREFIX, data),
  error: (data: LogData) => console.error(PREFIX, data),
};
