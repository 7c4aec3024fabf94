import { describe, expect, it, vi } from 'vitest';
import {
  Checkbox,
  CurrencyInput,
  DateInput,
  Input,
  MultiSelect,
  NumberInput,
  Select,
  TextArea,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';

import type { FieldDescriptor, FieldValue } from '../../src/api';
import { FieldInput } from '../../src/flow/FieldInput';
import { backend } from '../backend';
import { makeField } from '../factories';
import { allText, fire } from '../text';

vi.mock('@hubspot/ui-extensions', async (importOriginal) =>
  (await import('../mockUiExtensions')).withFakeFetch(await importOriginal()),
);

function renderField(field: FieldDescriptor, value: FieldValue, error: string | null = null) {
  const onChange = vi.fn();
  const renderer = createRenderer('crm.record.tab');
  renderer.render(<FieldInput field={field} value={value} error={error} onChange={onChange} currency="EUR" />);
  return { ...renderer, onChange };
}

const OPTIONS = [
  { value: 'w', label: 'West' },
  { value: 'e', label: 'East' },
];

describe('FieldInput', () => {
  it('renders text with label, required, help, placeholder and the server error', () => {
    const field = makeField({ id: 'otherRefNum', label: 'PO number', required: true, help: 'From the customer', placeholder: 'PO-…' });
    const { find, onChange } = renderField(field, 'PO-1', 'Please enter a value');
    const input = find(Input);
    expect(input.props).toMatchObject({
      label: 'PO number',
      name: 'otherRefNum',
      required: true,
      description: 'From the customer',
      placeholder: 'PO-…',
      value: 'PO-1',
      error: true,
      validationMessage: 'Please enter a value',
    });
    fire(input, 'onChange', 'PO-2');
    expect(onChange).toHaveBeenCalledWith('PO-2');
  });

  it('renders textarea, and a read-only field as read-only', () => {
    const { find } = renderField(makeField({ id: 'memo', type: 'textarea', readOnly: true }), 'Rush');
    expect(find(TextArea).props).toMatchObject({ value: 'Rush', readOnly: true, error: false });
  });

  it('renders number and currency as numbers, the currency in the order currency', () => {
    const number = renderField(makeField({ id: 'custbody_units', type: 'number' }), 3);
    expect(number.find(NumberInput).props.value).toBe(3);
    fire(number.find(NumberInput), 'onChange', 4.5);
    expect(number.onChange).toHaveBeenCalledWith(4.5);

    const currency = renderField(makeField({ id: 'custbody_budget', type: 'currency' }), 99.5);
    expect(currency.find(CurrencyInput).props).toMatchObject({ value: 99.5, currency: 'EUR' });
  });

  it('renders a date from "YYYY-MM-DD" and answers "YYYY-MM-DD" (DateInput months start at 0)', () => {
    const { find, onChange } = renderField(makeField({ id: 'trandate', type: 'date' }), '2026-12-01');
    expect(find(DateInput).props.value).toEqual({ year: 2026, month: 11, date: 1 });
    fire(find(DateInput), 'onChange', { year: 2027, month: 0, date: 9 });
    expect(onChange).toHaveBeenCalledWith('2027-01-09');
    fire(find(DateInput), 'onChange', null);
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it('renders a checkbox as a boolean and shows its error under it', () => {
    const { find, getRootNode, onChange } = renderField(makeField({ id: 'tobeemailed', type: 'checkbox', label: 'Email it' }), true, 'Needs an email');
    expect(find(Checkbox).props.checked).toBe(true);
    expect(allText(getRootNode())).toContain('Needs an email');
    fire(find(Checkbox), 'onChange', false);
    expect(onChange).toHaveBeenCalledWith(false);
  });

  it('renders select and multiselect with their options', () => {
    const select = renderField(makeField({ id: 'custbody_region', type: 'select', options: OPTIONS }), 'w');
    expect(select.find(Select).props).toMatchObject({ value: 'w', options: OPTIONS });
    fire(select.find(Select), 'onChange', 'e');
    expect(select.onChange).toHaveBeenCalledWith('e');

    const multi = renderField(makeField({ id: 'custbody_tags', type: 'multiselect', options: OPTIONS }), ['w']);
    expect(multi.find(MultiSelect).props).toMatchObject({ value: ['w'], options: OPTIONS });
    fire(multi.find(MultiSelect), 'onChange', ['w', 'e']);
    expect(multi.onChange).toHaveBeenCalledWith(['w', 'e']);
  });

  it('searches a searchable_select through its optionsEndpoint, debounced, keeping the chosen label', async () => {
    backend.on('GET', '/api/v1/drafts/d-1/options/salesRep', (call) => ({
      status: 200,
      body: {
        options: call.query.q === 'ann' ? [{ value: '7', label: 'Ann Smith' }] : [{ value: '3', label: 'Bob Jones' }],
        hasMore: false,
      },
    }));
    const field = makeField({ id: 'salesRep', type: 'searchable_select', optionsEndpoint: '/api/v1/drafts/d-1/options/salesRep' });
    const { find, waitFor } = renderField(field, '3');

    await waitFor(() => expect(find(Select).props.options).toEqual([{ value: '3', label: 'Bob Jones' }]));
    fire(find(Select), 'onInput', 'a');
    fire(find(Select), 'onInput', 'an');
    fire(find(Select), 'onInput', 'ann');
    await waitFor(() => expect(find(Select).props.options).toContainEqual({ value: '7', label: 'Ann Smith' }));
    // Three keystrokes, one search; the chosen option stays listed with its label.
    expect(backend.calls.map((call) => call.query.q)).toEqual(['', 'ann']);
    expect(find(Select).props.options).toContainEqual({ value: '3', label: 'Bob Jones' });
  });
});
