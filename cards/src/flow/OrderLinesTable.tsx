import {
  Flex,
  NumberInput,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';

import { draftOptionsEndpoint, type FieldDescriptor, type FieldValue, type Item, type Line } from '../api';
import { formatMoney } from '../format';
import { FieldInput } from './FieldInput';
import { SearchableSelect } from './SearchableSelect';
import type { LineChoice } from './useDraftFlow';

interface OrderLinesTableProps {
  draftId: string;
  lines: Line[];
  choices: Record<string, LineChoice>;
  errors: Record<string, string>;
  locale: string;
  onChange: (lineId: string, change: Partial<LineChoice>) => void;
  onFieldChange: (lineId: string, columnId: string, value: FieldValue) => void;
}

/** The custom columns of all lines, once each, in the form's order (every line carries the same ones). */
function columnsOf(lines: Line[]): FieldDescriptor[] {
  const seen = new Map<string, FieldDescriptor>();
  for (const column of lines.flatMap((line) => line.columns)) {
    if (!seen.has(column.id)) seen.set(column.id, column);
  }
  return [...seen.values()];
}

function itemLabel(item: Item): string {
  return item.displayName && item.displayName !== item.itemId ? `${item.itemId} — ${item.displayName}` : item.itemId;
}

/** The picker for a line whose SKU found no NetSuite item, or several: candidates first, then search. */
function itemPickerField(draftId: string, line: Line, error: string | undefined): FieldDescriptor {
  return {
    id: `line-${line.lineId}-item`,
    label: 'NetSuite item',
    type: 'searchable_select',
    required: true,
    readOnly: false,
    options: line.candidates.map((item) => ({ value: item.id, label: `${itemLabel(item)} (${item.typeLabel})` })),
    optionsEndpoint: draftOptionsEndpoint(draftId, 'itemId'),
    default: null,
    help: line.message,
    error: error ?? null,
    placeholder: 'Search NetSuite items…',
  };
}

/**
 * The deal's HubSpot line items mapped to NetSuite items by SKU; unmatched ones get a picker, never dropped.
 * The form's custom item columns follow as one input per line.
 */
export function OrderLinesTable({ draftId, lines, choices, errors, locale, onChange, onFieldChange }: OrderLinesTableProps) {
  const columns = columnsOf(lines);
  return (
    <Table bordered testId="order-lines">
      <TableHead>
        <TableRow>
          <TableHeader>SKU</TableHeader>
          <TableHeader>Name</TableHeader>
          <TableHeader>Quantity</TableHeader>
          <TableHeader>NetSuite item</TableHeader>
          {columns.map((column) => (
            <TableHeader key={column.id}>{column.label}</TableHeader>
          ))}
          <TableHeader align="right">Rate</TableHeader>
          <TableHeader align="right">Amount</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {lines.map((line) => {
          const choice = choices[line.lineId];
          const error = errors[`lines.${line.lineId}`] ?? errors[line.lineId];
          const picker = itemPickerField(draftId, line, error);
          return (
            <TableRow key={line.lineId} testId={`line-${line.lineId}`}>
              <TableCell>{line.sku ?? '—'}</TableCell>
              <TableCell>{line.name}</TableCell>
              <TableCell>
                <NumberInput
                  label="Quantity"
                  name={`quantity-${line.lineId}`}
                  min={0}
                  value={choice?.quantity ?? line.quantity}
                  onChange={(quantity) => onChange(line.lineId, { quantity })}
                />
              </TableCell>
              <TableCell>
                {line.match === 'matched' && line.item ? (
                  <Flex gap="xs" align="center">
                    <Text>{itemLabel(line.item)}</Text>
                    <Tag>{line.item.typeLabel}</Tag>
                  </Flex>
                ) : (
                  <SearchableSelect
                    field={picker}
                    common={{
                      label: picker.label,
                      name: picker.id,
                      required: true,
                      readOnly: false,
                      description: line.message ?? undefined,
                      error: error !== undefined,
                      validationMessage: error,
                      testId: `pick-${line.lineId}`,
                    }}
                    value={choice?.itemId ?? null}
                    onChange={(itemId) => onChange(line.lineId, { itemId: typeof itemId === 'string' ? itemId : null })}
                  />
                )}
              </TableCell>
              {columns.map((column) => {
                const own = line.columns.find((candidate) => candidate.id === column.id);
                if (!own) return <TableCell key={column.id}>—</TableCell>;
                return (
                  <TableCell key={column.id}>
                    <FieldInput
                      field={{ ...own, id: `line-${line.lineId}-${own.id}` }}
                      value={choice?.fields[own.id] ?? null}
                      error={errors[`lines.${line.lineId}.${own.id}`] ?? own.error}
                      currency={line.currency ?? undefined}
                      onChange={(value) => onFieldChange(line.lineId, own.id, value)}
                    />
                  </TableCell>
                );
              })}
              <TableCell align="right">{formatMoney(line.rate, line.currency, locale)}</TableCell>
              <TableCell align="right">{formatMoney(line.amount, line.currency, locale)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
