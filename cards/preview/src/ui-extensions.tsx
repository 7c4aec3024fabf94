/**
 * Browser (DOM) implementation of `@hubspot/ui-extensions` 0.17.0 for the local preview.
 * Bundles alias the package to this module (see build.mjs); types are the package's own.
 */
import { useEffect, useState } from 'react';
import type { JsonSerializable } from '@hubspot/ui-extensions';
import { extend, serverless } from './runtime/extend.tsx';
import { fetch } from './runtime/fetch.ts';

export type * from '@hubspot/ui-extensions';

export const hubspot = { extend, serverless, fetch };
export { logger } from './runtime/logger.ts';
export { ExtensionEvent, FormSubmitExtensionEvent, RemoteEvent, ServerlessExecutionStatus } from './runtime/events.ts';
export { useExtensionActions, useExtensionApi, useExtensionContext } from './runtime/extend.tsx';

export { Accordion, AutoGrid, Box, Card, Divider, Flex, Inline, Spacer, Stack, Tile } from './components/layout.tsx';
export { Heading, Icon, Illustration, Image, Link, List, Text, Tooltip } from './components/text.tsx';
export { Button, ButtonRow, Dropdown, LoadingButton } from './components/buttons.tsx';
export { Modal, ModalBody, ModalFooter, Panel, PanelBody, PanelFooter, PanelSection } from './components/overlays.tsx';
export {
  Alert,
  EmptyState,
  ErrorState,
  LoadingSpinner,
  ProgressBar,
  ScoreCircle,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
  StatusTag,
  StepIndicator,
  Tag,
} from './components/feedback.tsx';
export { Form } from './components/form.tsx';
export { CurrencyInput, DateInput, Input, NumberInput, SearchInput, StepperInput, TextArea, Textarea, TimeInput } from './components/inputs.tsx';
export { MultiSelect, Select } from './components/selects.tsx';
export { Checkbox, RadioButton, Toggle, ToggleGroup } from './components/toggles.tsx';
export { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from './components/table.tsx';
export { Tab, Tabs } from './components/tabs.tsx';
export { DescriptionList, DescriptionListItem } from './components/description-list.tsx';

export function useDebounce<T extends JsonSerializable>(value: T, delayMs = 300): T {
  const [debounced, setDebounced] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
    // Compared by JSON like the SDK, so a new object with the same content does not restart the timer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delayMs]);
  return debounced;
}
