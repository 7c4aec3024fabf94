import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Flex,
  hubspot,
  LoadingSpinner,
  Text,
  type ExtensionPointApiActions,
  type ExtensionPointApiContext,
} from '@hubspot/ui-extensions';

import { listConnections, type Connection } from '../api';
import { ApiErrorState } from '../ApiErrorState';
import { ConnectForm } from './ConnectForm';
import { ConnectionTile } from './ConnectionTile';

export type SettingsContext = ExtensionPointApiContext<'settings'>;
export type SettingsActions = Pick<ExtensionPointApiActions<'settings'>, 'addAlert' | 'closeOverlay' | 'reloadPage'>;

type PageState = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; connections: Connection[] };

interface SettingsPageProps {
  context: SettingsContext;
  actions: SettingsActions;
}

/** The app's settings page: the connected NetSuite accounts, connecting one, their defaults, disconnecting. */
export function SettingsPage({ actions }: SettingsPageProps) {
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [connecting, setConnecting] = useState(false);
  const [connected, setConnected] = useState<string | null>(null);

  // Bumped by Retry: each value is one load of the list.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    listConnections().then(
      (connections) => current && setState({ kind: 'ready', connections }),
      (error: unknown) => current && setState({ kind: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  if (state.kind === 'loading') return <LoadingSpinner label="Loading NetSuite connections" layout="centered" testId="settings-loading" />;
  if (state.kind === 'error') {
    return (
      <ApiErrorState
        error={state.error}
        onRetry={() => {
          setState({ kind: 'loading' });
          setAttempt((count) => count + 1);
        }}
        onReload={() => actions.reloadPage()}
        testId="settings-error"
      />
    );
  }

  const { connections } = state;
  const replace = (updated: Connection) =>
    setState({ kind: 'ready', connections: connections.map((connection) => (connection.id === updated.id ? updated : connection)) });
  const showForm = connecting || connections.length === 0;

  return (
    <Flex direction="column" gap="md">
      <Text>
        Connect the NetSuite accounts your reps create sales orders in. Credentials are tested against NetSuite before they are
        saved, stored encrypted, and never shown again.
      </Text>
      {connected ? (
        <Alert title="NetSuite connected" variant="success" testId="connected-alert">
          {connected}
        </Alert>
      ) : null}
      {connections.map((connection) => (
        <ConnectionTile
          key={connection.id}
          connection={connection}
          onChanged={(updated) => {
            replace(updated);
            actions.addAlert({ type: 'success', message: `Defaults saved for ${updated.label}.` });
          }}
          onDisconnected={(connectionId) => {
            setConnected(null);
            setState({ kind: 'ready', connections: connections.filter((item) => item.id !== connectionId) });
            actions.addAlert({ type: 'success', message: `${connection.label} disconnected.` });
          }}
          closeOverlay={actions.closeOverlay}
        />
      ))}
      {showForm ? (
        <ConnectForm
          onConnected={(connection, message) => {
            setConnecting(false);
            setConnected(message);
            setState({ kind: 'ready', connections: [...connections, connection] });
          }}
          onCancel={connections.length > 0 ? () => setConnecting(false) : undefined}
        />
      ) : (
        <Button variant="primary" onClick={() => setConnecting(true)} testId="add-connection">
          Connect another NetSuite account
        </Button>
      )}
    </Flex>
  );
}

hubspot.extend<'settings'>(({ context, actions }) => <SettingsPage context={context} actions={actions} />);
