/**
 * zod schemas of every backend body in docs/api.md, and the types inferred from them.
 * Only api.ts parses with them; components import the types.
 */
import { z } from 'zod';

/** The backend may leave out a key that is null; the card always sees null. */
const toNull = <T,>(value: T | null | undefined): T | null => value ?? null;

/** Money and quantities may arrive as "10.50" or 10.5; the card keeps the backend's decimal string. */
const decimal = z.union([z.string(), z.number()]).transform((value) => String(value));

export const OptionSchema = z.object({
  value: z.union([z.string(), z.number()]).transform((value) => String(value)),
  label: z.string(),
});

export const ErrorBodySchema = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).nullish(),
  detail: z.unknown().optional(),
});

// ---- Sales orders card ---------------------------------------------------------------------------------

export const OrderSchema = z.object({
  linkId: z.string(),
  connectionId: z.string(),
  accountLabel: z.string(),
  netsuiteId: z.string(),
  number: z.string(),
  date: z.string().nullish().transform(toNull),
  status: z.object({
    code: z.string(),
    label: z.string(),
    tone: z.enum(['info', 'warning', 'danger', 'success', 'default']),
  }),
  total: decimal,
  currency: z.string(),
  customer: z.string().nullish().transform(toNull),
  url: z.string(),
  createdVia: z.enum(['card', 'workflow', 'linked']),
  createdBy: z.string().nullish().transform(toNull),
  refreshedAt: z.string().nullish().transform(toNull),
});

export const CardConnectionSchema = z.object({
  id: z.string(),
  label: z.string(),
  accountId: z.string(),
  state: z.enum(['ok', 'stale', 'needs_reconnect', 'error']),
  message: z.string().nullish().transform(toNull),
});

export const SalesOrderListSchema = z.object({
  dealId: z.string(),
  connected: z.boolean(),
  connections: z.array(CardConnectionSchema),
  orders: z.array(OrderSchema),
  stale: z
    .object({ asOf: z.string(), ageSeconds: z.number(), reason: z.string() })
    .nullish().transform(toNull),
});

export const LinkedOrderSchema = z.object({ order: OrderSchema });

// ---- Creation flow -------------------------------------------------------------------------------------

export const STEP_IDS = ['account', 'customer', 'order', 'review'] as const;
export const StepIdSchema = z.enum(STEP_IDS);

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'currency',
  'date',
  'checkbox',
  'select',
  'searchable_select',
  'multiselect',
] as const;

export const FieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

export const FieldDescriptorSchema = z.object({
  id: z.string(),
  label: z.string(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  readOnly: z.boolean().nullish().transform((value) => value ?? false),
  options: z.array(OptionSchema).nullish().transform(toNull),
  optionsEndpoint: z.string().nullish().transform(toNull),
  default: FieldValueSchema.optional().transform((value) => value ?? null),
  help: z.string().nullish().transform(toNull),
  error: z.string().nullish().transform(toNull),
  placeholder: z.string().nullish().transform(toNull),
});

export const ItemSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  displayName: z.string().nullish().transform(toNull),
  type: z.string(),
  typeLabel: z.string(),
  basePrice: decimal.nullish().transform(toNull),
});

export const LineSchema = z.object({
  lineId: z.string(),
  name: z.string(),
  sku: z.string().nullish().transform(toNull),
  quantity: z.number(),
  hubspotPrice: decimal.nullish().transform(toNull),
  discount: decimal.nullish().transform(toNull),
  currency: z.string().nullish().transform(toNull),
  match: z.enum(['matched', 'unmatched', 'ambiguous', 'no_sku']),
  item: ItemSchema.nullish().transform(toNull),
  candidates: z.array(ItemSchema),
  rate: decimal.nullish().transform(toNull),
  amount: decimal.nullish().transform(toNull),
  message: z.string().nullish().transform(toNull),
  /** The form's custom item columns (custcol_*) the rep fills on this line; `default` is this line's value. */
  columns: z.array(FieldDescriptorSchema).nullish().transform((value) => value ?? []),
  /** This line's accepted column values. */
  fields: z.record(z.string(), FieldValueSchema).nullish().transform((value) => value ?? {}),
});

const NamedRefSchema = z.object({ id: z.string(), name: z.string() });

export const SummarySchema = z.object({
  customer: NamedRefSchema,
  subsidiary: NamedRefSchema,
  form: NamedRefSchema,
  currency: z.string(),
  lines: z.array(
    z.object({
      // The item may come as its name or as the Item object itself.
      item: z.union([z.string(), ItemSchema.transform((item) => item.displayName ?? item.itemId)]),
      description: z.string().nullish().transform(toNull),
      quantity: z.number(),
      rate: decimal,
      amount: decimal,
      fields: z
        .array(z.object({ id: z.string(), label: z.string(), value: FieldValueSchema }))
        .nullish()
        .transform((value) => value ?? []),
    }),
  ),
  subtotal: decimal,
  discount: decimal.nullish().transform(toNull),
  total: decimal,
  fields: z.array(z.object({ id: z.string(), label: z.string(), value: FieldValueSchema })),
  attachments: z.array(
    z.object({ name: z.string(), size: z.number(), status: z.enum(['will_attach', 'too_large']) }),
  ),
  warnings: z.array(z.string()),
});

export const SuggestionSchema = z.object({
  customerId: z.string(),
  name: z.string(),
  reason: z.enum(['external_id', 'email', 'name']),
  explanation: z.string(),
  alternatives: z
    .array(
      z.object({
        customerId: z.string(),
        name: z.string(),
        reason: z.enum(['external_id', 'email', 'name']),
        explanation: z.string(),
      }),
    )
    .nullish()
    .transform((value) => value ?? []),
});

export const NoticeSchema = z.object({
  tone: z.enum(['info', 'warning', 'danger']),
  message: z.string(),
});

export const TabSchema = z.object({
  step: StepIdSchema,
  fields: z.array(FieldDescriptorSchema),
  notices: z.array(NoticeSchema).nullish().transform((value) => value ?? []),
  lines: z.array(LineSchema).nullish().transform(toNull),
  summary: SummarySchema.nullish().transform(toNull),
  suggestion: SuggestionSchema.nullish().transform(toNull),
});

export const AttachmentResultSchema = z.object({
  name: z.string(),
  size: z.number(),
  status: z.enum(['attached', 'too_large', 'failed', 'skipped']),
  message: z.string().nullish().transform(toNull),
});

export const DraftSchema = z.object({
  id: z.string(),
  dealId: z.string(),
  status: z.enum(['open', 'submitting', 'created', 'failed']),
  version: z.number(),
  step: StepIdSchema,
  steps: z.array(z.object({ id: StepIdSchema, label: z.string(), complete: z.boolean() })),
  tab: TabSchema,
  values: z.record(z.string(), z.record(z.string(), z.unknown())),
  result: z.object({ order: OrderSchema, attachments: z.array(AttachmentResultSchema) }).nullish().transform(toNull),
  error: z
    .object({ message: z.string(), tab: StepIdSchema.nullish(), field: z.string().nullish() })
    .nullish().transform(toNull),
});

export const OptionsPageSchema = z.object({
  options: z.array(OptionSchema),
  hasMore: z.boolean().optional().transform((value) => value ?? false),
});

export const SubmitResultSchema = z.object({
  draft: DraftSchema,
  order: OrderSchema,
  attachments: z.array(AttachmentResultSchema),
});

/** A line as the order tab's values carry it back (`values.order.lines`). */
export const LineValueSchema = z.object({
  lineId: z.string(),
  itemId: z.string().nullish().transform(toNull),
  quantity: z.number(),
  rate: z.number().nullish().transform(toNull),
  fields: z.record(z.string(), FieldValueSchema).nullish().transform((value) => value ?? {}),
});

/** `detail` of a NetSuite rejection on submit: where in the flow the rep fixes it. */
export const SubmitRejectionSchema = z.object({
  tab: StepIdSchema,
  field: z.string().nullish(),
  netsuiteMessage: z.string().nullish(),
});

// ---- Settings page -------------------------------------------------------------------------------------

export const ConnectionDefaultsSchema = z.object({
  subsidiaryId: z.string().nullish().transform(toNull),
  formId: z.string().nullish().transform(toNull),
  priceSource: z.string().nullish().transform(toNull),
  customerSource: z.string().nullish().transform(toNull),
  folderId: z.string().nullish().transform(toNull),
});

export const ConnectionSchema = z.object({
  id: z.string(),
  label: z.string(),
  accountId: z.string(),
  authKind: z.enum(['tba', 'm2m']),
  restBaseUrl: z.string().nullish().transform(toNull),
  restletUrl: z.string().nullish().transform(toNull),
  concurrencyLimit: z.number().nullish().transform(toNull),
  defaults: ConnectionDefaultsSchema,
  credentialHint: z.string().nullish().transform(toNull),
  createdAt: z.string(),
});

export const ConnectionTestSchema = z.object({ ok: z.boolean(), message: z.string() });
export const MetadataReloadSchema = z.object({ ok: z.boolean(), cleared: z.number(), message: z.string() });
export const ConnectionListSchema = z.object({ connections: z.array(ConnectionSchema) });
export const CreatedConnectionSchema = z.object({ connection: ConnectionSchema, test: ConnectionTestSchema });
export const ConnectionOptionsSchema = z.object({ options: z.array(OptionSchema) });

export type Option = z.infer<typeof OptionSchema>;
export type Order = z.infer<typeof OrderSchema>;
export type CardConnection = z.infer<typeof CardConnectionSchema>;
export type SalesOrderList = z.infer<typeof SalesOrderListSchema>;
export type StepId = z.infer<typeof StepIdSchema>;
export type FieldType = (typeof FIELD_TYPES)[number];
export type FieldValue = z.infer<typeof FieldValueSchema>;
export type FieldDescriptor = z.infer<typeof FieldDescriptorSchema>;
export type Item = z.infer<typeof ItemSchema>;
export type Line = z.infer<typeof LineSchema>;
export type Summary = z.infer<typeof SummarySchema>;
export type Suggestion = z.infer<typeof SuggestionSchema>;
export type Notice = z.infer<typeof NoticeSchema>;
export type Tab = z.infer<typeof TabSchema>;
export type AttachmentResult = z.infer<typeof AttachmentResultSchema>;
export type Draft = z.infer<typeof DraftSchema>;
export type OptionsPage = z.infer<typeof OptionsPageSchema>;
export type SubmitResult = z.infer<typeof SubmitResultSchema>;
export type LineValue = z.infer<typeof LineValueSchema>;
export type SubmitRejection = z.infer<typeof SubmitRejectionSchema>;
export type ConnectionDefaults = z.infer<typeof ConnectionDefaultsSchema>;
export type Connection = z.infer<typeof ConnectionSchema>;
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;
export type MetadataReload = z.infer<typeof MetadataReloadSchema>;
export type CreatedConnection = z.infer<typeof CreatedConnectionSchema>;
