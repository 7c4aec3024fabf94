import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  Alert,
  Button,
  Checkbox,
  DateInput,
  DescriptionList,
  DescriptionListItem,
  Dropdown,
  Form,
  Input,
  Link,
  LoadingButton,
  Modal,
  ModalBody,
  MultiSelect,
  NumberInput,
  Panel,
  PanelBody,
  Select,
  StatusTag,
  StepIndicator,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tabs,
  Text,
  Toggle,
  Tooltip,
  type Reactions,
} from '@hubspot/ui-extensions';

describe('Button', () => {
  it('is a button that calls onClick with an event and the overlay reactions', async () => {
    const onClick = vi.fn();
    render(<Button onClick={onClick} variant="primary" testId="go">Go</Button>);
    const button = screen.getByRole('button', { name: 'Go' });
    expect(button).toHaveProperty('type', 'button');
    expect(button.dataset.testid).toBe('go');
    expect(button.dataset.variant).toBe('primary');
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
    const [event, reactions] = onClick.mock.calls[0] as [{ type: string; id: string }, Reactions];
    expect(event.type).toBe('click');
    expect(typeof event.id).toBe('string');
    expect(Object.keys(reactions).sort()).toEqual(['closeModal', 'closePanel', 'openModal', 'openPanel']);
  });

  it('opens its overlay Modal as a labelled dialog, and closes it with reactions or Escape', async () => {
    const onOpen = vi.fn();
    const onClose = vi.fn();
    render(
      <Button
        overlay={
          <Modal id="confirm" title="Create sales order" onOpen={onOpen} onClose={onClose}>
            <ModalBody>
              <Button onClick={(_e, reactions) => reactions.closeModal('confirm')}>Cancel</Button>
            </ModalBody>
          </Modal>
        }
      >
        Create
      </Button>,
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    const dialog = screen.getByRole('dialog', { name: 'Create sales order' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(onOpen).toHaveBeenCalledTimes(1);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onClose).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens a Panel by id through reactions.openPanel', async () => {
    render(
      <>
        <Button onClick={(_e, reactions) => reactions.openPanel('details')}>Details</Button>
        <Panel id="details" title="Order details">
          <PanelBody>
            <Text>SO-1001</Text>
          </PanelBody>
        </Panel>
      </>,
    );
    expect(screen.queryByText('SO-1001')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Details' }));
    expect(within(screen.getByRole('dialog', { name: 'Order details' })).getByText('SO-1001')).toBeTruthy();
  });

  it('LoadingButton is busy and disabled while loading', () => {
    render(<LoadingButton loading>Saving</LoadingButton>);
    const button = screen.getByRole('button', { name: 'Saving' });
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Dropdown', () => {
  it('shows a menu whose ButtonItem opens a modal that outlives the menu', async () => {
    const onClick = vi.fn();
    render(
      <Dropdown buttonText="Add">
        <Dropdown.ButtonItem onClick={onClick} overlay={<Modal id="m" title="New order"><ModalBody>Body</ModalBody></Modal>}>
          Create NetSuite sales order
        </Dropdown.ButtonItem>
      </Dropdown>,
    );
    const trigger = screen.getByRole('button', { name: 'Add' });
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('menuitem')).toBeNull();
    await userEvent.click(trigger);
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    await userEvent.click(screen.getByRole('menuitem', { name: 'Create NetSuite sales order' }));
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'New order' })).toBeTruthy();
  });
});

describe('Tabs', () => {
  it('switches the visible panel and reports the tab id', async () => {
    const onSelectedChange = vi.fn();
    render(
      <Tabs defaultSelected="account" onSelectedChange={onSelectedChange}>
        <Tab tabId="account" title="Account">Account fields</Tab>
        <Tab tabId="customer" title="Customer">Customer fields</Tab>
        <Tab tabId="review" title="Review" disabled>Review</Tab>
      </Tabs>,
    );
    expect(screen.getByRole('tab', { name: 'Account' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').textContent).toBe('Account fields');
    await userEvent.click(screen.getByRole('tab', { name: 'Customer' }));
    expect(onSelectedChange).toHaveBeenCalledWith('customer');
    expect(screen.getByRole('tabpanel', { name: 'Customer' }).textContent).toBe('Customer fields');
    expect(screen.queryByText('Account fields')).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'Review' }));
    expect(onSelectedChange).toHaveBeenCalledTimes(1);
  });

  it('follows the controlled selected prop', () => {
    const { rerender } = render(
      <Tabs selected="b">
        <Tab tabId="a" title="A">first</Tab>
        <Tab tabId="b" title="B">second</Tab>
      </Tabs>,
    );
    expect(screen.getByRole('tabpanel').textContent).toBe('second');
    rerender(
      <Tabs selected="a">
        <Tab tabId="a" title="A">first</Tab>
        <Tab tabId="b" title="B">second</Tab>
      </Tabs>,
    );
    expect(screen.getByRole('tabpanel').textContent).toBe('first');
  });
});

describe('Select', () => {
  const options = [
    { label: 'Standard Sales Order', value: 101 },
    { label: 'Wholesale Order', value: 102 },
  ];

  it('is a labelled select that reports the typed option value', async () => {
    const onChange = vi.fn();
    render(<Select label="Custom form" name="form" options={options} onChange={onChange} testId="form-select" />);
    const select = screen.getByLabelText('Custom form');
    expect(select.tagName).toBe('SELECT');
    expect(select.dataset.testid).toBe('form-select');
    await userEvent.selectOptions(select, 'Wholesale Order');
    expect(onChange).toHaveBeenCalledWith(102);
    expect((select as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Wholesale Order');
  });

  it('is searchable when onInput is given: the text is reported and options filtered', async () => {
    const onInput = vi.fn();
    render(<Select label="Customer" options={[{ label: 'Acme Corp', value: 'a' }, { label: 'Globex', value: 'g' }]} onInput={onInput} />);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search Customer' }), 'glo');
    expect(onInput).toHaveBeenLastCalledWith('glo');
    const labels = within(screen.getByLabelText('Customer')).getAllByRole('option').map((o) => o.textContent);
    expect(labels).toEqual(['Select an option', 'Globex']);
  });

  it('MultiSelect reports every selected value', async () => {
    const onChange = vi.fn();
    render(<MultiSelect label="Subsidiaries" options={[{ label: 'US', value: 1 }, { label: 'UK', value: 2 }, { label: 'DE', value: 3 }]} onChange={onChange} />);
    await userEvent.selectOptions(screen.getByLabelText('Subsidiaries'), ['US', 'DE']);
    expect(onChange).toHaveBeenLastCalledWith([1, 3]);
  });
});

describe('Input', () => {
  it('fires onInput per keystroke and onChange once on commit (blur)', async () => {
    const onInput = vi.fn();
    const onChange = vi.fn();
    render(<Input label="Memo" name="memo" onInput={onInput} onChange={onChange} required description="Shown on the order" />);
    const input = screen.getByLabelText('Memo');
    expect(input.getAttribute('aria-required')).toBe('true');
    expect(screen.getByRole('textbox', { description: 'Shown on the order' })).toBe(input);
    await userEvent.type(input, 'Rush');
    expect(onInput).toHaveBeenCalledTimes(4);
    expect(onInput).toHaveBeenLastCalledWith('Rush');
    expect(onChange).not.toHaveBeenCalled();
    await userEvent.tab();
    expect(onChange).toHaveBeenCalledExactlyOnceWith('Rush');
  });

  it('shows an error validation message and follows value changes from the card', async () => {
    function Controlled() {
      const [value, setValue] = useState('draft');
      return (
        <>
          <Input label="PO" name="po" value={value} onChange={setValue} error validationMessage="PO is required" />
          <Button onClick={() => setValue('')}>Clear</Button>
        </>
      );
    }
    render(<Controlled />);
    const input = screen.getByLabelText('PO') as HTMLInputElement;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { description: 'PO is required' })).toBe(input);
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(input.value).toBe('');
  });

  it('NumberInput commits a number; DateInput commits {year, month, date}', async () => {
    const onNumber = vi.fn();
    const onDate = vi.fn();
    render(
      <>
        <NumberInput label="Quantity" name="qty" precision={2} onChange={onNumber} />
        <DateInput label="Ship date" name="ship" format="YYYY-MM-DD" onChange={onDate} />
      </>,
    );
    await userEvent.type(screen.getByLabelText('Quantity'), '1,234.567');
    await userEvent.tab();
    expect(onNumber).toHaveBeenCalledExactlyOnceWith(1234.57);
    fireEvent.change(screen.getByLabelText('Ship date'), { target: { value: '2026-03-14' } });
    expect(onDate).toHaveBeenCalledWith({ year: 2026, month: 2, date: 14, formattedDate: '2026-03-14' });
  });

  it('a Form commits its fields and submits their values without navigating', async () => {
    const onSubmit = vi.fn();
    const onChange = vi.fn();
    render(
      <Form onSubmit={onSubmit}>
        <Input label="Memo" name="memo" onChange={onChange} />
        <NumberInput label="Quantity" name="qty" defaultValue={2} />
        <Button type="submit">Save</Button>
      </Form>,
    );
    await userEvent.type(screen.getByLabelText('Memo'), 'Rush{Enter}');
    expect(onChange).toHaveBeenCalledWith('Rush');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const [event] = onSubmit.mock.calls[0] as [{ targetValue: Record<string, unknown> }];
    expect(event.targetValue).toEqual({ memo: 'Rush', qty: 2 });
  });
});

describe('Toggles', () => {
  it('Checkbox and Toggle report their state', async () => {
    const onCheck = vi.fn();
    const onToggle = vi.fn();
    render(
      <>
        <Checkbox name="attach" value="yes" onChange={onCheck}>Include attachments</Checkbox>
        <Toggle label="Use NetSuite prices" onChange={onToggle} />
      </>,
    );
    await userEvent.click(screen.getByRole('checkbox', { name: 'Include attachments' }));
    expect(onCheck).toHaveBeenCalledWith(true, 'yes');
    const toggle = screen.getByRole('switch', { name: 'Use NetSuite prices' });
    await userEvent.click(toggle);
    expect(onToggle).toHaveBeenCalledWith(true);
    expect(toggle.getAttribute('aria-checked')).toBe('true');
  });
});

describe('Table', () => {
  it('renders a real table with column headers and cells', () => {
    render(
      <Table testId="orders">
        <TableHead>
          <TableRow>
            <TableHeader>Number</TableHeader>
            <TableHeader align="right">Total</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow>
            <TableCell>SO-1001</TableCell>
            <TableCell align="right">$1,200.00</TableCell>
          </TableRow>
        </TableBody>
      </Table>,
    );
    const table = screen.getByRole('table');
    expect(table.dataset.testid).toBe('orders');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Number', 'Total']);
    expect(within(table).getByRole('cell', { name: '$1,200.00' })).toBeTruthy();
  });

  it('paginates and sorts', async () => {
    const onPageChange = vi.fn();
    const onSortChange = vi.fn();
    render(
      <Table paginated pageCount={3} onPageChange={onPageChange}>
        <TableHead>
          <TableRow>
            <TableHeader sortDirection="none" onSortChange={onSortChange}>Date</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow>
            <TableCell>x</TableCell>
          </TableRow>
        </TableBody>
      </Table>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(onPageChange).toHaveBeenCalledWith(2);
    expect(screen.getByRole('button', { name: 'Page 2' }).getAttribute('aria-current')).toBe('page');
    await userEvent.click(screen.getByRole('button', { name: /Date/ }));
    expect(onSortChange).toHaveBeenCalledWith('ascending');
  });
});

describe('status and text', () => {
  it('StatusTag carries its variant as data attribute and class', () => {
    render(<StatusTag variant="success" testId="status">Billed</StatusTag>);
    const tag = screen.getByTestId('status');
    expect(tag.dataset.variant).toBe('success');
    expect(tag.classList.contains('uie-status-tag--success')).toBe(true);
    expect(tag.textContent).toBe('Billed');
  });

  it('Alert uses role alert for danger and status for info', () => {
    render(
      <>
        <Alert title="NetSuite is down" variant="danger">Try again</Alert>
        <Alert title="Heads up">Info</Alert>
      </>,
    );
    expect(screen.getByRole('alert').textContent).toContain('NetSuite is down');
    expect(screen.getByRole('status').textContent).toContain('Heads up');
  });

  it('Text applies format props and microcopy', () => {
    render(<Text variant="microcopy" format={{ fontWeight: 'bold', italic: true }} testId="t">Stale 5 min</Text>);
    const text = screen.getByTestId('t');
    expect(text.className).toContain('uie-text--microcopy');
    expect(text.className).toContain('uie-weight-bold');
    expect(text.className).toContain('uie-italic');
  });

  it('Link navigates by href, and a Tooltip overlay describes it on hover', async () => {
    const onClick = vi.fn();
    render(<Link href={{ url: 'https://system.netsuite.com/so/1', external: true }} onClick={onClick} preventDefault overlay={<Tooltip>Open in NetSuite</Tooltip>}>SO-1001</Link>);
    const link = screen.getByRole('link', { name: /SO-1001/ });
    expect(link.getAttribute('href')).toBe('https://system.netsuite.com/so/1');
    expect(link.getAttribute('target')).toBe('_blank');
    await userEvent.hover(link);
    expect(screen.getByRole('tooltip').textContent).toBe('Open in NetSuite');
    expect(link.getAttribute('aria-describedby')).toBe(screen.getByRole('tooltip').id);
    await userEvent.click(link);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('StepIndicator marks the current step', () => {
    render(<StepIndicator stepNames={['Account', 'Customer', 'Order', 'Review']} currentStep={1} />);
    const steps = within(screen.getByRole('list', { name: 'Progress' })).getAllByRole('listitem');
    expect(steps.map((s) => s.dataset.state)).toEqual(['complete', 'current', 'upcoming', 'upcoming']);
    expect(steps[1]?.getAttribute('aria-current')).toBe('step');
  });

  it('DescriptionList pairs labels and values', () => {
    render(
      <DescriptionList>
        <DescriptionListItem label="Customer">Acme Corp</DescriptionListItem>
      </DescriptionList>,
    );
    expect(screen.getByRole('term').textContent).toBe('Customer');
    expect(screen.getByRole('definition').textContent).toBe('Acme Corp');
  });
});

describe('overlay lifecycle', () => {
  it('opening a second modal replaces the first', () => {
    let reactions: Reactions | undefined;
    render(
      <>
        <Button onClick={(_e, r) => { reactions = r; }}>grab</Button>
        <Modal id="one" title="One"><ModalBody>1</ModalBody></Modal>
        <Modal id="two" title="Two"><ModalBody>2</ModalBody></Modal>
      </>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'grab' }));
    act(() => reactions?.openModal('one'));
    expect(screen.getByRole('dialog', { name: 'One' })).toBeTruthy();
    act(() => reactions?.openModal('two'));
    expect(screen.queryByRole('dialog', { name: 'One' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Two' })).toBeTruthy();
  });
});
