import { useState } from 'react';
import { Alert, Button, Flex, Heading, Input, LoadingButton, Select, TextArea } from '@hubspot/ui-extensions';

import { ApiError, createConnection, type Connection, type NewConnection } from '../api';
import { adviceFor } from '../errorAdvice';
import { SetupSteps } from './SetupSteps';

type AuthKind = 'tba' | 'm2m';

interface Draft {
  authKind: AuthKind;
  label: string;
  accountId: string;
  tokenId: string;
  tokenSecret: string;
  clientId: string;
  certificateId: string;
  privateKey: string;
  restletUrl: string;
}

const EMPTY: Draft = {
  authKind: 'm2m',
  label: '',
  accountId: '',
  tokenId: '',
  tokenSecret: '',
  clientId: '',
  certificateId: '',
  privateKey: '',
  restletUrl: '',
};

const REQUIRED: Record<AuthKind, (keyof Draft)[]> = {
  tba: ['label', 'accountId', 'tokenId', 'tokenSecret'],
  m2m: ['label', 'accountId', 'clientId', 'certificateId', 'privateKey'],
};

function toRequest(draft: Draft): NewConnection {
  const common = {
    label: draft.label.trim(),
    accountId: draft.accountId.trim(),
    ...(draft.restletUrl.trim() ? { restletUrl: draft.restletUrl.trim() } : {}),
  };
  return draft.authKind === 'tba'
    ? { ...common, authKind: 'tba', tokenId: draft.tokenId.trim(), tokenSecret: draft.tokenSecret.trim() }
    : { ...common, authKind: 'm2m', clientId: draft.clientId.trim(), certificateId: draft.certificateId.trim(), privateKey: draft.privateKey.trim() };
}

interface ConnectFormProps {
  onConnected: (connection: Connection, message: string) => void;
  onCancel?: () => void;
}

/** Connect a NetSuite account: the server tests the credentials against NetSuite before it saves them. */
export function ConnectForm({ onConnected, onCancel }: ConnectFormProps) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = (key: keyof Draft) => (value: string) => {
    setDraft((previous) => ({ ...previous, [key]: value }));
    setFieldErrors(({ [key]: _cleared, ...rest }) => rest);
  };
  const fieldProps = (key: keyof Draft, label: string) => ({
    name: key,
    label,
    required: REQUIRED[draft.authKind].includes(key),
    value: String(draft[key]),
    error: fieldErrors[key] !== undefined,
    validationMessage: fieldErrors[key],
    // onInput keeps the form current on every keystroke; onChange alone commits only on blur, and the
    // re-render that blur causes could move the Save button out from under the admin's click.
    onInput: set(key),
    onChange: set(key),
    testId: `connect-${key}`,
  });

  const save = async () => {
    const missing = REQUIRED[draft.authKind].filter((key) => !String(draft[key]).trim());
    if (missing.length > 0) {
      setFieldErrors(Object.fromEntries(missing.map((key) => [key, 'Required'])));
      return;
    }
    setBusy(true);
    setFailure(null);
    setFieldErrors({});
    try {
      const { connection, test } = await createConnection(toRequest(draft));
      onConnected(connection, test.message);
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError) setFieldErrors({ ...error.fields });
    } finally {
      setBusy(false);
    }
  };

  const failureTitle =
    failure instanceof ApiError && failure.code === 'connection_test_failed' ? 'NetSuite did not accept this connection' : adviceFor(failure).title;

  return (
    <Flex direction="column" gap="sm" testId="connect-form">
      <Heading>Connect a NetSuite account</Heading>
      <SetupSteps authKind={draft.authKind} />
      <Input {...fieldProps('label', 'Label')} placeholder="Production" description="How reps see this account, e.g. Production or Sandbox." />
      <Input {...fieldProps('accountId', 'Account ID')} placeholder="1234567 or 1234567_SB1" description="Setup ▸ Company ▸ Company Information ▸ Account ID." />
      <Select
        name="authKind"
        label="Authentication"
        required
        value={draft.authKind}
        testId="connect-authKind"
        options={[
          { value: 'm2m', label: 'OAuth 2.0 client credentials (machine to machine)' },
          { value: 'tba', label: 'Token-based authentication (token ID and secret)' },
        ]}
        description="NetSuite stops accepting new token-based integrations from 2027.1; existing tokens keep working."
        onChange={(value) => {
          setDraft((previous) => ({ ...previous, authKind: value === 'tba' ? 'tba' : 'm2m' }));
          setFieldErrors({});
        }}
      />
      {draft.authKind === 'tba' ? (
        <>
          <Input {...fieldProps('tokenId', 'Token ID')} />
          <Input {...fieldProps('tokenSecret', 'Token secret')} type="password" />
        </>
      ) : (
        <>
          <Input {...fieldProps('clientId', 'Client ID')} description="From the integration record." />
          <Input {...fieldProps('certificateId', 'Certificate ID')} description="From OAuth 2.0 Client Credentials (M2M) Setup." />
          <TextArea {...fieldProps('privateKey', 'Private key (PEM)')} rows={6} placeholder="-----BEGIN PRIVATE KEY-----" />
        </>
      )}
      <Input
        {...fieldProps('restletUrl', 'RESTlet URL (optional)')}
        placeholder="https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=…&deploy=1"
        description="The External URL of the SuiteApp's RESTlet deployment."
      />
      {failure ? (
        <Alert title={failureTitle} variant="danger" testId="connect-failure">
          {adviceFor(failure).message}
        </Alert>
      ) : null}
      <Flex gap="sm">
        <LoadingButton variant="primary" loading={busy} disabled={busy} onClick={() => void save()} testId="connect-save">
          Test and save
        </LoadingButton>
        {onCancel ? (
          <Button variant="secondary" onClick={() => onCancel()}>
            Cancel
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
