/**
 * Where the card and the settings page reach the backend.
 *
 * This must stay a single string literal: `salesorders hubspot-project --base-url https://…` (the project
 * generator) replaces it with the deployment's public base URL when it writes the HubSpot project, and the same
 * origin goes into `permittedUrls.fetch`. The `.invalid` top-level domain can never resolve, so an un-generated
 * build fails loudly instead of calling someone else's host.
 */
export const API_BASE_URL = "https://salesorders.invalid";
