/** Table family as a real <table>, with sortable headers and the SDK's pagination controls. */
import { useEffect, useState } from 'react';
import type {
  TableCellProps,
  TableElementProps,
  TableHeaderProps,
  TablePaginatedProps,
  TableProps,
} from '@hubspot/ui-extensions';
import { cx, tid } from './common.tsx';

function widthStyle(width: TableCellProps['width']) {
  if (typeof width === 'number') return { width };
  if (width === 'min') return { width: '1%', whiteSpace: 'nowrap' as const };
  return undefined;
}

function pageButtons(page: number, count: number, visible: number): number[] {
  const span = Math.max(1, Math.min(visible, count));
  const start = Math.max(1, Math.min(page - Math.floor(span / 2), count - span + 1));
  return Array.from({ length: span }, (_, i) => start + i);
}

function Pagination({ pageCount, page, onPageChange, showButtonLabels = true, showFirstLastButtons, maxVisiblePageButtons = 5 }: TablePaginatedProps) {
  const [own, setOwn] = useState(page ?? 1);
  useEffect(() => {
    if (page !== undefined) setOwn(page);
  }, [page]);
  const go = (next: number) => {
    const target = Math.max(1, Math.min(pageCount, next));
    if (target === own) return;
    setOwn(target);
    onPageChange(target);
  };
  const edge = (label: string, target: number, disabled: boolean, glyph: string) => (
    <button type="button" className="uie-pagination__button" aria-label={label} disabled={disabled} onClick={() => go(target)}>
      <span aria-hidden="true">{glyph}</span>
      {showButtonLabels ? <span className="uie-pagination__label">{label.replace(' page', '')}</span> : null}
    </button>
  );
  return (
    <nav className="uie-pagination" aria-label="Pagination">
      {showFirstLastButtons ? edge('First page', 1, own <= 1, '«') : null}
      {edge('Previous page', own - 1, own <= 1, '‹')}
      {pageButtons(own, pageCount, maxVisiblePageButtons).map((n) => (
        <button key={n} type="button" className={cx('uie-pagination__page', n === own && 'uie-pagination__page--current')} aria-label={`Page ${n}`} aria-current={n === own ? 'page' : undefined} onClick={() => go(n)}>
          {n}
        </button>
      ))}
      {edge('Next page', own + 1, own >= pageCount, '›')}
      {showFirstLastButtons ? edge('Last page', pageCount, own >= pageCount, '»') : null}
    </nav>
  );
}

export function Table(props: TableProps) {
  const { children, bordered = true, flush, density = 'default', testId } = props;
  return (
    <div className={cx('uie-table-wrap', flush && 'uie-table-wrap--flush')}>
      <table className={cx('uie-table', bordered && 'uie-table--bordered', `uie-table--${density}`)} {...tid(testId)}>
        {children}
      </table>
      {props.paginated ? <Pagination {...props} /> : null}
    </div>
  );
}

export function TableHead({ children, testId }: TableElementProps) {
  return <thead {...tid(testId)}>{children}</thead>;
}

export function TableBody({ children, testId }: TableElementProps) {
  return <tbody {...tid(testId)}>{children}</tbody>;
}

export function TableFooter({ children, testId }: TableElementProps) {
  return <tfoot {...tid(testId)}>{children}</tfoot>;
}

export function TableRow({ children, testId }: TableElementProps) {
  return <tr {...tid(testId)}>{children}</tr>;
}

const NEXT_SORT = { none: 'ascending', ascending: 'descending', descending: 'none' } as const;

export function TableHeader(props: TableHeaderProps) {
  const { children, align = 'left', width, testId } = props;
  const sortable = props.sortDirection !== undefined && props.sortDirection !== 'never';
  return (
    <th scope="col" className={cx('uie-th', `uie-align-text-${align}`)} style={widthStyle(width)} aria-sort={sortable && props.sortDirection !== 'never' ? props.sortDirection : undefined} {...tid(testId)}>
      {sortable && 'onSortChange' in props ? (
        <button type="button" className="uie-th__sort" disabled={props.disabled} onClick={() => props.onSortChange(NEXT_SORT[props.sortDirection])}>
          {children}
          <span className="uie-th__arrow" aria-hidden="true">
            {props.sortDirection === 'ascending' ? '▲' : props.sortDirection === 'descending' ? '▼' : '↕'}
          </span>
        </button>
      ) : (
        children
      )}
    </th>
  );
}

export function TableCell({ children, align = 'left', width, colSpan, testId }: TableCellProps) {
  return (
    <td className={cx('uie-td', `uie-align-text-${align}`)} style={widthStyle(width)} colSpan={colSpan} {...tid(testId)}>
      {children}
    </td>
  );
}
