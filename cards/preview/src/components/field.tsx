/** The label / description / validation frame every input shares, wired for assistive technology. */
import { useId, type ReactNode } from 'react';
import { InfoTip, cx } from './common.tsx';

export interface FieldFrameProps {
  label?: string;
  hideLabel?: boolean;
  required?: boolean;
  tooltip?: string;
  description?: string;
  validationMessage?: string;
  error?: boolean;
  className?: string;
  children: (a11y: FieldA11y) => ReactNode;
}

export interface FieldA11y {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
  'aria-label'?: string;
}

export function FieldFrame({ label, hideLabel, required, tooltip, description, validationMessage, error, className, children }: FieldFrameProps) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const messageId = validationMessage ? `${id}-message` : undefined;
  const describedBy = [descriptionId, messageId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('uie-field', error && 'uie-field--error', className)}>
      {label && !hideLabel ? (
        <div className="uie-field__label-row">
          <label htmlFor={id} className="uie-label">
            {label}
          </label>
          {/* Outside the label so the accessible name stays exactly the label text. */}
          {required ? (
            <span className="uie-required" aria-hidden="true">
              *
            </span>
          ) : null}
          {tooltip ? <InfoTip text={tooltip} /> : null}
        </div>
      ) : null}
      {description ? (
        <p id={descriptionId} className="uie-field__description">
          {description}
        </p>
      ) : null}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error || undefined, 'aria-required': required || undefined, 'aria-label': hideLabel ? label : undefined })}
      {validationMessage ? (
        <p id={messageId} className={cx('uie-field__message', error ? 'uie-field__message--error' : 'uie-field__message--success')}>
          {validationMessage}
        </p>
      ) : null}
    </div>
  );
}
