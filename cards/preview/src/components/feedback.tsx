/** Status and feedback: Alert, EmptyState, ErrorState, LoadingSpinner, ProgressBar, StatusTag, Tag, StepIndicator, Statistics, ScoreCircle. */
import { useId } from 'react';
import type {
  AlertProps,
  EmptyStateProps,
  ErrorStateProps,
  LoadingSpinnerProps,
  ProgressBarProps,
  ScoreProps,
  StatisticsItemProps,
  StatisticsProps,
  StatisticsTrendProps,
  StatusTagProps,
  StepIndicatorProps,
  TagProps,
} from '@hubspot/ui-extensions';
import { callWithReactions, cx, size, tid, useOverlayTrigger } from './common.tsx';

export function Alert({ title, children, variant = 'info', testId }: AlertProps) {
  const urgent = variant === 'error' || variant === 'danger' || variant === 'warning';
  return (
    <div role={urgent ? 'alert' : 'status'} className={cx('uie-alert', `uie-alert--${variant}`)} data-variant={variant} {...tid(testId)}>
      <strong className="uie-alert__title">{title}</strong>
      {children !== undefined ? <div className="uie-alert__body">{children}</div> : null}
    </div>
  );
}

export function EmptyState({ title = 'All is not lost.', children, layout = 'horizontal', reverseOrder, flush, imageName, testId }: EmptyStateProps) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      className={cx('uie-state', `uie-state--${layout}`, reverseOrder && 'uie-state--reverse', flush && 'uie-state--flush')}
      data-image={imageName}
      {...tid(testId)}
    >
      <div className="uie-state__art uie-state__art--empty" aria-hidden="true" />
      <div className="uie-state__content">
        <h3 id={titleId} className="uie-state__title">
          {title}
        </h3>
        {children}
      </div>
    </section>
  );
}

export function ErrorState({ title = 'Something went wrong.', children, type = 'error', testId }: ErrorStateProps) {
  const titleId = useId();
  return (
    <section role="alert" aria-labelledby={titleId} className={cx('uie-state', 'uie-state--vertical', `uie-state--${type}`)} data-type={type} {...tid(testId)}>
      <div className={cx('uie-state__art', `uie-state__art--${type}`)} aria-hidden="true" />
      <div className="uie-state__content">
        <h3 id={titleId} className="uie-state__title">
          {title}
        </h3>
        {children}
      </div>
    </section>
  );
}

export function LoadingSpinner({ label, showLabel, size: s = 'sm', layout = 'inline', testId }: LoadingSpinnerProps) {
  return (
    <div role="status" aria-label={label} className={cx('uie-loading', `uie-loading--${layout}`)} {...tid(testId)}>
      <span className={cx('uie-spinner', `uie-spinner--${size(s, 'sm')}`)} aria-hidden="true" />
      {showLabel ? <span className="uie-loading__label">{label}</span> : null}
    </div>
  );
}

export function ProgressBar({ title, value = 0, maxValue, valueMax, valueDescription, showPercentage, variant = 'success', testId, 'aria-label': ariaLabel }: ProgressBarProps) {
  const max = maxValue ?? valueMax ?? 100;
  const percent = max > 0 ? Math.max(0, Math.min(100, Math.round((value / max) * 100))) : 0;
  return (
    <div className="uie-progress" {...tid(testId)}>
      {title || showPercentage || valueDescription ? (
        <div className="uie-progress__labels">
          <span>{title}</span>
          <span>{showPercentage ? `${percent}%` : valueDescription}</span>
        </div>
      ) : null}
      <div role="progressbar" aria-label={ariaLabel ?? title} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-valuetext={valueDescription} className="uie-progress__track">
        <div className={cx('uie-progress__bar', `uie-progress__bar--${variant}`)} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

export function StatusTag({ children, variant = 'default', hollow, onClick, showRemoveIcon, onRemoveClick, testId }: StatusTagProps) {
  const className = cx('uie-status-tag', `uie-status-tag--${variant}`, hollow && 'uie-status-tag--hollow');
  const content = (
    <>
      <span className="uie-status-tag__dot" aria-hidden="true" />
      {children}
    </>
  );
  return (
    <span className={className} data-variant={variant} {...tid(testId)}>
      {onClick ? (
        <button type="button" className="uie-status-tag__button" onClick={() => onClick()}>
          {content}
        </button>
      ) : (
        content
      )}
      {showRemoveIcon ? (
        <button type="button" className="uie-status-tag__remove" aria-label="Remove" onClick={() => onRemoveClick?.()}>
          ×
        </button>
      ) : null}
    </span>
  );
}

export function Tag({ children, variant = 'default', onClick, overlay, inline, testId }: TagProps) {
  const trigger = useOverlayTrigger(overlay);
  const className = cx('uie-tag', `uie-tag--${variant}`, inline && 'uie-tag--inline');
  if (!onClick && !trigger.isDialog) {
    return (
      <>
        <span className={className} data-variant={variant} {...trigger.triggerProps} tabIndex={trigger.node ? 0 : undefined} {...tid(testId)}>
          {children}
        </span>
        {trigger.node}
      </>
    );
  }
  return (
    <>
      <button
        type="button"
        className={className}
        data-variant={variant}
        onClick={(event) => {
          callWithReactions(onClick, event);
          trigger.open();
        }}
        {...trigger.triggerProps}
        {...tid(testId)}
      >
        {children}
      </button>
      {trigger.node}
    </>
  );
}

export function StepIndicator({ stepNames, currentStep = 0, direction = 'horizontal', variant = 'default', circleSize, onClick, testId }: StepIndicatorProps) {
  return (
    <ol aria-label="Progress" className={cx('uie-steps', `uie-steps--${direction}`, `uie-steps--${variant}`, `uie-steps--${size(circleSize, 'sm')}`)} {...tid(testId)}>
      {stepNames.map((name, index) => {
        const state = index < currentStep ? 'complete' : index === currentStep ? 'current' : 'upcoming';
        const label = (
          <>
            <span className="uie-steps__circle" aria-hidden="true">
              {state === 'complete' ? '✓' : index + 1}
            </span>
            <span className="uie-steps__name">{name}</span>
          </>
        );
        return (
          <li key={`${index}-${name}`} className={`uie-steps__step uie-steps__step--${state}`} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
            {onClick ? (
              <button type="button" className="uie-steps__button" onClick={() => onClick(index)}>
                {label}
              </button>
            ) : (
              label
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function Statistics({ children, testId }: StatisticsProps) {
  return (
    <dl className="uie-statistics" {...tid(testId)}>
      {children}
    </dl>
  );
}

export function StatisticsItem({ id, label, number, children, testId }: StatisticsItemProps) {
  return (
    <div id={id} className="uie-statistics__item" {...tid(testId)}>
      <dt className="uie-statistics__label">{label}</dt>
      <dd className="uie-statistics__number">{number}</dd>
      {children ? <dd className="uie-statistics__extra">{children}</dd> : null}
    </div>
  );
}

export function StatisticsTrend({ value, direction, color, testId }: StatisticsTrendProps) {
  const tone = color ?? (direction === 'increase' ? 'green' : 'red');
  return (
    <span className={cx('uie-trend', `uie-trend--${tone}`)} data-direction={direction} {...tid(testId)}>
      <span aria-hidden="true">{direction === 'increase' ? '▲' : '▼'}</span>
      <span className="uie-visually-hidden">{direction === 'increase' ? 'Increased by' : 'Decreased by'}</span> {value}
    </span>
  );
}

export function ScoreCircle({ score, testId }: ScoreProps) {
  return (
    <span role="img" aria-label={`Score ${score}`} className="uie-score" {...tid(testId)}>
      {score}
    </span>
  );
}
