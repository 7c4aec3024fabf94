/** Layout components: Box, Flex, Inline, Stack, AutoGrid, Spacer, Divider, Tile, Card, Accordion. */
import { useId, useState } from 'react';
import type {
  AccordionProps,
  AutoGridProps,
  BoxProps,
  CardProps,
  DividerProps,
  FlexProps,
  InlineProps,
  SpacerProps,
  StackProps,
  TileProps,
} from '@hubspot/ui-extensions';
import { cx, size, tid } from './common.tsx';

export function Box({ children, alignSelf, flex, testId }: BoxProps) {
  return (
    <div
      className={cx('uie-box', alignSelf && `uie-self-${alignSelf}`, flex !== undefined && typeof flex !== 'number' && `uie-flex-${flex}`)}
      style={typeof flex === 'number' ? { flex } : undefined}
      {...tid(testId)}
    >
      {children}
    </div>
  );
}

export function Flex({ children, direction = 'row', justify = 'start', align, alignSelf, wrap, gap, testId }: FlexProps) {
  const wraps = wrap === true || wrap === 'wrap';
  return (
    <div
      className={cx(
        'uie-flex',
        `uie-flex--${direction}`,
        `uie-justify-${justify}`,
        align && `uie-align-${align}`,
        alignSelf && `uie-self-${alignSelf}`,
        wraps && 'uie-flex--wrap',
        `uie-gap-${size(gap, 'flush')}`,
      )}
      {...tid(testId)}
    >
      {children}
    </div>
  );
}

export function Inline({ children, justify = 'start', align = 'center', gap, testId }: InlineProps) {
  return (
    <div
      className={cx('uie-flex', 'uie-flex--row', 'uie-flex--wrap', `uie-justify-${justify}`, `uie-align-${align}`, `uie-gap-${size(gap, 'sm')}`)}
      {...tid(testId)}
    >
      {children}
    </div>
  );
}

export function Stack({ children, direction = 'column', distance, justify = 'start', align, width, testId }: StackProps) {
  return (
    <div
      className={cx('uie-flex', `uie-flex--${direction}`, `uie-justify-${justify}`, align && `uie-align-${align}`, `uie-gap-${size(distance, 'sm')}`, width === '100%' && 'uie-w-full')}
      {...tid(testId)}
    >
      {children}
    </div>
  );
}

export function AutoGrid({ children, columnWidth, gap, flexible, testId }: AutoGridProps) {
  const column = flexible ? `minmax(${columnWidth}px, 1fr)` : `${columnWidth}px`;
  return (
    <div className={cx('uie-grid', `uie-gap-${size(gap, 'sm')}`)} style={{ gridTemplateColumns: `repeat(auto-fill, ${column})` }} {...tid(testId)}>
      {children}
    </div>
  );
}

export function Spacer({ size: s, testId }: SpacerProps) {
  return <div className={cx('uie-spacer', `uie-spacer--${size(s, 'sm')}`)} aria-hidden="true" {...tid(testId)} />;
}

export function Divider({ size: thickness, distance, testId }: DividerProps) {
  return <hr className={cx('uie-divider', `uie-divider--${size(distance, 'sm')}`, `uie-divider-size--${size(thickness, 'xs')}`)} {...tid(testId)} />;
}

export function Tile({ children, compact, flush, testId }: TileProps) {
  return (
    <div className={cx('uie-tile', compact && 'uie-tile--compact', flush && 'uie-tile--flush')} {...tid(testId)}>
      {children}
    </div>
  );
}

export function Card({ children, testId }: CardProps) {
  return (
    <section className="uie-tile" {...tid(testId)}>
      {children}
    </section>
  );
}

export function Accordion({ title, children, defaultOpen = false, disabled, open, size: s, onClick, testId }: AccordionProps) {
  const [own, setOwn] = useState(defaultOpen);
  const expanded = open ?? own;
  const regionId = useId();
  return (
    <div className={cx('uie-accordion', `uie-accordion--${size(s, 'sm')}`)} {...tid(testId)}>
      <button
        type="button"
        className="uie-accordion__toggle"
        aria-expanded={expanded}
        aria-controls={regionId}
        disabled={disabled}
        onClick={() => {
          setOwn(!expanded);
          onClick?.();
        }}
      >
        <span className="uie-accordion__caret" aria-hidden="true">
          {expanded ? '▾' : '▸'}
        </span>
        {title}
      </button>
      <div id={regionId} role="region" aria-label={title} hidden={!expanded} className="uie-accordion__body">
        {expanded ? children : null}
      </div>
    </div>
  );
}
