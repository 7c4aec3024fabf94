import { useEffect, useState } from 'react';
import { Alert, Button, Flex, LoadingButton, LoadingSpinner, Select } from '@hubspot/ui-extensions';

import { ApiError, connectionOptions, updateConnection, type Connection, type ConnectionDefaults, type Option } from '../api';
import { adviceFor } from '../errorAdvice';

const PRICE_SOURCES: Option[] = [
  { value: 'hubspot', label: "HubSpot line item price" },
  { value: 'netsuite', label: 'NetSuite list price' },
];
const CUSTOMER_SOURCES: Option[] = [
  { value: 'company', label: "The deal's first associated company" },
  { value: 'contact', label: "The deal's first associated contact" },
];

type Choices = { subsidiaries: Option[]; forms: Option[]; folders: Option[] };

interface DefaultsFormProps {
  connection: Connection;
  onSaved: (connection: Connection) => void;
  onCancel: () => void;
}

/** The values the Create flow and the workflow action start from for this NetSuite account. */
export function DefaultsForm({ connection, onSaved, onCancel }: DefaultsFormProps) {
  const [choices, setChoices] = useState<Choices | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [defaults, setDefaults] = useState<ConnectionDefaults>(connection.defaults);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    Promise.all([
      connectionOptions(connection.id, 'subsidiaries'),
      connectionOptions(connection.id, 'forms'),
      connectionOptions(connection.id, 'folders'),
    ]).then(
      ([subsidiaries, forms, folders]) => current && setChoices({ subsidiaries, forms, folders }),
      (error: unknown) => current && setLoadError(error),
    );
    return () => {
      current = false;
    };
  }, [connection.id, attempt]);

  const save = async () => {
    setBusy(true);
    setSaveError(null);
    try {
      onSaved(await updateConnection(connection.id, { defaults }));
    } catch (error) {
      setSaveError(error);
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return (
      <Alert title={`Could not read the lists from ${connection.label}`} variant="danger" testId="defaults-load-error">
        {adviceFor(loadError).message}
        <Button
          size="xs"
          onClick={() => {
            setLoadError(null);
            setAttempt((count) => count + 1);
          }}
        >
          Retry
        </Button>
      </Alert>
    );
  }
  if (!choices) return <LoadingSpinner label="Reading subsidiaries, forms and folders from NetSuite" testId="defaults-loading" />;

  const fieldErrors = saveError instanceof ApiError ? saveError.fields : {};
  const select = (key: keyof ConnectionDefaults, label: string, options: Option[], description?: string) => (
    <Select
      name={key}
      label={label}
      testId={`default-${key}`}
      value={defaults[key] ?? undefined}
      options={options}
      description={description}
      error={fieldErrors[key] !== undefined}
      validationMessage={fieldErrors[key]}
      onChange={(value) => setDefaults((previous) => ({ ...previous, [key]: String(value) }))}
    />
  );

  return (
    <Flex direction="column" gap="sm" testId={`defaults-${connection.id}`}>
      {select('subsidiaryId', 'Default subsidiary', choices.subsidiaries)}
      {select('formId', 'Default sales order form', choices.forms, 'The form whose fields the Order tab shows.')}
      {select('priceSource', 'Price source', PRICE_SOURCES)}
      {select('customerSource', 'Match the NetSuite customer from', CUSTOMER_SOURCES)}
      {select('folderId', 'File Cabinet folder for attachments', choices.folders)}
      {saveError ? (
        <Alert title="Defaults not saved" variant="danger">
          {adviceFor(saveError).message}
        </Alert>
      ) : null}
      <Flex gap="sm">
        <LoadingButton variant="primary" loading={busy} disabled={busy} onClick={() => void save()} testId="defaults-save">
          Save defaults
        </LoadingButton>
        <Button variant="secondary" onClick={() => onCancel()}>
          Cancel
        </Button>
      </Flex>
    </Flex>
  );
}
