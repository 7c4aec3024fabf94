import { Button, Flex, Heading, Tag, Text, Tile } from '@hubspot/ui-extensions';

import type { FieldValue, Suggestion, Tab } from '../api';
import { FieldList } from './FieldList';
import type { Values } from './values';

const REASON_LABEL: Record<Suggestion['reason'], string> = {
  external_id: 'Linked before',
  email: 'Email match',
  name: 'Name match',
};

interface StepCustomerProps {
  tab: Tab;
  values: Values;
  errors: Record<string, string>;
  onChange: (fieldId: string, value: FieldValue) => void;
}

/** Who the order is for: the suggested NetSuite customer and why, alternatives, search, or a new customer. */
export function StepCustomer({ tab, values, errors, onChange }: StepCustomerProps) {
  const suggestion = tab.suggestion;
  const creatingNew = values.customerMode === 'new';
  const hasModeField = tab.fields.some((field) => field.id === 'customerMode');
  const choose = (customerId: string) => {
    if (hasModeField) onChange('customerMode', 'existing');
    onChange('customerId', customerId);
  };

  return (
    <Flex direction="column" gap="md">
      {suggestion && !creatingNew ? (
        <Tile testId="customer-suggestion">
          <Flex direction="column" gap="xs">
            <Heading>Suggested customer</Heading>
            <Flex gap="xs" align="center">
              <Text format={{ fontWeight: 'bold' }}>{suggestion.name}</Text>
              <Tag variant="info">{REASON_LABEL[suggestion.reason]}</Tag>
            </Flex>
            <Text variant="microcopy">{suggestion.explanation}</Text>
            {values.customerId === suggestion.customerId ? (
              <Text variant="microcopy">Selected</Text>
            ) : (
              <Button size="xs" onClick={() => choose(suggestion.customerId)} testId="use-suggestion">
                Use {suggestion.name}
              </Button>
            )}
            {suggestion.alternatives.length > 0 ? <Text format={{ fontWeight: 'demibold' }}>Other possible matches</Text> : null}
            {suggestion.alternatives.map((alternative) => (
              <Flex key={alternative.customerId} gap="xs" align="center">
                <Text>{alternative.name}</Text>
                <Tag>{REASON_LABEL[alternative.reason]}</Tag>
                <Text variant="microcopy">{alternative.explanation}</Text>
                {values.customerId === alternative.customerId ? (
                  <Text variant="microcopy">Selected</Text>
                ) : (
                  <Button size="xs" variant="secondary" onClick={() => choose(alternative.customerId)} testId={`use-${alternative.customerId}`}>
                    Use
                  </Button>
                )}
              </Flex>
            ))}
          </Flex>
        </Tile>
      ) : null}
      {!suggestion && !creatingNew ? (
        <Text>No NetSuite customer matches this deal's company or contact. Search for one, or create a new customer.</Text>
      ) : null}
      <FieldList step="customer" fields={tab.fields} values={values} errors={errors} onChange={onChange} />
      {hasModeField ? (
        <Button
          variant="transparent"
          size="sm"
          testId="toggle-customer-mode"
          onClick={() => onChange('customerMode', creatingNew ? 'existing' : 'new')}
        >
          {creatingNew ? 'Choose an existing customer instead' : 'Create a new customer from HubSpot instead'}
        </Button>
      ) : null}
    </Flex>
  );
}
