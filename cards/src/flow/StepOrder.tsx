import { Alert, Divider, Flex, Heading, LoadingButton, Text } from '@hubspot/ui-extensions';

import type { FieldValue, Tab } from '../api';
import { FieldList } from './FieldList';
import { OrderLinesTable } from './OrderLinesTable';
import { blockingLines, type LineChoice } from './useDraftFlow';
import type { Values } from './values';

/** Fields the Order tab always carries after the form's own body fields. */
const ORDER_SETTINGS = new Set(['priceSource', 'includeAttachments', 'folderId']);

interface StepOrderProps {
  draftId: string;
  tab: Tab;
  values: Values;
  choices: Record<string, LineChoice>;
  errors: Record<string, string>;
  locale: string;
  onChange: (fieldId: string, value: FieldValue) => void;
  onLineChange: (lineId: string, change: Partial<LineChoice>) => void;
  onLineFieldChange: (lineId: string, columnId: string, value: FieldValue) => void;
  /** Re-reads the chosen form from NetSuite (after an admin changed it). */
  onReloadForm: () => void;
  reloading: boolean;
}

/** The custom form's body fields, the line items with their NetSuite items, price source and attachments. */
export function StepOrder({
  draftId,
  tab,
  values,
  choices,
  errors,
  locale,
  onChange,
  onLineChange,
  onLineFieldChange,
  onReloadForm,
  reloading,
}: StepOrderProps) {
  const bodyFields = tab.fields.filter((field) => !ORDER_SETTINGS.has(field.id));
  const settingFields = tab.fields.filter((field) => ORDER_SETTINGS.has(field.id));
  const lines = tab.lines ?? [];
  const blocking = blockingLines(lines, choices);
  const currency = lines.find((line) => line.currency)?.currency ?? undefined;

  return (
    <Flex direction="column" gap="md">
      <Flex justify="end">
        <LoadingButton variant="secondary" size="xs" loading={reloading} disabled={reloading} onClick={onReloadForm} testId="reload-form">
          Reload form fields from NetSuite
        </LoadingButton>
      </Flex>
      <FieldList step="order" fields={bodyFields} values={values} errors={errors} onChange={onChange} currency={currency} />
      <Divider />
      <Heading>Items</Heading>
      {lines.length === 0 ? (
        <Text>This deal has no line items. Add line items to the deal in HubSpot, then reopen this tab.</Text>
      ) : (
        <OrderLinesTable
          draftId={draftId}
          lines={lines}
          choices={choices}
          errors={errors}
          locale={locale}
          onChange={onLineChange}
          onFieldChange={onLineFieldChange}
        />
      )}
      {blocking.length > 0 ? (
        <Alert title="Pick a NetSuite item for every line" variant="warning" testId="unmatched-lines">
          {blocking.map((line) => line.message ?? `${line.name} has no NetSuite item`).join(' · ')}
        </Alert>
      ) : null}
      <Text variant="microcopy">Rates follow the price source; Review shows the amounts NetSuite will get.</Text>
      <FieldList step="order" fields={settingFields} values={values} errors={errors} onChange={onChange} />
    </Flex>
  );
}
