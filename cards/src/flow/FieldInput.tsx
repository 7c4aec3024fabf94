import {
  Checkbox,
  CurrencyInput,
  DateInput,
  Flex,
  Input,
  MultiSelect,
  NumberInput,
  Select,
  Text,
  TextArea,
} from '@hubspot/ui-extensions';

import type { FieldDescriptor, FieldValue } from '../api';
import { SearchableSelect } from './SearchableSelect';
import { dateToIso, isoToDate } from './values';

interface FieldInputProps {
  field: FieldDescriptor;
  value: FieldValue;
  /** A server-side message for this field (from `fields` of a 422, or the descriptor's own `error`). */
  error: string | null;
  onChange: (value: FieldValue) => void;
  /** Currency code for `currency` fields (the order's currency). */
  currency?: string;
}

/** One NetSuite field, rendered from its descriptor, whatever its type. */
export function FieldInput({ field, value, error, onChange, currency }: FieldInputProps) {
  const common = {
    label: field.label,
    name: field.id,
    required: field.required,
    readOnly: field.readOnly,
    description: field.help ?? undefined,
    error: error !== null,
    validationMessage: error ?? undefined,
    testId: `field-${field.id}`,
  };
  const placeholder = field.placeholder ?? undefined;
  const options = field.options ?? [];

  switch (field.type) {
    case 'text':
      return <Input {...common} placeholder={placeholder} value={typeof value === 'string' ? value : ''} onInput={(text) => onChange(text)} onChange={(text) => onChange(text)} />;
    case 'textarea':
      return <TextArea {...common} placeholder={placeholder} value={typeof value === 'string' ? value : ''} onInput={(text) => onChange(text)} onChange={(text) => onChange(text)} />;
    case 'number':
      return (
        <NumberInput
          {...common}
          placeholder={placeholder}
          value={typeof value === 'number' ? value : undefined}
          onChange={(number) => onChange(Number.isFinite(number) ? number : null)}
        />
      );
    case 'currency':
      return (
        <CurrencyInput
          {...common}
          placeholder={placeholder}
          currency={currency}
          value={typeof value === 'number' ? value : undefined}
          onChange={(number) => onChange(Number.isFinite(number) ? number : null)}
        />
      );
    case 'date':
      return (
        <DateInput
          {...common}
          format="YYYY-MM-DD"
          value={isoToDate(value)}
          onChange={(date) => onChange(dateToIso(date))}
        />
      );
    case 'checkbox':
      // Checkbox has no validation message of its own: the error is shown under it.
      return (
        <Flex direction="column" gap="flush">
          <Checkbox
            name={field.id}
            checked={value === true}
            readOnly={field.readOnly}
            description={field.help ?? undefined}
            testId={common.testId}
            onChange={(checked) => onChange(checked)}
          >
            {field.required ? `${field.label} *` : field.label}
          </Checkbox>
          {error ? <Text variant="microcopy">{error}</Text> : null}
        </Flex>
      );
    case 'select':
      return (
        <Select
          {...common}
          placeholder={placeholder ?? 'Choose…'}
          value={typeof value === 'string' ? value : undefined}
          options={options}
          onChange={(selected) => onChange(String(selected))}
        />
      );
    case 'searchable_select':
      return <SearchableSelect field={field} common={common} value={typeof value === 'string' ? value : null} onChange={onChange} />;
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          placeholder={placeholder}
          value={Array.isArray(value) ? value : []}
          options={options}
          onChange={(selected) => onChange(selected.map(String))}
        />
      );
  }
}
