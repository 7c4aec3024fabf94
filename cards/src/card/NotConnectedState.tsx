import { Button, EmptyState, Text } from '@hubspot/ui-extensions';

import { SETTINGS_HINT } from '../errorAdvice';

/** No NetSuite account connected to this HubSpot portal yet: that happens on the settings page. */
export function NotConnectedState({ onRetry }: { onRetry: () => void }) {
  return (
    <EmptyState title="Connect NetSuite" imageName="integrations" testId="not-connected">
      <Text>This HubSpot account is not connected to NetSuite yet, so there are no sales orders to show.</Text>
      <Text>{SETTINGS_HINT}</Text>
      <Button onClick={() => onRetry()}>Check again</Button>
    </EmptyState>
  );
}
