/**
 * Select and MultiSelect as native <select> elements (so browser tests can use selectOption by label).
 * Option values keep their type (string | number | boolean): the DOM carries the option's index.
 * A Select with `onInput` is the SDK's searchable variant: a search box filters the options and reports the text.
 */
import { useEffect, useState } from 'react';
import type { MultiSelectProps, SelectProps } from '@hubspot/ui-extensions';
import { cx, tid } from './common.tsx';
import { FieldFrame } from './field.tsx';
import { useFormField } from './form.tsx';

type OptionValue = string | number | boolean;

function formValue(value: OptionValue | undefined): string | number | undefined {
  return value === undefined ? undefined : typeof value === 'boolean' ? String(value) : value;
}

export function Select({ label, name, value, options, placeholder, required, readOnly, description, tooltip, error, validationMessage, variant = 'input', onChange, onInput, testId }: SelectProps) {
  const [current, setCurrent] = useState<OptionValue | undefined>(value);
  const [query, setQuery] = useState('');
  useEffect(() => setCurrent(value), [value]);
  useFormField({ name: name ?? '', commit: () => undefined, value: () => formValue(current) });
  const selectedIndex = options.findIndex((option) => option.value === current);
  const searchable = onInput !== undefined;
  const needle = query.trim().toLowerCase();
  const visible = options
    .map((option, index) => ({ option, index }))
    .filter(({ option, index }) => !needle || index === selectedIndex || option.label.toLowerCase().includes(needle));
  return (
    <FieldFrame label={label} required={required} tooltip={tooltip} description={description} validationMessage={validationMessage} error={error} className={cx('uie-select-field', variant === 'transparent' && 'uie-select-field--transparent')}>
      {(a11y) => (
        <>
          {searchable ? (
            <input
              type="search"
              className="uie-input uie-select__search"
              aria-label={`Search ${label ?? name ?? 'options'}`}
              placeholder="Search"
              value={query}
              disabled={readOnly}
              onChange={(event) => {
                setQuery(event.target.value);
                onInput(event.target.value);
              }}
            />
          ) : null}
          <select
            {...a11y}
            aria-label={a11y['aria-label'] ?? (label ? undefined : (placeholder ?? name))}
            name={name}
            className={cx('uie-input', 'uie-select', `uie-select--${variant}`)}
            value={selectedIndex >= 0 ? String(selectedIndex) : ''}
            disabled={readOnly}
            onChange={(event) => {
              const option = options[Number(event.target.value)];
              if (!option) return;
              setCurrent(option.value);
              onChange?.(option.value);
            }}
            {...tid(testId)}
          >
            <option value="" disabled>
              {placeholder ?? 'Select an option'}
            </option>
            {visible.map(({ option, index }) => (
              <option key={index} value={String(index)}>
                {option.label}
              </option>
            ))}
          </select>
        </>
      )}
    </FieldFrame>
  );
}

export function MultiSelect({ label, name, value, options, placeholder, required, readOnly, description, tooltip, error, validationMessage, onChange, testId }: MultiSelectProps) {
  const [current, setCurrent] = useState<OptionValue[]>(value ?? []);
  useEffect(() => setCurrent(value ?? []), [value]);
  useFormField({ name: name ?? '', commit: () => undefined, value: () => current.map(String).join(';') });
  return (
    <FieldFrame label={label} required={required} tooltip={tooltip} description={description} validationMessage={validationMessage} error={error}>
      {(a11y) => (
        <select
          {...a11y}
          aria-label={a11y['aria-label'] ?? (label ? undefined : (placeholder ?? name))}
          multiple
          name={name}
          size={Math.min(Math.max(options.length, 2), 6)}
          className="uie-input uie-select uie-select--multiple"
          value={options.flatMap((option, index) => (current.includes(option.value) ? [String(index)] : []))}
          disabled={readOnly}
          onChange={(event) => {
            const next = [...event.target.selectedOptions].flatMap((element) => {
              const option = options[Number(element.value)];
              return option ? [option.value] : [];
            });
            setCurrent(next);
            onChange?.(next);
          }}
          {...tid(testId)}
        >
          {options.map((option, index) => (
            <option key={index} value={String(index)}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
