import { Alert, Button, Flex, Text } from '@hubspot/ui-extensions';

import type { CardConnection, SalesOrderList } from '../api';
import { SETTINGS_HINT } from '../errorAdvice';
import { formatAge } from '../format';

interface ConnectionAlertsProps {
  connections: CardConnection[];
  stale: SalesOrderList['stale'];
  onRetry: () => void;
}

/** Why some values may be old or missing: stale fallback, a NetSuite account to reconnect, a failed account. */
export function ConnectionAlerts({ connections, stale, onRetry }: ConnectionAlertsProps) {
  const staleConnections = connections.filter((connection) => connection.state === 'stale');
  return (
    <Flex direction="column" gap="sm">
      {stale ? (
        <Alert title={`Showing values from ${formatAge(stale.ageSeconds)} ago — NetSuite did not answer`} variant="warning" testId="stale-alert">
          <Flex direction="column" gap="xs">
            <Text>{stale.reason}</Text>
            {staleConnections.map((connection) =>
              connection.message ? <Text key={connection.id}>{`${connection.label}: ${connection.message}`}</Text> : null,
            )}
            <Button size="xs" onClick={() => onRetry()}>
              Retry
            </Button>
          </Flex>
        </Alert>
      ) : null}
      {connections.map((connection) => {
        if (connection.state === 'needs_reconnect') {
          return (
            <Alert
              key={connection.id}
              title={`NetSuite account ${connection.label} (${connection.accountId}) needs to be reconnected`}
              variant="warning"
              testId={`reconnect-${connection.id}`}
            >
              <Text>{connection.message ?? 'NetSuite no longer accepts its credentials.'}</Text>
              <Text>Reconnect NetSuite in the app settings. {SETTINGS_HINT}</Text>
            </Alert>
          );
        }
        if (connection.state === 'error') {
          return (
            <Alert key={connection.id} title={`Orders from ${connection.label} could not be read`} variant="danger" testId={`error-${connection.id}`}>
              <Text>{connection.message ?? 'NetSuite answered with an error.'}</Text>
              <Button size="xs" onClick={() => onRetry()}>
                Retry
              </Button>
            </Alert>
          );
        }
        if (connection.state === 'stale' && !stale) {
          return (
            <Alert key={connection.id} title={`Orders from ${connection.label} may be out of date`} variant="warning" testId={`stale-${connection.id}`}>
              <Text>{connection.message ?? 'NetSuite did not answer in time.'}</Text>
              <Button size="xs" onClick={() => onRetry()}>
                Retry
              </Button>
            </Alert>
          );
        }
        return null;
      })}
    </Flex>
  );
}
