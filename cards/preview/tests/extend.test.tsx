import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Button, Modal, ModalBody, Text, hubspot, useExtensionActions, useExtensionContext } from '@hubspot/ui-extensions';
import { useCrmProperties } from '@hubspot/ui-extensions/crm';
import { installPreview } from './fixtures.ts';

function mountPoint(id = 'card-root'): HTMLElement {
  const element = document.createElement('div');
  element.id = id;
  document.body.append(element);
  return element;
}

describe('hubspot.extend', () => {
  it('mounts the card with the page context and real actions', async () => {
    installPreview();
    const root = mountPoint();
    const seen: unknown[] = [];
    await act(async () => {
      hubspot.extend<'crm.record.tab'>(({ context, actions }) => {
        seen.push(context);
        return (
          <Button onClick={() => actions.addAlert({ type: 'success', title: 'Created', message: `SO for deal ${context.crm.objectId}` })}>
            Deal {context.crm.objectId}
          </Button>
        );
      });
    });
    expect(seen).toEqual([expect.objectContaining({ crm: { objectId: 4242, objectTypeId: '0-3' }, portal: { id: 987654, timezone: 'Europe/Paris' } })]);
    expect(root.classList.contains('uie-scope')).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Deal 4242' }));
    const toasts = screen.getByRole('status', { name: 'Notifications' });
    expect(toasts.textContent).toContain('Created');
    expect(toasts.textContent).toContain('SO for deal 4242');
    expect(toasts.querySelector('[data-type="success"]')).not.toBeNull();
  });

  it('serves hooks, CRM properties, closeOverlay and announces actions to the page', async () => {
    installPreview();
    mountPoint();
    const announced = vi.fn();
    window.addEventListener('uie-preview:action', (event) => announced((event as CustomEvent).detail));
    let fetched: Record<string, string> | undefined;
    function Card() {
      const context = useExtensionContext<'crm.record.tab'>();
      const actions = useExtensionActions<'crm.record.tab'>();
      const { properties, isLoading } = useCrmProperties(['dealname', 'missing']);
      return (
        <>
          <Text>{isLoading ? 'loading' : `${properties.dealname} / ${String(properties.missing)} / ${context.user.email}`}</Text>
          <Button onClick={async () => { fetched = await actions.fetchCrmObjectProperties(['amount']); }}>Fetch</Button>
          <Button overlay={<Modal id="m" title="Modal"><ModalBody><Button onClick={() => actions.closeOverlay('m')}>Done</Button></ModalBody></Modal>}>Open</Button>
          <Button onClick={() => actions.navigateToPage({ to: '/settings' })}>Settings</Button>
        </>
      );
    }
    await act(async () => hubspot.extend(() => <Card />));
    await waitFor(() => expect(screen.getByText('Big deal / null / rep@example.com')).toBeTruthy());
    await userEvent.click(screen.getByRole('button', { name: 'Fetch' }));
    expect(fetched).toEqual({ amount: '1200' });
    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(announced).toHaveBeenCalledWith({ action: 'closeOverlay', args: 'm' });
    expect(announced).toHaveBeenCalledWith({ action: 'navigateToPage', args: { to: '/settings' } });
  });

  it('says which configuration is missing', () => {
    window.__PREVIEW__ = { mountId: 'nowhere', context: installPreview().context };
    expect(() => hubspot.extend(() => <Text>x</Text>)).toThrow('no element with id "nowhere"');
  });
});
