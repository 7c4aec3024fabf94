/** Checkbox, RadioButton, Toggle (a switch) and ToggleGroup (a fieldset of checkboxes or radios). */
import { useEffect, useId, useState } from 'react';
import type { CheckboxProps, RadioButtonProps, ToggleGroupProps, ToggleProps } from '@hubspot/ui-extensions';
import { InfoTip, cx, size, tid } from './common.tsx';
import { useFormField } from './form.tsx';

function useChecked(checked: boolean | undefined, initial: boolean | undefined) {
  const [own, setOwn] = useState(checked ?? initial ?? false);
  useEffect(() => {
    if (checked !== undefined) setOwn(checked);
  }, [checked]);
  return [own, setOwn] as const;
}

function ChoiceInput({ type, props, grouped = false }: { type: 'checkbox' | 'radio'; props: CheckboxProps; grouped?: boolean }) {
  const { value = 'on', checked, initialIsChecked, readonly, readOnly, description, name, variant, size: s, onChange, children, inline, testId } = props;
  const [own, setOwn] = useChecked(checked, initialIsChecked);
  const locked = readOnly ?? readonly ?? false;
  const id = useId();
  // In a ToggleGroup the group reports the value; an unnamed registration is ignored by Form.
  useFormField({ name: grouped ? '' : (name ?? ''), commit: () => undefined, value: () => (own ? value : undefined) });
  return (
    <div className={cx('uie-choice', inline && 'uie-choice--inline', `uie-choice--${variant === 'small' ? 'sm' : size(s)}`)}>
      <input
        id={id}
        type={type}
        name={name}
        value={value}
        checked={own}
        aria-readonly={locked || undefined}
        aria-label={props['aria-label']}
        aria-describedby={description ? `${id}-description` : undefined}
        className={`uie-choice__input uie-choice__input--${type}`}
        onChange={(event) => {
          if (locked) return;
          setOwn(event.target.checked);
          onChange?.(event.target.checked, value);
        }}
        {...tid(testId)}
      />
      <label htmlFor={id} className="uie-choice__label">
        {children}
      </label>
      {description ? (
        <p id={`${id}-description`} className="uie-field__description uie-choice__description">
          {description}
        </p>
      ) : null}
    </div>
  );
}

export function Checkbox(props: CheckboxProps) {
  return <ChoiceInput type="checkbox" props={props} />;
}

export function RadioButton(props: RadioButtonProps) {
  return <ChoiceInput type="radio" props={props} />;
}

export function Toggle({ checked, initialIsChecked, readonly, readOnly, name, size: s, onChange, label, labelDisplay = 'inline', textChecked = 'On', textUnchecked = 'Off', testId }: ToggleProps) {
  const [own, setOwn] = useChecked(checked, initialIsChecked);
  const locked = readOnly ?? readonly ?? false;
  const id = useId();
  useFormField({ name: name ?? '', commit: () => undefined, value: () => String(own) });
  return (
    <div className={cx('uie-toggle', `uie-toggle--label-${labelDisplay}`, `uie-toggle--${size(s)}`)}>
      {labelDisplay !== 'hidden' ? (
        <label htmlFor={id} className="uie-label">
          {label}
        </label>
      ) : null}
      <span className="uie-toggle__control">
        <input
          id={id}
          type="checkbox"
          role="switch"
          name={name}
          checked={own}
          aria-checked={own}
          aria-label={labelDisplay === 'hidden' ? label : undefined}
          aria-readonly={locked || undefined}
          className="uie-toggle__input"
          onChange={(event) => {
            if (locked) return;
            setOwn(event.target.checked);
            onChange?.(event.target.checked);
          }}
          {...tid(testId)}
        />
        <span className="uie-toggle__track" aria-hidden="true">
          <span className="uie-toggle__thumb" />
        </span>
        <span className="uie-toggle__text" aria-hidden="true">
          {own ? textChecked : textUnchecked}
        </span>
      </span>
    </div>
  );
}

export function ToggleGroup(props: ToggleGroupProps) {
  const { name, label, options, inline, variant, size: s, required, tooltip, error, validationMessage, testId } = props;
  const radio = props.toggleType === 'radioButtonList';
  const initial = options.filter((option) => option.initialIsChecked).map((option) => option.value);
  const [selected, setSelected] = useState<string[]>(() =>
    props.value === undefined ? (radio ? initial.slice(0, 1) : initial) : Array.isArray(props.value) ? props.value : [props.value],
  );
  useEffect(() => {
    if (props.value !== undefined) setSelected(Array.isArray(props.value) ? props.value : [props.value]);
  }, [props.value]);
  useFormField({ name, commit: () => undefined, value: () => (radio ? selected[0] : selected.join(';')) });
  const messageId = useId();
  const choose = (value: string, checked: boolean) => {
    const next = radio ? [value] : checked ? [...selected, value] : selected.filter((v) => v !== value);
    setSelected(next);
    if (props.toggleType === 'radioButtonList') props.onChange?.(value);
    else props.onChange?.(next);
  };
  return (
    <fieldset className={cx('uie-fieldset', error && 'uie-field--error')} aria-describedby={validationMessage ? messageId : undefined} aria-required={required || undefined} {...tid(testId)}>
      <legend className="uie-label">
        {label}
        {required ? <span className="uie-required" aria-hidden="true">*</span> : null}
        {tooltip ? <InfoTip text={tooltip} /> : null}
      </legend>
      <div className={cx('uie-fieldset__options', inline && 'uie-fieldset__options--inline')}>
        {options.map((option) => (
          <ChoiceInput
            key={option.value}
            type={radio ? 'radio' : 'checkbox'}
            grouped
            props={{
              name,
              value: option.value,
              checked: selected.includes(option.value),
              readOnly: option.readOnly ?? option.readonly,
              description: option.description,
              variant,
              size: s,
              onChange: (checked) => choose(option.value, checked),
              children: option.label,
            }}
          />
        ))}
      </div>
      {validationMessage ? (
        <p id={messageId} className={cx('uie-field__message', error ? 'uie-field__message--error' : 'uie-field__message--success')}>
          {validationMessage}
        </p>
      ) : null}
    </fieldset>
  );
}
