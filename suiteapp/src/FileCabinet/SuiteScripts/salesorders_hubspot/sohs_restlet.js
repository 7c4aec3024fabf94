/**
 * NetSuite Sales Orders for HubSpot: the RESTlet the backend calls for what REST web services
 * cannot give it — per-form sales order field metadata, File Cabinet folders and file attachments.
 * The request and answer shapes are docs/netsuite-contract.md ("The RESTlet"); callers send
 * Content-Type: application/json so that NetSuite hands over and returns JSON objects.
 *
 * Governance (5 000 units per call): forms 10, form 10–20, folders 5 + 5 per 1 000 folders,
 * attachFile 50 (70 when an attach failure makes it delete the saved file).
 *
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */
define(['N/log', 'N/runtime', './sohs_errors', './sohs_form_metadata', './sohs_file_cabinet'],
    (log, runtime, errors, formMetadata, fileCabinet) => {
        const INTERNAL_ID = /^-?[1-9]\d*$/;

        const GET_ACTIONS = {
            forms: () => formMetadata.listForms(),
            form: (params) => {
                const id = String(params.id == null ? '' : params.id).trim();
                if (!INTERNAL_ID.test(id)) {
                    errors.fail(errors.Code.INVALID_REQUEST, 'action=form needs id, the internal id of a sales order form.');
                }
                return formMetadata.describeForm(id);
            },
            folders: () => fileCabinet.listFolders(),
        };

        const POST_ACTIONS = {
            attachFile: (body) => fileCabinet.attachFile(body),
        };

        const unknownAction = (action, known) =>
            errors.fail(errors.Code.INVALID_REQUEST, 'Unknown action ' + JSON.stringify(action)
                + '; expected one of ' + Object.keys(known).join(', ') + '.');

        // Own keys only, so "toString" or "__proto__" can never name an action.
        const handlerFor = (actions, action) =>
            typeof action === 'string' && Object.prototype.hasOwnProperty.call(actions, action)
                ? actions[action]
                : unknownAction(action, actions);

        const logUsage = (action) => {
            log.debug({
                title: 'sohs ' + action,
                details: 'remaining usage ' + runtime.getCurrentScript().getRemainingUsage(),
            });
        };

        /** JSON body as an object: NetSuite parses it for application/json, text/plain arrives raw. */
        const parseBody = (requestBody) => {
            if (typeof requestBody !== 'string') return requestBody;
            try {
                return JSON.parse(requestBody);
            } catch (e) {
                return errors.fail(errors.Code.INVALID_REQUEST, 'The request body is not valid JSON.');
            }
        };

        const get = (requestParams) => {
            const params = requestParams || {};
            const answer = handlerFor(GET_ACTIONS, params.action)(params);
            logUsage(params.action);
            return answer;
        };

        const post = (requestBody) => {
            const body = parseBody(requestBody);
            if (body === null || typeof body !== 'object' || Array.isArray(body)) {
                errors.fail(errors.Code.INVALID_REQUEST, 'The request body must be a JSON object with an action.');
            }
            const answer = handlerFor(POST_ACTIONS, body.action)(body);
            logUsage(body.action);
            return answer;
        };

        return { get, post };
    });
