/**
 * Compile-time check (run by `tsc --noEmit`): each preview component accepts exactly the props the SDK declares,
 * so a card that type-checks against the real package also runs against the preview.
 */
import type * as Sdk from '@hubspot/ui-extensions';
import type * as SdkCrm from '@hubspot/ui-extensions/crm';
import * as Preview from '../src/ui-extensions.tsx';
import * as PreviewCrm from '../src/crm.tsx';

// The last four are declared in `export type *` modules: the package has no runtime value for them either.
type Implemented = Exclude<
  keyof typeof Sdk,
  'BarChart' | 'LineChart' | 'useCrmSearch' | 'formatCrmProperties' | 'iconNames' | 'chartFieldTypes' | 'illustrationNames' | 'getExtensionIdentifier' | 'EXTENSION_POINT_LOCATIONS'
>;
type Surface = { [K in Implemented]: (typeof Sdk)[K] };

export const surface: Surface = {
  Accordion: Preview.Accordion, Alert: Preview.Alert, AutoGrid: Preview.AutoGrid, Box: Preview.Box, Button: Preview.Button,
  ButtonRow: Preview.ButtonRow, Card: Preview.Card, Checkbox: Preview.Checkbox, CurrencyInput: Preview.CurrencyInput,
  DateInput: Preview.DateInput, DescriptionList: Preview.DescriptionList, DescriptionListItem: Preview.DescriptionListItem,
  Divider: Preview.Divider, Dropdown: Preview.Dropdown, EmptyState: Preview.EmptyState, ErrorState: Preview.ErrorState,
  Flex: Preview.Flex, Form: Preview.Form, Heading: Preview.Heading, Icon: Preview.Icon, Illustration: Preview.Illustration,
  Image: Preview.Image, Inline: Preview.Inline, Input: Preview.Input, Link: Preview.Link, List: Preview.List,
  LoadingButton: Preview.LoadingButton, LoadingSpinner: Preview.LoadingSpinner, Modal: Preview.Modal, ModalBody: Preview.ModalBody,
  ModalFooter: Preview.ModalFooter, MultiSelect: Preview.MultiSelect, NumberInput: Preview.NumberInput, Panel: Preview.Panel,
  PanelBody: Preview.PanelBody, PanelFooter: Preview.PanelFooter, PanelSection: Preview.PanelSection, ProgressBar: Preview.ProgressBar,
  RadioButton: Preview.RadioButton, ScoreCircle: Preview.ScoreCircle, SearchInput: Preview.SearchInput, Select: Preview.Select,
  Spacer: Preview.Spacer, Stack: Preview.Stack, Statistics: Preview.Statistics, StatisticsItem: Preview.StatisticsItem,
  StatisticsTrend: Preview.StatisticsTrend, StatusTag: Preview.StatusTag, StepIndicator: Preview.StepIndicator,
  StepperInput: Preview.StepperInput, Tab: Preview.Tab, Table: Preview.Table, TableBody: Preview.TableBody, TableCell: Preview.TableCell,
  TableFooter: Preview.TableFooter, TableHead: Preview.TableHead, TableHeader: Preview.TableHeader, TableRow: Preview.TableRow,
  Tabs: Preview.Tabs, Tag: Preview.Tag, Text: Preview.Text, TextArea: Preview.TextArea, Textarea: Preview.Textarea, Tile: Preview.Tile,
  TimeInput: Preview.TimeInput, Toggle: Preview.Toggle, ToggleGroup: Preview.ToggleGroup, Tooltip: Preview.Tooltip,
  hubspot: Preview.hubspot, logger: Preview.logger, useDebounce: Preview.useDebounce, useExtensionContext: Preview.useExtensionContext,
  useExtensionActions: Preview.useExtensionActions, useExtensionApi: Preview.useExtensionApi, ExtensionEvent: Preview.ExtensionEvent,
  FormSubmitExtensionEvent: Preview.FormSubmitExtensionEvent, RemoteEvent: Preview.RemoteEvent,
  ServerlessExecutionStatus: Preview.ServerlessExecutionStatus,
};

export const crm: Pick<typeof SdkCrm, 'useCrmProperties'> = { useCrmProperties: PreviewCrm.useCrmProperties };
