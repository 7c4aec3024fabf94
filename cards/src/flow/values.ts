/** Field values of one flow step: defaults from descriptors, type-correct coercion, dates, visibility. */
import type { BaseDate } from '@hubspot/ui-extensions';

import type { FieldDescriptor, FieldValue, StepId } from '../api';

export type Values = Record<string, FieldValue>;

function emptyValue(field: FieldDescriptor): FieldValue {
  if (field.type === 'checkbox') return false;
  if (field.type === 'multiselect') return [];
  return null;
}

/** A stored value is used when it has the type the descriptor expects; otherwise the default, then empty. */
function coerce(field: FieldDescriptor, value: unknown): FieldValue | undefined {
  switch (field.type) {
    case 'checkbox':
      return typeof value === 'boolean' ? value : undefined;
    case 'number':
    case 'currency':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      return undefined;
    case 'multiselect':
      return Array.isArray(value) ? value.map(String) : undefined;
    default:
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      return undefined;
  }
}

export function initialValues(fields: FieldDescriptor[], stored: Record<string, unknown> | undefined): Values {
  const values: Values = {};
  for (const field of fields) {
    values[field.id] = coerce(field, stored?.[field.id]) ?? coerce(field, field.default) ?? emptyValue(field);
  }
  return values;
}

/** "2026-11-02" ↔ DateInput's {year, month (0-based), date}. */
export function isoToDate(iso: FieldValue): BaseDate | undefined {
  if (typeof iso !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]) - 1, date: Number(match[3]) };
}

export function dateToIso(date: BaseDate | null | undefined): string | null {
  if (!date) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month + 1)}-${pad(date.date)}`;
}

const NEW_CUSTOMER_ONLY = new Set(['companyName', 'email', 'phone', 'isPerson', 'firstName', 'lastName', 'addr1', 'city', 'state', 'zip', 'country']);

/** Fields that only apply in some modes: an existing customer vs a new one; the folder only with attachments. */
export function isVisible(step: StepId, field: FieldDescriptor, values: Values): boolean {
  if (step === 'customer') {
    const mode = values.customerMode ?? 'existing';
    if (field.id === 'customerId') return mode !== 'new';
    if (NEW_CUSTOMER_ONLY.has(field.id)) return mode === 'new';
  }
  if (step === 'order' && field.id === 'folderId') return values.includeAttachments === true;
  return true;
}

/** The values to post for a step: only the fields that apply. */
export function visibleValues(step: StepId, fields: FieldDescriptor[], values: Values): Values {
  const result: Values = {};
  for (const field of fields) {
    if (isVisible(step, field, values)) result[field.id] = values[field.id] ?? null;
  }
  return result;
}
