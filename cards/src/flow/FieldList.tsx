import { Flex } from '@hubspot/ui-extensions';

import type { FieldDescriptor, FieldValue, StepId } from '../api';
import { FieldInput } from './FieldInput';
import { isVisible, type Values } from './values';

interface FieldListProps {
  step: StepId;
  fields: FieldDescriptor[];
  values: Values;
  errors: Record<string, string>;
  onChange: (fieldId: string, value: FieldValue) => void;
  currency?: string;
}

/** The fields of a tab that apply right now, in the order the server sent them (mandatory first). */
export function FieldList({ step, fields, values, errors, onChange, currency }: FieldListProps) {
  return (
    <Flex direction="column" gap="sm">
      {fields
        .filter((field) => isVisible(step, field, values))
        .map((field) => (
          <FieldInput
            key={field.id}
            field={field}
            value={values[field.id] ?? null}
            error={errors[field.id] ?? field.error}
            onChange={(value) => onChange(field.id, value)}
            currency={currency}
          />
        ))}
    </Flex>
  );
}
