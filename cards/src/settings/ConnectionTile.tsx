import { useState } from 'react';
import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListItem,
  Flex,
  Heading,
  LoadingButton,
  Text,
  Tile,
} from '@hubspot/ui-extensions';

import { deleteConnection, reloadConnectionMetadata, testConnection, type Connection, type ConnectionTest, type MetadataReload } from '../api';
import { adviceFor } from '../errorAdvice';
import { ConfirmModal } from '../ConfirmModal';
import { DefaultsForm } from './DefaultsForm';

const AUTH_LABEL: Record<Connection['authKind'], string> = {
  tba: 'Token-based authentication',
  m2m: 'OAuth 2.0 client credentials',
};

interface ConnectionTileProps {
  connection: Connection;
  onChanged: (connection: Connection) => void;
  onDisconnected: (connectionId: string) => void;
  closeOverlay: (id: string) => void;
}

/** One connected NetSuite account: what it is, Test, Reload NetSuite forms, its defaults, Disconnect. */
export function ConnectionTile({ connection, onChanged, onDisconnected, closeOverlay }: ConnectionTileProps) {
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [testError, setTestError] = useState<unknown>(null);
  const [reloading, setReloading] = useState(false);
  const [reload, setReload] = useState<MetadataReload | null>(null);
  const [reloadError, setReloadError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [disconnecting, setDisconnecting] = useState(false);
  const [disconnectError, setDisconnectError] = useState<unknown>(null);
  const modalId = `disconnect-${connection.id}`;
  const { defaults } = connection;

  const runTest = async () => {
    setTesting(true);
    setTest(null);
    setTestError(null);
    try {
      setTest(await testConnection(connection.id));
    } catch (error) {
      setTestError(error);
    } finally {
      setTesting(false);
    }
  };

  const reloadForms = async () => {
    setReloading(true);
    setReload(null);
    setReloadError(null);
    try {
      setReload(await reloadConnectionMetadata(connection.id));
    } catch (error) {
      setReloadError(error);
    } finally {
      setReloading(false);
    }
  };

  const disconnect = async () => {
    setDisconnecting(true);
    setDisconnectError(null);
    try {
      await deleteConnection(connection.id);
      closeOverlay(modalId);
      onDisconnected(connection.id);
    } catch (error) {
      setDisconnectError(error);
    } finally {
      setDisconnecting(false);
    }
  };

  return (
    <Tile testId={`connection-${connection.id}`}>
      <Flex direction="column" gap="sm">
        <Heading>{connection.label}</Heading>
        <DescriptionList direction="row">
          <DescriptionListItem label="Account ID">{connection.accountId}</DescriptionListItem>
          <DescriptionListItem label="Authentication">{AUTH_LABEL[connection.authKind]}</DescriptionListItem>
          <DescriptionListItem label="Credentials">{connection.credentialHint ?? '—'}</DescriptionListItem>
          <DescriptionListItem label="RESTlet">{connection.restletUrl ? 'Deployed' : 'Not set: form layouts from the metadata catalog'}</DescriptionListItem>
        </DescriptionList>
        <Text variant="microcopy">
          {`Defaults: subsidiary ${defaults.subsidiaryId ?? 'not set'} · form ${defaults.formId ?? 'not set'} · price from ${
            defaults.priceSource ?? 'not set'
          } · customer from ${defaults.customerSource ?? 'not set'} · folder ${defaults.folderId ?? 'not set'}`}
        </Text>
        {test ? (
          <Alert title={test.ok ? 'Connection works' : 'Connection test failed'} variant={test.ok ? 'success' : 'danger'} testId={`test-result-${connection.id}`}>
            {test.message}
          </Alert>
        ) : null}
        {testError ? (
          <Alert title="Connection test failed" variant="danger" testId={`test-result-${connection.id}`}>
            {adviceFor(testError).message}
          </Alert>
        ) : null}
        {reload ? (
          <Alert title="NetSuite forms reloaded" variant="success" testId={`reload-result-${connection.id}`}>
            {reload.message}
          </Alert>
        ) : null}
        {reloadError ? (
          <Alert title="Could not reload the NetSuite forms" variant="danger" testId={`reload-result-${connection.id}`}>
            {adviceFor(reloadError).message}
          </Alert>
        ) : null}
        {editing ? (
          <DefaultsForm
            connection={connection}
            onSaved={(updated) => {
              setEditing(false);
              onChanged(updated);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : null}
        <Flex gap="sm">
          <LoadingButton size="sm" variant="secondary" loading={testing} disabled={testing} onClick={() => void runTest()} testId={`test-connection-${connection.id}`}>
            Test
          </LoadingButton>
          <LoadingButton size="sm" variant="secondary" loading={reloading} disabled={reloading} onClick={() => void reloadForms()} testId={`reload-forms-${connection.id}`}>
            Reload NetSuite forms
          </LoadingButton>
          {!editing ? (
            <Button size="sm" variant="secondary" onClick={() => setEditing(true)} testId={`edit-defaults-${connection.id}`}>
              Set defaults
            </Button>
          ) : null}
          <Button
            size="sm"
            variant="destructive"
            testId={`disconnect-${connection.id}`}
            overlay={
              <ConfirmModal
                id={modalId}
                title={`Disconnect ${connection.label}?`}
                confirmLabel="Disconnect"
                confirmTestId={`confirm-disconnect-${connection.id}`}
                busy={disconnecting}
                error={disconnectError}
                errorTitle="Could not disconnect"
                onConfirm={() => void disconnect()}
                onCancel={() => closeOverlay(modalId)}
              >
                Reps will no longer see or create sales orders in NetSuite account {connection.accountId}. The links between
                deals and its orders are removed; the orders stay in NetSuite.
              </ConfirmModal>
            }
          >
            Disconnect
          </Button>
        </Flex>
      </Flex>
    </Tile>
  );
}
