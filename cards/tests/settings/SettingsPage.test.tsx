import { describe, expect, it, vi } from 'vitest';
import { Accordion, Alert, Button, Input, LoadingButton, LoadingSpinner, Modal, Select, TextArea, Tile } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';

import type { Connection } from '../../src/api';
import { SettingsPage } from '../../src/settings/SettingsPage';
import { apiError, backend } from '../backend';
import { makeConnection } from '../factories';
import { allText, fire } from '../text';

vi.mock('@hubspot/ui-extensions', async (importOriginal) =>
  (await import('../mockUiExtensions')).withFakeFetch(await importOriginal()),
);

const CONNECTIONS = '/api/v1/settings/connections';

function openSettings(connections: Connection[]) {
  backend.on('GET', CONNECTIONS, { status: 200, body: { connections } });
  const renderer = createRenderer('settings');
  renderer.render(<SettingsPage context={renderer.mocks.context} actions={renderer.mocks.actions} />);
  return renderer;
}

type Page = ReturnType<typeof openSettings>;

const input = (page: Page, name: string) => page.find(Input, { name });

function fillM2m(page: Page) {
  fire(input(page, 'label'), 'onChange', 'Sandbox');
  fire(input(page, 'accountId'), 'onChange', '1234567_SB1');
  fire(input(page, 'clientId'), 'onChange', 'client-abc');
  fire(input(page, 'certificateId'), 'onChange', 'cert-1');
  fire(page.find(TextArea, { name: 'privateKey' }), 'onChange', '-----BEGIN PRIVATE KEY-----\nMII…\n-----END PRIVATE KEY-----');
}

describe('SettingsPage', () => {
  it('lists connections with label, account id, authentication, credential hint and defaults', async () => {
    const page = openSettings([makeConnection(), makeConnection({ id: 'c-2', label: 'Sandbox', accountId: '1234567_SB1', authKind: 'tba', credentialHint: 'token …9f9f' })]);
    expect(page.findByTestId(LoadingSpinner, 'settings-loading')).toBeDefined();
    await page.waitFor(() => expect(page.findByTestId(Tile, 'connection-c-2')).toBeDefined());

    const production = allText(page.findByTestId(Tile, 'connection-c-1'));
    expect(production).toContain('Production');
    expect(production).toContain('1234567');
    expect(production).toContain('OAuth 2.0 client credentials');
    expect(production).toContain('certificate …a1b2');
    expect(production).toContain('subsidiary 1 · form 68 · price from hubspot · customer from company · folder not set');
    const sandbox = allText(page.findByTestId(Tile, 'connection-c-2'));
    expect(sandbox).toContain('Token-based authentication');
    expect(sandbox).toContain('token …9f9f');
  });

  it('connects an OAuth 2.0 M2M account: the server tests it first, its message is shown', async () => {
    backend.on('POST', CONNECTIONS, (call) => ({
      status: 201,
      body: {
        connection: makeConnection({ id: 'c-9', label: String(call.body?.label), accountId: String(call.body?.accountId) }),
        test: { ok: true, message: 'Connected to NetSuite account 1234567_SB1' },
      },
    }));
    const page = openSettings([]);
    await page.waitFor(() => expect(page.find(Input, { name: 'label' })).toBeDefined());

    expect(page.find(Accordion).props.title).toBe('Set up NetSuite first (admin, once per account)');
    expect(allText(page.find(Accordion))).toContain('Deploy the NetSuite Sales Orders SuiteApp project');
    fillM2m(page);
    fire(input(page, 'restletUrl'), 'onChange', 'https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1');
    page.findByTestId(LoadingButton, 'connect-save').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Tile, 'connection-c-9')).toBeDefined());

    expect(backend.callsTo('POST', CONNECTIONS)[0]?.body).toEqual({
      label: 'Sandbox',
      accountId: '1234567_SB1',
      authKind: 'm2m',
      clientId: 'client-abc',
      certificateId: 'cert-1',
      privateKey: '-----BEGIN PRIVATE KEY-----\nMII…\n-----END PRIVATE KEY-----',
      restletUrl: 'https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1',
    });
    expect(allText(page.findByTestId(Alert, 'connected-alert'))).toContain('Connected to NetSuite account 1234567_SB1');
    expect(page.maybeFind(Input, { name: 'label' })).toBeNull();
  });

  it('connects a token-based account with token ID and secret', async () => {
    backend.on('POST', CONNECTIONS, { status: 201, body: { connection: makeConnection({ authKind: 'tba' }), test: { ok: true, message: 'Connected' } } });
    const page = openSettings([]);
    await page.waitFor(() => expect(page.find(Select, { name: 'authKind' })).toBeDefined());

    fire(page.find(Select, { name: 'authKind' }), 'onChange', 'tba');
    expect(page.maybeFind(Input, { name: 'clientId' })).toBeNull();
    fire(input(page, 'label'), 'onChange', 'Production');
    fire(input(page, 'accountId'), 'onChange', '1234567');
    fire(input(page, 'tokenId'), 'onChange', 'tok');
    fire(input(page, 'tokenSecret'), 'onChange', 'sec');
    expect(input(page, 'tokenSecret').props.type).toBe('password');
    page.findByTestId(LoadingButton, 'connect-save').trigger('onClick');
    await page.waitFor(() => expect(backend.callsTo('POST', CONNECTIONS)).toHaveLength(1));
    expect(backend.callsTo('POST', CONNECTIONS)[0]?.body).toEqual({ label: 'Production', accountId: '1234567', authKind: 'tba', tokenId: 'tok', tokenSecret: 'sec' });
  });

  it('marks empty required inputs without calling the server', async () => {
    const page = openSettings([]);
    await page.waitFor(() => expect(page.find(Input, { name: 'label' })).toBeDefined());
    page.findByTestId(LoadingButton, 'connect-save').trigger('onClick');
    expect(input(page, 'accountId').props.validationMessage).toBe('Required');
    expect(page.find(TextArea, { name: 'privateKey' }).props.validationMessage).toBe('Required');
    expect(input(page, 'restletUrl').props.error).toBe(false);
    expect(backend.callsTo('POST', CONNECTIONS)).toHaveLength(0);
  });

  it.each([
    ['wrong account id', 'accountId', 'No NetSuite account 1234567_SB1 answered. Check the account ID (sandboxes end in _SB1).'],
    ['bad credentials', 'certificateId', 'NetSuite refused the certificate: check the Certificate ID and the private key.'],
    ['missing permission', 'accountId', "The integration role lacks the 'REST Web Services' permission."],
    ['REST web services off', 'accountId', 'REST Web Services is not enabled in this account (Setup ▸ Company ▸ Enable Features ▸ SuiteCloud).'],
    ['RESTlet not deployed', 'restletUrl', 'The RESTlet URL does not answer: deploy the SuiteApp RESTlet and paste its External URL.'],
  ])('shows the server message for %s and points at the input to fix', async (_kind, field, message) => {
    backend.on('POST', CONNECTIONS, apiError(422, 'connection_test_failed', message, { fields: { [field]: message } }));
    const page = openSettings([]);
    await page.waitFor(() => expect(page.find(Input, { name: 'label' })).toBeDefined());
    fillM2m(page);
    page.findByTestId(LoadingButton, 'connect-save').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Alert, 'connect-failure')).toBeDefined());

    const failure = page.findByTestId(Alert, 'connect-failure');
    expect(failure.props.title).toBe('NetSuite did not accept this connection');
    expect(allText(failure)).toContain(message);
    expect(page.find(Input, { name: field }).props).toMatchObject({ error: true, validationMessage: message });
    expect(backend.callsTo('GET', CONNECTIONS)).toHaveLength(1);
  });

  it('sets defaults from lists read from the connection', async () => {
    const option = (value: string, label: string) => ({ value, label });
    backend.on('GET', '/api/v1/connections/c-1/subsidiaries', { status: 200, body: { options: [option('1', 'Honeycomb US'), option('2', 'Honeycomb UK')] } });
    backend.on('GET', '/api/v1/connections/c-1/forms', { status: 200, body: { options: [option('68', 'Standard Sales Order'), option('70', 'Field Sales')] } });
    backend.on('GET', '/api/v1/connections/c-1/folders', { status: 200, body: { options: [option('9', 'Sales orders')] } });
    backend.on('PATCH', `${CONNECTIONS}/c-1`, (call) => ({
      status: 200,
      body: makeConnection({ defaults: call.body?.defaults as Connection['defaults'] }),
    }));
    const page = openSettings([makeConnection()]);
    await page.waitFor(() => expect(page.findByTestId(Button, 'edit-defaults-c-1')).toBeDefined());

    page.findByTestId(Button, 'edit-defaults-c-1').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Select, 'default-subsidiaryId').props.options).toHaveLength(2));
    expect(page.findByTestId(Select, 'default-formId').props.value).toBe('68');
    fire(page.findByTestId(Select, 'default-subsidiaryId'), 'onChange', '2');
    fire(page.findByTestId(Select, 'default-formId'), 'onChange', '70');
    fire(page.findByTestId(Select, 'default-folderId'), 'onChange', '9');
    fire(page.findByTestId(Select, 'default-priceSource'), 'onChange', 'netsuite');
    fire(page.findByTestId(Select, 'default-customerSource'), 'onChange', 'contact');
    page.findByTestId(LoadingButton, 'defaults-save').trigger('onClick');
    await page.waitFor(() => expect(page.maybeFindByTestId(Select, 'default-formId')).toBeNull());

    expect(backend.callsTo('PATCH', `${CONNECTIONS}/c-1`)[0]?.body).toEqual({
      defaults: { subsidiaryId: '2', formId: '70', priceSource: 'netsuite', customerSource: 'contact', folderId: '9' },
    });
    expect(allText(page.findByTestId(Tile, 'connection-c-1'))).toContain('subsidiary 2 · form 70 · price from netsuite · customer from contact · folder 9');
    expect(page.mocks.actions.addAlert.calls[0]?.[0]).toEqual({ type: 'success', message: 'Defaults saved for Production.' });
  });

  it('tests a saved connection and shows what NetSuite said', async () => {
    backend.on('POST', `${CONNECTIONS}/c-1/test`, apiError(502, 'netsuite_auth', 'NetSuite refused the certificate for Production.'));
    const page = openSettings([makeConnection()]);
    await page.waitFor(() => expect(page.findByTestId(LoadingButton, 'test-connection-c-1')).toBeDefined());
    page.findByTestId(LoadingButton, 'test-connection-c-1').trigger('onClick');
    await page.waitFor(() => expect(page.findByTestId(Alert, 'test-result-c-1')).toBeDefined());
    expect(page.findByTestId(Alert, 'test-result-c-1').props.variant).toBe('danger');
    expect(allText(page.findByTestId(Alert, 'test-result-c-1'))).toContain('NetSuite refused the certificate for Production.');
  });

  it("reloads a connection's NetSuite forms and says what happened, or what went wrong", async () => {
    const path = `${CONNECTIONS}/c-1/reload-metadata`;
    const message = 'The next order for Production reads its form fields from NetSuite again.';
    backend.on('POST', path, { status: 200, body: { ok: true, cleared: 3, message } });
    const page = openSettings([makeConnection()]);
    const button = () => page.findByTestId(LoadingButton, 'reload-forms-c-1');
    const result = () => page.findByTestId(Alert, 'reload-result-c-1');
    await page.waitFor(() => expect(button()).toBeDefined());
    expect(button().text).toBe('Reload NetSuite forms');
    button().trigger('onClick');
    await page.waitFor(() => expect(page.maybeFindByTestId(Alert, 'reload-result-c-1')).not.toBeNull());
    expect(result().props.variant).toBe('success');
    expect(allText(result())).toContain(message);
    expect(backend.callsTo('POST', path).map((call) => call.body)).toEqual([{}]);

    backend.on('POST', path, apiError(404, 'connection_not_found', 'This NetSuite connection does not exist.'));
    button().trigger('onClick');
    await page.waitFor(() => expect(result().props.variant).toBe('danger'));
    expect(allText(result())).toContain('This NetSuite connection does not exist.');
    expect(allText(result())).not.toContain(message);
  });

  it('disconnects only after confirmation', async () => {
    backend.on('DELETE', `${CONNECTIONS}/c-1`, { status: 204 });
    const page = openSettings([makeConnection()]);
    await page.waitFor(() => expect(page.findByTestId(Button, 'disconnect-c-1')).toBeDefined());

    const confirm = page.findByTestId(Button, 'disconnect-c-1').props.overlay?.find(Modal);
    expect(confirm?.props.title).toBe('Disconnect Production?');
    expect(backend.callsTo('DELETE', `${CONNECTIONS}/c-1`)).toHaveLength(0);
    page.findByTestId(LoadingButton, 'confirm-disconnect-c-1').trigger('onClick');
    await page.waitFor(() => expect(page.maybeFindByTestId(Tile, 'connection-c-1')).toBeNull());
    expect(page.mocks.actions.closeOverlay.calls).toEqual([['disconnect-c-1']]);
    // With no account left, the connect form is back.
    expect(page.find(Input, { name: 'label' })).toBeDefined();
  });
});
