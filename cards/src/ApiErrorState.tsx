import { Button, ErrorState, Text } from '@hubspot/ui-extensions';

import { adviceFor, SETTINGS_HINT } from './errorAdvice';

interface ApiErrorStateProps {
  error: unknown;
  onRetry: () => void;
  onReload?: () => void;
  testId?: string;
}

/** A failed load: what happened, in the rep's words, and the one action that helps. */
export function ApiErrorState({ error, onRetry, onReload, testId }: ApiErrorStateProps) {
  const advice = adviceFor(error);
  return (
    <ErrorState title={advice.title} testId={testId}>
      <Text>{advice.message}</Text>
      {advice.remedy === 'connect' || advice.remedy === 'reconnect' ? <Text>{SETTINGS_HINT}</Text> : null}
      {advice.remedy === 'reload' && onReload ? (
        <Button onClick={() => onReload()}>Reload the page</Button>
      ) : (
        <Button onClick={() => onRetry()}>{advice.remedy === 'retry' ? 'Retry' : 'Check again'}</Button>
      )}
    </ErrorState>
  );
}
