import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListItem,
  Flex,
  Heading,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';

import type { FieldValue, StepId, Summary } from '../api';
import { formatMoney, formatSize } from '../format';

interface StepReviewProps {
  summary: Summary;
  locale: string;
  onEdit: (step: StepId) => void;
}

function display(value: FieldValue): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function EditLink({ step, label, onEdit }: { step: StepId; label: string; onEdit: (step: StepId) => void }) {
  return (
    <Button variant="transparent" size="xs" onClick={() => onEdit(step)} testId={`edit-${step}`}>
      {label}
    </Button>
  );
}

/** Exactly what will be sent to NetSuite, with a way back to the tab each part comes from. */
export function StepReview({ summary, locale, onEdit }: StepReviewProps) {
  const money = (amount: string | null) => formatMoney(amount, summary.currency, locale);
  // The form's custom line columns that any line sets, once each, in the order they come.
  const columns = [...new Map(summary.lines.flatMap((line) => line.fields).map((field) => [field.id, field.label])).entries()];
  const span = 4 + columns.length;
  return (
    <Flex direction="column" gap="md">
      {summary.warnings.map((warning) => (
        <Alert key={warning} title="Check before creating" variant="warning">
          {warning}
        </Alert>
      ))}
      <Flex justify="between" align="center">
        <Heading>Customer and account</Heading>
        <Flex gap="xs">
          <EditLink step="account" label="Edit account" onEdit={onEdit} />
          <EditLink step="customer" label="Edit customer" onEdit={onEdit} />
        </Flex>
      </Flex>
      <DescriptionList direction="row">
        <DescriptionListItem label="Customer">{summary.customer.name}</DescriptionListItem>
        <DescriptionListItem label="Subsidiary">{summary.subsidiary.name}</DescriptionListItem>
        <DescriptionListItem label="Form">{summary.form.name}</DescriptionListItem>
        <DescriptionListItem label="Currency">{summary.currency}</DescriptionListItem>
      </DescriptionList>
      <Flex justify="between" align="center">
        <Heading>Lines</Heading>
        <EditLink step="order" label="Edit order" onEdit={onEdit} />
      </Flex>
      <Table bordered testId="review-lines">
        <TableHead>
          <TableRow>
            <TableHeader>Item</TableHeader>
            <TableHeader>Description</TableHeader>
            {columns.map(([id, label]) => (
              <TableHeader key={id}>{label}</TableHeader>
            ))}
            <TableHeader align="right">Quantity</TableHeader>
            <TableHeader align="right">Rate</TableHeader>
            <TableHeader align="right">Amount</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {summary.lines.map((line, index) => (
            <TableRow key={`${line.item}-${index}`}>
              <TableCell>{line.item}</TableCell>
              <TableCell>{line.description ?? ''}</TableCell>
              {columns.map(([id]) => (
                <TableCell key={id}>{display(line.fields.find((field) => field.id === id)?.value ?? null)}</TableCell>
              ))}
              <TableCell align="right">{String(line.quantity)}</TableCell>
              <TableCell align="right">{money(line.rate)}</TableCell>
              <TableCell align="right">{money(line.amount)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow>
            <TableCell colSpan={span}>Subtotal</TableCell>
            <TableCell align="right">{money(summary.subtotal)}</TableCell>
          </TableRow>
          {summary.discount !== null && Number(summary.discount) !== 0 ? (
            <TableRow>
              <TableCell colSpan={span}>Discount</TableCell>
              <TableCell align="right">{money(summary.discount)}</TableCell>
            </TableRow>
          ) : null}
          <TableRow>
            <TableCell colSpan={span}>Total</TableCell>
            <TableCell align="right" testId="review-total">
              {money(summary.total)}
            </TableCell>
          </TableRow>
        </TableFooter>
      </Table>
      {summary.fields.length > 0 ? (
        <>
          <Heading>Order fields</Heading>
          <DescriptionList direction="row">
            {summary.fields.map((field) => (
              <DescriptionListItem key={field.id} label={field.label}>
                {display(field.value)}
              </DescriptionListItem>
            ))}
          </DescriptionList>
        </>
      ) : null}
      <Heading>Attachments</Heading>
      {summary.attachments.length === 0 ? <Text>No attachments will be sent.</Text> : null}
      {summary.attachments.map((attachment) => (
        <Flex key={attachment.name} gap="xs" align="center">
          <Text>{`${attachment.name} (${formatSize(attachment.size)})`}</Text>
          {attachment.status === 'will_attach' ? (
            <Tag variant="success">Will attach</Tag>
          ) : (
            <Tag variant="warning">Too large: will not be attached</Tag>
          )}
        </Flex>
      ))}
    </Flex>
  );
}
