/**
 * Text-like inputs: Input, TextArea, SearchInput, NumberInput, CurrencyInput, StepperInput, DateInput, TimeInput.
 * Semantics of the SDK: `onInput` fires on every edit, `onChange` when the value is committed (blur, Enter, or the
 * surrounding Form's submit). `value` is followed when the card changes it; in between the field keeps the draft.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type {
  BaseDate,
  CurrencyInputProps,
  DateInputEventsPayload,
  DateInputProps,
  InputProps,
  NumberInputProps,
  SearchInputProps,
  StepperInputProps,
  TextAreaProps,
  TimeInputProps,
} from '@hubspot/ui-extensions';
import { cx, tid } from './common.tsx';
import { FieldFrame } from './field.tsx';
import { useFormField } from './form.tsx';

/** Draft text that follows `value` whenever the card changes it, with commit-on-blur bookkeeping. */
function useDraft(value: string | undefined, defaultValue: string | undefined) {
  const [draft, setDraft] = useState(value ?? defaultValue ?? '');
  const committed = useRef(draft);
  useEffect(() => {
    if (value !== undefined) {
      setDraft(value);
      committed.current = value;
    }
  }, [value]);
  return { draft, setDraft, committed };
}

interface TextFieldOwnProps {
  kind: 'text' | 'password' | 'search' | 'textarea';
  props: InputProps | TextAreaProps | SearchInputProps;
}

function TextField({ kind, props }: TextFieldOwnProps) {
  const { label, name, value, defaultValue, required, readOnly, description, tooltip, placeholder, error, validationMessage, onChange, onInput, onBlur, onFocus, testId } = props;
  const { draft, setDraft, committed } = useDraft(value, defaultValue);
  const commit = (text: string) => {
    if (text !== committed.current) {
      committed.current = text;
      onChange?.(text);
    }
  };
  useFormField({ name, commit: () => commit(draft), value: () => draft });
  const shared = {
    name,
    value: draft,
    readOnly,
    placeholder,
    className: cx('uie-input', kind === 'textarea' && 'uie-textarea'),
    onChange: (event: { target: { value: string } }) => {
      setDraft(event.target.value);
      onInput?.(event.target.value);
    },
    onBlur: () => {
      commit(draft);
      onBlur?.(draft);
    },
    onFocus: () => onFocus?.(draft),
    ...tid(testId),
  };
  return (
    <FieldFrame label={label} required={required} tooltip={tooltip} description={description} validationMessage={validationMessage} error={error}>
      {(a11y) => {
        if (kind === 'textarea') {
          const { rows, cols, maxLength, resize } = props as TextAreaProps;
          return <textarea {...a11y} {...shared} rows={rows} cols={cols} maxLength={maxLength} style={resize ? { resize } : undefined} />;
        }
        const type = kind === 'search' ? 'search' : kind === 'password' ? 'password' : 'text';
        return (
          <input
            {...a11y}
            {...shared}
            type={type}
            onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
              if (event.key === 'Enter') commit(event.currentTarget.value);
            }}
          />
        );
      }}
    </FieldFrame>
  );
}

export function Input(props: InputProps) {
  return <TextField kind={props.type === 'password' ? 'password' : 'text'} props={props} />;
}

export function TextArea(props: TextAreaProps) {
  return <TextField kind="textarea" props={props} />;
}
export const Textarea = TextArea;

export function SearchInput(props: SearchInputProps) {
  return <TextField kind="search" props={props} />;
}

/** Parses what a person types into a number: separators and currency symbols are ignored; empty is NaN. */
export function parseNumber(text: string): number {
  const cleaned = text.replace(/[\s,]/g, '').replace(/[^0-9.eE+-]/g, '');
  if (cleaned === '') return Number.NaN;
  return Number(cleaned);
}

function roundTo(value: number, precision: number | undefined): number {
  if (precision === undefined || !Number.isFinite(value)) return value;
  const factor = 10 ** precision;
  return Math.round(value * factor) / factor;
}

function numberText(value: number | undefined): string | undefined {
  return value === undefined ? undefined : Number.isFinite(value) ? String(value) : '';
}

interface NumberFieldProps extends NumberInputProps {
  prefix?: string;
  suffix?: string;
  step?: number;
  stepper?: boolean;
}

function NumberField(props: NumberFieldProps) {
  const { label, name, value, defaultValue, required, readOnly, description, tooltip, placeholder, error, validationMessage, onChange, onInput, onBlur, onFocus, min, max, precision, textAlign, prefix, suffix, step, stepper, testId } = props;
  const { draft, setDraft, committed } = useDraft(numberText(value), numberText(defaultValue));
  const commit = (text: string) => {
    const parsed = roundTo(parseNumber(text), precision);
    const shown = Number.isFinite(parsed) ? String(parsed) : '';
    setDraft(shown === '' && text.trim() !== '' ? text : shown);
    if (shown !== committed.current) {
      committed.current = shown;
      onChange?.(parsed);
    }
  };
  useFormField({ name, commit: () => commit(draft), value: () => (Number.isFinite(parseNumber(draft)) ? roundTo(parseNumber(draft), precision) : undefined) });
  const bump = (direction: 1 | -1) => {
    const current = parseNumber(draft);
    let next = (Number.isFinite(current) ? current : 0) + direction * (step ?? 1);
    if (min !== undefined) next = Math.max(min, next);
    if (max !== undefined) next = Math.min(max, next);
    commit(String(roundTo(next, precision ?? 10)));
  };
  return (
    <FieldFrame label={label} required={required} tooltip={tooltip} description={description} validationMessage={validationMessage} error={error}>
      {(a11y) => (
        <div className="uie-affix">
          {stepper ? (
            <button type="button" className="uie-stepper" aria-label={`Decrease ${label}`} disabled={readOnly || (min !== undefined && parseNumber(draft) <= min)} onClick={() => bump(-1)}>
              −
            </button>
          ) : null}
          {prefix ? <span className="uie-affix__text" aria-hidden="true">{prefix}</span> : null}
          <input
            {...a11y}
            type="text"
            inputMode="decimal"
            name={name}
            value={draft}
            readOnly={readOnly}
            placeholder={placeholder}
            aria-valuemin={min}
            aria-valuemax={max}
            className={cx('uie-input', textAlign === 'right' && 'uie-input--right')}
            onChange={(event) => {
              setDraft(event.target.value);
              onInput?.(parseNumber(event.target.value));
            }}
            onBlur={() => {
              commit(draft);
              onBlur?.(parseNumber(draft));
            }}
            onFocus={() => onFocus?.(parseNumber(draft))}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commit(event.currentTarget.value);
              if (stepper && event.key === 'ArrowUp') bump(1);
              if (stepper && event.key === 'ArrowDown') bump(-1);
            }}
            {...tid(testId)}
          />
          {suffix ? <span className="uie-affix__text" aria-hidden="true">{suffix}</span> : null}
          {stepper ? (
            <button type="button" className="uie-stepper" aria-label={`Increase ${label}`} disabled={readOnly || (max !== undefined && parseNumber(draft) >= max)} onClick={() => bump(1)}>
              +
            </button>
          ) : null}
        </div>
      )}
    </FieldFrame>
  );
}

export function NumberInput(props: NumberInputProps) {
  return <NumberField {...props} suffix={props.formatStyle === 'percentage' ? '%' : undefined} />;
}

function currencySymbol(currency: string): string {
  try {
    const parts = new Intl.NumberFormat(undefined, { style: 'currency', currency }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

export function CurrencyInput({ currency = 'USD', precision, ...rest }: CurrencyInputProps) {
  return <NumberField {...rest} precision={precision ?? 2} prefix={currencySymbol(currency)} textAlign="right" />;
}

export function StepperInput({ stepSize, ...rest }: StepperInputProps) {
  return <NumberField {...rest} step={stepSize ?? 1} stepper />;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoDate(date: BaseDate): string {
  return `${pad(date.year, 4)}-${pad(date.month + 1)}-${pad(date.date)}`;
}

export function parseIsoDate(text: string): BaseDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]) - 1, date: Number(match[3]) };
}

/** `formattedDate` as the SDK documents it for each `format`. */
export function formatDate(date: BaseDate, format: DateInputProps['format'] = 'short'): string {
  const js = new Date(date.year, date.month, date.date);
  switch (format) {
    case 'YYYY-MM-DD':
      return isoDate(date);
    case 'L':
    case 'short':
      return `${pad(date.month + 1)}/${pad(date.date)}/${date.year}`;
    case 'LL':
    case 'long':
      return js.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' });
    case 'll':
    case 'medium':
      return js.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
    case 'standard':
      return js.toLocaleDateString('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  }
}

export function DateInput({ label, name, value, defaultValue, required, readOnly, description, tooltip, error, validationMessage, onChange, onBlur, onFocus, min, max, format, testId }: DateInputProps) {
  const [draft, setDraft] = useState(value ? isoDate(value) : defaultValue ? isoDate(defaultValue) : '');
  useEffect(() => {
    if (value !== undefined) setDraft(value ? isoDate(value) : '');
  }, [value]);
  const payload = (text: string): DateInputEventsPayload | null => {
    const date = parseIsoDate(text);
    return date ? { ...date, formattedDate: formatDate(date, format) } : null;
  };
  useFormField({ name, commit: () => undefined, value: () => draft || undefined });
  return (
    <FieldFrame label={label} required={required} tooltip={tooltip} description={description} validationMessage={validationMessage} error={error}>
      {(a11y) => (
        <input
          {...a11y}
          type="date"
          name={name}
          value={draft}
          readOnly={readOnly}
          min={min ? isoDate(min) : undefined}
          max={max ? isoDate(max) : undefined}
          className="uie-input uie-input--date"
          onChange={(event) => {
            setDraft(event.target.value);
            // A date picker commits on pick; clearing it commits null, which the SDK's value type allows.
            onChange?.(payload(event.target.value) as DateInputEventsPayload);
          }}
          onBlur={() => {
            const current = payload(draft);
            if (current) onBlur?.(current);
          }}
          onFocus={() => {
            const current = payload(draft);
            if (current) onFocus?.(current);
          }}
          {...tid(testId)}
        />
      )}
    </FieldFrame>
  );
}

export function TimeInput({ label, name, value, defaultValue, required, readOnly, description, tooltip, error, validationMessage, onChange, min, max, interval, testId }: TimeInputProps) {
  const text = (t: { hours: number; minutes: number } | null | undefined) => (t ? `${pad(t.hours)}:${pad(t.minutes)}` : '');
  const [draft, setDraft] = useState(text(value ?? defaultValue));
  useEffect(() => {
    if (value !== undefined) setDraft(text(value));
  }, [value]);
  useFormField({ name, commit: () => undefined, value: () => draft || undefined });
  return (
    <FieldFrame label={label} required={required} tooltip={tooltip} description={description} validationMessage={validationMessage} error={error}>
      {(a11y) => (
        <input
          {...a11y}
          type="time"
          name={name}
          value={draft}
          readOnly={readOnly}
          min={min ? text(min) : undefined}
          max={max ? text(max) : undefined}
          step={interval ? interval * 60 : undefined}
          className="uie-input"
          onChange={(event) => {
            setDraft(event.target.value);
            const [hours, minutes] = event.target.value.split(':').map(Number);
            if (hours !== undefined && minutes !== undefined && Number.isFinite(hours) && Number.isFinite(minutes)) onChange?.({ hours, minutes });
          }}
          {...tid(testId)}
        />
      )}
    </FieldFrame>
  );
}
