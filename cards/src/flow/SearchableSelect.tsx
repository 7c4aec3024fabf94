import { useEffect, useState } from 'react';
import { Select } from '@hubspot/ui-extensions';

import { fetchFieldOptions, type FieldDescriptor, type FieldValue, type Option } from '../api';
import { adviceFor } from '../errorAdvice';

/** Typing pauses this long before the backend is asked (NetSuite searches are not free). */
export const SEARCH_DEBOUNCE_MS = 300;

interface CommonSelectProps {
  label: string;
  name: string;
  required: boolean;
  readOnly: boolean;
  description: string | undefined;
  error: boolean;
  validationMessage: string | undefined;
  testId: string;
}

interface SearchableSelectProps {
  field: FieldDescriptor;
  common: CommonSelectProps;
  value: string | null;
  onChange: (value: FieldValue) => void;
}

function merge(first: Option[], second: Option[]): Option[] {
  const seen = new Map<string, Option>();
  for (const option of [...first, ...second]) if (!seen.has(option.value)) seen.set(option.value, option);
  return [...seen.values()];
}

/** A select whose options come from the field's `optionsEndpoint`, searched as the rep types (debounced). */
export function SearchableSelect({ field, common, value, onChange }: SearchableSelectProps) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Option[]>(field.options ?? []);
  // Every option seen so far, so the chosen one keeps its label when a new search no longer returns it.
  const [known, setKnown] = useState<Option[]>(field.options ?? []);
  const [searchError, setSearchError] = useState<string | null>(null);
  const endpoint = field.optionsEndpoint;
  const initialCount = field.options?.length ?? 0;

  useEffect(() => {
    // Options sent with the descriptor (line item candidates) are the first list; search only once the rep types.
    if (!endpoint || (query === '' && initialCount > 0)) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      fetchFieldOptions(endpoint, query).then(
        (page) => {
          if (cancelled) return;
          setResults(page.options);
          setKnown((previous) => merge(previous, page.options));
          setSearchError(null);
        },
        (error: unknown) => {
          if (!cancelled) setSearchError(`Search failed: ${adviceFor(error).message}`);
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [endpoint, query, initialCount]);

  const selected = known.find((option) => option.value === value);
  const options = selected ? merge([selected], results) : results;
  const message = common.validationMessage ?? searchError ?? undefined;

  return (
    <Select
      {...common}
      error={common.error || searchError !== null}
      validationMessage={message}
      placeholder={field.placeholder ?? 'Type to search…'}
      value={value ?? undefined}
      options={options}
      onInput={(text) => setQuery(text)}
      onChange={(chosen) => onChange(String(chosen))}
    />
  );
}
