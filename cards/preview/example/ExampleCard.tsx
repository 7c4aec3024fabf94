/** A small card exercising most components; bundled by the tests to prove the alias and the build work. */
import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  ButtonRow,
  DateInput,
  DescriptionList,
  DescriptionListItem,
  Divider,
  Dropdown,
  EmptyState,
  Flex,
  Form,
  Heading,
  Input,
  LoadingSpinner,
  Modal,
  ModalBody,
  ModalFooter,
  NumberInput,
  Select,
  StatusTag,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tabs,
  Text,
  hubspot,
  type BaseDate,
} from '@hubspot/ui-extensions';
import { useCrmProperties } from '@hubspot/ui-extensions/crm';

interface Order {
  number: string;
  status: 'Pending Fulfillment' | 'Billed' | 'Closed';
  total: string;
}

const STATUS = { 'Pending Fulfillment': 'warning', Billed: 'success', Closed: 'default' } as const;

function ExampleCard({ dealId, addAlert }: { dealId: number; addAlert: (message: string) => void }) {
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [memo, setMemo] = useState('');
  const [quantity, setQuantity] = useState(1);
  const [form, setForm] = useState<string>('standard');
  const [shipDate, setShipDate] = useState<BaseDate | undefined>(undefined);
  const { properties } = useCrmProperties(['dealname']);

  useEffect(() => {
    hubspot
      .fetch(`https://salesorders.example/api/v1/deals/${dealId}/sales-orders`, { timeout: 5000 })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        setOrders(((await response.json()) as { orders: Order[] }).orders);
      })
      .catch((error: unknown) => setFailure(String(error)));
  }, [dealId]);

  return (
    <Flex direction="column" gap="md">
      <Heading>Sales orders for {properties.dealname ?? 'this deal'}</Heading>
      {failure ? <Alert title="Could not load sales orders" variant="danger">{failure}</Alert> : null}
      {orders === null && !failure ? <LoadingSpinner label="Loading sales orders" /> : null}
      {orders?.length === 0 ? <EmptyState title="No sales orders yet">Create one from this deal.</EmptyState> : null}
      {orders && orders.length > 0 ? (
        <Table bordered>
          <TableHead>
            <TableRow>
              <TableHeader>Number</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader align="right">Total</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {orders.map((order) => (
              <TableRow key={order.number}>
                <TableCell>{order.number}</TableCell>
                <TableCell>
                  <StatusTag variant={STATUS[order.status]}>{order.status}</StatusTag>
                </TableCell>
                <TableCell align="right">{order.total}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <Divider />
      <ButtonRow>
        <Dropdown buttonText="Add" variant="primary">
          <Dropdown.ButtonItem overlay={<Modal id="create-order" title="Create NetSuite sales order" width="md">
            <ModalBody>
              <Tabs defaultSelected="account">
                <Tab tabId="account" title="Account">
                  <Select label="Custom form" name="form" value={form} onChange={(value) => setForm(String(value))} options={[{ label: 'Standard Sales Order', value: 'standard' }, { label: 'Wholesale Order', value: 'wholesale' }]} />
                </Tab>
                <Tab tabId="order" title="Order">
                  <Form onSubmit={() => addAlert(`memo ${memo}, quantity ${quantity}`)}>
                    <Input label="Memo" name="memo" value={memo} onChange={setMemo} />
                    <NumberInput label="Quantity" name="quantity" value={quantity} min={1} onChange={setQuantity} />
                    <DateInput label="Ship date" name="shipdate" value={shipDate} onChange={(value) => setShipDate(value ?? undefined)} />
                    <Button type="submit" variant="primary">Save order</Button>
                  </Form>
                </Tab>
                <Tab tabId="review" title="Review">
                  <DescriptionList direction="row">
                    <DescriptionListItem label="Form">{form}</DescriptionListItem>
                    <DescriptionListItem label="Memo">{memo || '—'}</DescriptionListItem>
                  </DescriptionList>
                </Tab>
              </Tabs>
            </ModalBody>
            <ModalFooter>
              <Button onClick={(_event, reactions) => reactions.closeModal('create-order')}>Cancel</Button>
            </ModalFooter>
          </Modal>}>
            Create NetSuite sales order
          </Dropdown.ButtonItem>
        </Dropdown>
        <Button variant="secondary" onClick={() => addAlert('Refreshed')}>Refresh</Button>
      </ButtonRow>
      <Text variant="microcopy" format={{ italic: true }}>Deal {dealId}</Text>
    </Flex>
  );
}

hubspot.extend<'crm.record.tab'>(({ context, actions }) => (
  <ExampleCard dealId={context.crm.objectId} addAlert={(message) => actions.addAlert({ type: 'success', message })} />
));
