/** DescriptionList as a <dl> of label/value pairs. */
import type { DescriptionListItemProps, DescriptionListProps } from '@hubspot/ui-extensions';
import { cx, tid } from './common.tsx';

export function DescriptionList({ children, direction = 'column', testId }: DescriptionListProps) {
  return (
    <dl className={cx('uie-dl', `uie-dl--${direction}`)} {...tid(testId)}>
      {children}
    </dl>
  );
}

export function DescriptionListItem({ children, label, testId }: DescriptionListItemProps) {
  return (
    <div className="uie-dl__item" {...tid(testId)}>
      <dt className="uie-dl__label">{label}</dt>
      <dd className="uie-dl__value">{children}</dd>
    </div>
  );
}
