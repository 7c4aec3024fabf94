import { Accordion, Flex, List, Text } from '@hubspot/ui-extensions';

const PERMISSIONS = [
  'Transactions ▸ Sales Order: Full',
  'Transactions ▸ Find Transaction: View',
  'Lists ▸ Customers: Full (to create customers from HubSpot)',
  'Lists ▸ Items: View',
  'Lists ▸ Subsidiaries: View',
  'Lists ▸ Currency: View',
  'Lists ▸ Documents and Files: Edit (for attachments)',
  'Reports ▸ SuiteAnalytics Workbook: Edit (SuiteQL)',
  'Setup ▸ REST Web Services: Full',
];

/** What an admin does in NetSuite before the connect form can succeed, for the chosen authentication. */
export function SetupSteps({ authKind }: { authKind: 'tba' | 'm2m' }) {
  const login =
    authKind === 'tba' ? 'Setup ▸ Log in using Access Tokens: Full' : 'Setup ▸ Log in using OAuth 2.0 Access Tokens: Full';
  return (
    <Accordion title="Set up NetSuite first (admin, once per account)" defaultOpen={false} size="small">
      <Flex direction="column" gap="sm">
        <Text format={{ fontWeight: 'demibold' }}>1. Enable features</Text>
        <Text>
          Setup ▸ Company ▸ Enable Features ▸ SuiteCloud: REST Web Services, Server SuiteScript, and{' '}
          {authKind === 'tba' ? 'Token-based Authentication' : 'OAuth 2.0'}.
        </Text>
        <Text format={{ fontWeight: 'demibold' }}>2. Create an integration role with these permissions</Text>
        <List variant="unordered">
          {[...PERMISSIONS, login].map((permission) => (
            <Text key={permission}>{permission}</Text>
          ))}
        </List>
        <Text>Assign the role to the user the integration runs as.</Text>
        <Text format={{ fontWeight: 'demibold' }}>3. Create the integration and its credentials</Text>
        {authKind === 'tba' ? (
          <Text>
            Setup ▸ Integration ▸ Manage Integrations ▸ New, with Token-based Authentication checked. Then Setup ▸ Users/Roles ▸
            Access Tokens ▸ New for that integration, user and role: copy the Token ID and Token Secret (shown once).
          </Text>
        ) : (
          <Text>
            Setup ▸ Integration ▸ Manage Integrations ▸ New, with the Client Credentials (machine to machine) grant and the REST web
            services, RESTlets and SuiteAnalytics scopes: copy the Client ID. Then Setup ▸ Integration ▸ OAuth 2.0 Client Credentials
            (M2M) Setup: upload the certificate for that integration and role, and copy its Certificate ID. Paste the matching private
            key (PEM) below.
          </Text>
        )}
        <Text format={{ fontWeight: 'demibold' }}>4. Deploy the SuiteApp RESTlet</Text>
        <Text>
          Deploy the NetSuite Sales Orders SuiteApp project (it reads custom form layouts and attaches files), then open its script
          deployment and paste the External URL in "RESTlet URL". Without it, forms fall back to NetSuite's metadata catalog and
          attachments are skipped.
        </Text>
      </Flex>
    </Accordion>
  );
}
