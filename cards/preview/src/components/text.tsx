/** Text-like components: Text, Heading, Link, List, Icon, Image, Illustration, Tooltip. */
import { Children, type MouseEvent } from 'react';
import type {
  HeadingProps,
  IconProps,
  IllustrationProps,
  ImageProps,
  LinkProps,
  ListProps,
  TextProps,
  TooltipProps,
} from '@hubspot/ui-extensions';
import { OVERLAY_KIND, callWithReactions, cx, hrefOf, navigate, tid, useOverlayTrigger } from './common.tsx';

export function Text({ children, variant = 'bodytext', inline, format, truncate, testId }: TextProps) {
  const Tag = inline ? 'span' : 'p';
  const truncation = typeof truncate === 'object' ? truncate : truncate ? {} : null;
  const title = truncation ? (truncation.tooltipText ?? (typeof children === 'string' ? children : undefined)) : undefined;
  return (
    <Tag
      className={cx(
        'uie-text',
        variant === 'microcopy' && 'uie-text--microcopy',
        format?.fontWeight && `uie-weight-${format.fontWeight}`,
        format?.italic && 'uie-italic',
        format?.lineDecoration && `uie-decoration-${format.lineDecoration}`,
        format?.textTransform && `uie-transform-${format.textTransform}`,
        truncation && 'uie-truncate',
      )}
      data-variant={variant}
      title={title}
      style={truncation?.maxWidth ? { maxWidth: truncation.maxWidth } : undefined}
      {...tid(testId)}
    >
      {children}
    </Tag>
  );
}

export function Heading({ children, inline, testId }: HeadingProps) {
  return (
    <h3 className={cx('uie-heading', inline && 'uie-heading--inline')} {...tid(testId)}>
      {children}
    </h3>
  );
}

export function Link({ children, href, variant = 'primary', onClick, preventDefault, overlay, testId }: LinkProps) {
  const trigger = useOverlayTrigger(overlay);
  const target = hrefOf(href);
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    // With no URL (or an overlay to open) there is nowhere to navigate to.
    if (preventDefault || !target || trigger.isDialog) event.preventDefault();
    callWithReactions(onClick, event);
    trigger.open();
  };
  return (
    <>
      <a
        className={cx('uie-link', `uie-link--${variant}`)}
        href={target?.url ?? '#'}
        target={target?.external ? '_blank' : undefined}
        rel={target?.external ? 'noopener noreferrer' : undefined}
        onClick={handle}
        {...trigger.triggerProps}
        {...tid(testId)}
      >
        {children}
        {target?.external ? (
          <span className="uie-link__external" aria-label="(opens in a new tab)">
            ↗
          </span>
        ) : null}
      </a>
      {trigger.node}
    </>
  );
}

export function List({ children, variant = 'unordered', testId }: ListProps) {
  const Tag = variant.startsWith('ordered') ? 'ol' : 'ul';
  return (
    <Tag className={cx('uie-list', `uie-list--${variant}`)} {...tid(testId)}>
      {Children.map(children, (child) => (child === null || child === undefined || child === false ? null : <li>{child}</li>))}
    </Tag>
  );
}

const GLYPHS: Record<string, string> = {
  add: '+', remove: '−', success: '✓', checkCircle: '✓', downCarat: '▾', upCarat: '▴', left: '‹', right: '›',
  refresh: '↻', warning: '⚠', info: 'i', exclamation: '!', exclamationCircle: '!', edit: '✎', delete: '🗑',
  xCircle: '✕', filledXCircleIcon: '✕', search: '⌕', copy: '⧉', link: '🔗', attach: '📎', file: '📄',
  order: '🧾', settings: '⚙', question: '?', questionCircle: '?', date: '📅', clock: '🕒', email: '✉',
};

export function Icon({ name, color = 'inherit', size: s = 'md', screenReaderText, testId }: IconProps) {
  return (
    <span
      className={cx('uie-icon', `uie-icon--${s}`, `uie-icon--${color}`)}
      data-icon={name}
      role={screenReaderText ? 'img' : undefined}
      aria-label={screenReaderText}
      aria-hidden={screenReaderText ? undefined : true}
      {...tid(testId)}
    >
      {GLYPHS[name] ?? '•'}
    </span>
  );
}

export function Image({ src, alt = '', width, height, href, onClick, overlay, testId }: ImageProps) {
  const trigger = useOverlayTrigger(overlay);
  const img = <img className="uie-image" src={src} alt={alt} width={width} height={height} {...tid(testId)} />;
  if (!href && !onClick && !trigger.isDialog) return img;
  return (
    <>
      <button
        type="button"
        className="uie-image-button"
        onClick={(event) => {
          callWithReactions(onClick, event);
          trigger.open();
          navigate(href);
        }}
        {...trigger.triggerProps}
      >
        {img}
      </button>
      {trigger.node}
    </>
  );
}

export function Illustration({ name, alt, width, height, testId }: IllustrationProps) {
  return (
    <span className="uie-illustration" role="img" aria-label={alt ?? name} data-illustration={name} style={{ width, height }} {...tid(testId)} />
  );
}

/** On its own a Tooltip renders its text; as a trigger's `overlay` it shows on hover and focus. */
export function Tooltip({ children, placement = 'top', testId }: TooltipProps) {
  return (
    <span role="tooltip" className={cx('uie-tooltip', 'uie-tooltip--static', `uie-tooltip--${placement}`)} {...tid(testId)}>
      {children}
    </span>
  );
}
(Tooltip as unknown as Record<symbol, string>)[OVERLAY_KIND] = 'tooltip';
