// The RESTlet against SuiteCloud Unit Testing's N/* stubs (automatic mocks), each action end to end
// through the get/post entry points as NetSuite would call them.
import restlet from 'SuiteScripts/salesorders_hubspot/sohs_restlet';

import record from 'N/record';
import file from 'N/file';
import search from 'N/search';
import error from 'N/error';
import encode from 'N/encode';
import log from 'N/log';
import runtime from 'N/runtime';

jest.mock('N/record');
jest.mock('N/file');
jest.mock('N/search');
jest.mock('N/error');
jest.mock('N/encode');
jest.mock('N/log');
jest.mock('N/runtime');

const MB10 = 10 * 1024 * 1024;

// --- factories -----------------------------------------------------------------------------------

const makeField = ({ id, label, type = 'text', options, ...flags }) => ({
    id,
    label,
    type,
    isMandatory: false,
    isDisplay: true,
    isReadOnly: false,
    ...flags,
    getSelectOptions: jest.fn(() => (options === undefined ? null : options)),
});

const makeOptions = (count, prefix = 'Option') =>
    Array.from({ length: count }, (_, i) => ({ value: i + 1, text: prefix + ' ' + (i + 1) }));

const STANDARD_FORMS = [
    { value: '', text: '' },
    { value: 68, text: 'Standard Sales Order' },
    { value: '121', text: 'Wholesale Order' },
    { value: '135', text: 'Service Contract Order' },
];

/** An unsaved dynamic sales order: body fields, item columns and a customform select. */
const makeSalesOrder = ({ form = '68', forms = STANDARD_FORMS, body = [], columns = [], currentLine = true } = {}) => {
    const state = { customform: form };
    const formName = () => (forms.find((f) => String(f.value) === String(state.customform)) || {}).text;
    const customform = makeField({ id: 'customform', label: 'Custom Form', type: 'select', options: forms });
    const byId = Object.fromEntries(body.map((f) => [f.id, f]));
    const columnById = Object.fromEntries(columns.map((c) => [c.id, c]));
    return {
        getValue: jest.fn(({ fieldId }) => state[fieldId]),
        getText: jest.fn(({ fieldId }) => (fieldId === 'customform' ? formName() : '')),
        setValue: jest.fn(({ fieldId, value }) => {
            state[fieldId] = value;
        }),
        getFields: jest.fn(() => ['customform'].concat(body.map((f) => f.id))),
        getField: jest.fn(({ fieldId }) => (fieldId === 'customform' ? customform : byId[fieldId] || null)),
        selectNewLine: jest.fn(),
        getSublistFields: jest.fn(() => columns.map((c) => c.id)),
        getCurrentSublistField: jest.fn(({ fieldId }) => (currentLine ? columnById[fieldId] || null : null)),
        getSublistField: jest.fn(({ fieldId }) => columnById[fieldId] || null),
        save: jest.fn(),
    };
};

const makeSearch = (rows) => ({ run: () => ({ getRange: jest.fn(() => rows) }) });

/** search.create answering existence checks: which order and folder ids exist. */
const givenExisting = ({ orders = ['501'], folders = ['12'] } = {}) => {
    search.create.mockImplementation(({ type, filters }) => {
        const id = filters[0][2];
        const known = type === search.Type.SALES_ORDER ? orders : folders;
        return makeSearch(known.includes(id) ? [{ id }] : []);
    });
};

const attachBody = (overrides = {}) => ({
    action: 'attachFile',
    salesOrderId: '501',
    folderId: '12',
    fileName: 'quote.pdf',
    fileType: 'PDF',
    contents: Buffer.from('%PDF-1.4 quote').toString('base64'),
    description: 'Quote from HubSpot deal 42',
    ...overrides,
});

const base64OfDecodedSize = (bytes) => {
    // Four base64 characters carry three bytes; padding trims the last group.
    const groups = Math.ceil(bytes / 3);
    const pad = groups * 3 - bytes;
    return 'A'.repeat(groups * 4 - pad) + '='.repeat(pad);
};

/** Runs fn and returns the SuiteScript error it threw (fails the test if it did not throw). */
const thrownBy = (fn) => {
    try {
        fn();
    } catch (e) {
        return e;
    }
    throw new Error('expected an error to be thrown');
};

beforeEach(() => {
    jest.resetAllMocks();
    error.create.mockImplementation(({ name, message }) => Object.assign(new Error(message), { name }));
    runtime.getCurrentScript.mockReturnValue({ getRemainingUsage: () => 4990 });
    search.createColumn.mockImplementation((options) => options);
});

// --- forms ---------------------------------------------------------------------------------------

describe('GET action=forms', () => {
    it('lists the sales order forms the role can use and flags the one a new order starts on', () => {
        record.create.mockReturnValue(makeSalesOrder({ form: '121' }));

        const answer = restlet.get({ action: 'forms' });

        expect(answer).toEqual({
            forms: [
                { id: '68', name: 'Standard Sales Order', isDefault: false },
                { id: '121', name: 'Wholesale Order', isDefault: true },
                { id: '135', name: 'Service Contract Order', isDefault: false },
            ],
        });
        expect(record.create).toHaveBeenCalledWith({ type: 'salesorder', isDynamic: true });
    });

    it('never saves the probe order and logs the remaining governance', () => {
        const order = makeSalesOrder();
        record.create.mockReturnValue(order);

        restlet.get({ action: 'forms' });

        expect(order.save).not.toHaveBeenCalled();
        expect(log.debug).toHaveBeenCalledWith({ title: 'sohs forms', details: 'remaining usage 4990' });
    });
});

// --- form ----------------------------------------------------------------------------------------

describe('GET action=form', () => {
    const wholesaleBody = () => [
        makeField({ id: 'entity', label: 'Customer', type: 'select', isMandatory: true, options: makeOptions(3, 'Customer') }),
        makeField({ id: 'otherrefnum', label: 'PO #', isMandatory: true }),
        makeField({ id: 'custbody_region', label: 'Region', type: 'select', isMandatory: true,
            options: [{ value: '', text: '' }, { value: 1, text: 'West' }, { value: 2, text: 'East' }] }),
        makeField({ id: 'memo', label: 'Memo', type: 'textarea' }),
        makeField({ id: 'custbody_rush', label: 'Rush', type: 'checkbox', isDisplay: false }),
        makeField({ id: 'tranid', label: 'Order #', isReadOnly: true }),
        makeField({ id: 'startdate', label: 'Start Date', type: 'date' }),
        makeField({ id: 'lastmodifieddate', label: 'Last Modified', type: 'datetimetz', isDisabled: true }),
        makeField({ id: 'custbody_odd', label: 'Odd', type: 'somethingnew' }),
        makeField({ id: 'custbody_banner', label: 'Banner', type: 'inlinehtml' }),
        // Plumbing that must never reach a rep:
        makeField({ id: '_eml_nkey_', label: 'Key' }),
        makeField({ id: 'nsapiCT', label: 'CT' }),
        makeField({ id: 'wfPI', label: 'PI' }),
        makeField({ id: 'wfinstances', label: 'Workflows' }),
        makeField({ id: 'externalid', label: 'External ID' }),
        makeField({ id: 'custbody_nolabel', label: '  ' }),
    ];

    const itemColumns = () => [
        makeField({ id: 'item', label: 'Item', type: 'select', isMandatory: true, isDisplay: undefined, options: null }),
        makeField({ id: 'quantity', label: 'Quantity', type: 'float', isDisplay: undefined }),
        makeField({ id: 'rate', label: 'Rate', type: 'currency', isDisplay: undefined }),
        makeField({ id: 'amount', label: 'Amount', type: 'currency', isDisplay: undefined, isVisible: false }),
        makeField({ id: 'custcol_serial_notes', label: 'Serial Notes', type: 'textarea', isDisplay: undefined }),
        makeField({ id: 'lineuniquekey', label: 'Line Unique Key', isDisplay: undefined }),
        makeField({ id: '_sequence', label: 'Seq', isDisplay: undefined }),
    ];

    const byId = (fields) => Object.fromEntries(fields.map((f) => [f.id, f]));

    it('opens the order on the requested form through defaultValues and names the form', () => {
        record.create.mockReturnValue(makeSalesOrder({ form: '121', body: wholesaleBody(), columns: itemColumns() }));

        const answer = restlet.get({ action: 'form', id: '121' });

        expect(record.create).toHaveBeenCalledWith({ type: 'salesorder', isDynamic: true, defaultValues: { customform: '121' } });
        expect(answer.id).toBe('121');
        expect(answer.name).toBe('Wholesale Order');
    });

    it('reports mandatory, displayed and read-only flags per body field', () => {
        record.create.mockReturnValue(makeSalesOrder({ form: '121', body: wholesaleBody(), columns: itemColumns() }));

        const fields = byId(restlet.get({ action: 'form', id: '121' }).bodyFields);

        expect(fields.custbody_region).toEqual({
            id: 'custbody_region', label: 'Region', type: 'select', mandatory: true, displayed: true,
            readOnly: false, help: null, options: [{ value: '1', text: 'West' }, { value: '2', text: 'East' }],
            optionsTruncated: false, optionSource: null,
        });
        expect(fields.otherrefnum).toMatchObject({ mandatory: true, type: 'text', options: null, optionSource: null });
        expect(fields.memo).toMatchObject({ mandatory: false, displayed: true, type: 'textarea' });
        expect(fields.custbody_rush).toMatchObject({ displayed: false, type: 'checkbox' });
        expect(fields.tranid).toMatchObject({ readOnly: true });
        expect(fields.lastmodifieddate).toMatchObject({ readOnly: true, type: 'datetime' });
        expect(fields.custbody_odd.type).toBe('text');
        expect(fields.entity).toMatchObject({ mandatory: true, optionSource: 'customer' });
    });

    it('leaves out internal fields, unlabeled fields, page decoration and the form selector itself', () => {
        record.create.mockReturnValue(makeSalesOrder({ form: '121', body: wholesaleBody(), columns: itemColumns() }));

        const ids = restlet.get({ action: 'form', id: '121' }).bodyFields.map((f) => f.id);

        expect(ids).toEqual(['entity', 'otherrefnum', 'custbody_region', 'memo', 'custbody_rush', 'tranid',
            'startdate', 'lastmodifieddate', 'custbody_odd']);
    });

    it('lists at most 200 options and says when there are more, naming the record type to search', () => {
        const body = [
            makeField({ id: 'salesrep', label: 'Sales Rep', type: 'select', options: makeOptions(201, 'Rep') }),
            makeField({ id: 'custbody_channel', label: 'Channel', type: 'select', options: makeOptions(200) }),
        ];
        record.create.mockReturnValue(makeSalesOrder({ body }));

        const fields = byId(restlet.get({ action: 'form', id: '68' }).bodyFields);

        expect(fields.salesrep.options).toHaveLength(200);
        expect(fields.salesrep.options[199]).toEqual({ value: '200', text: 'Rep 200' });
        expect(fields.salesrep).toMatchObject({ optionsTruncated: true, optionSource: 'employee' });
        expect(fields.custbody_channel.options).toHaveLength(200);
        expect(fields.custbody_channel.optionsTruncated).toBe(false);
    });

    it('treats a select NetSuite shows as a popup (no option list) as truncated', () => {
        const body = [makeField({ id: 'department', label: 'Department', type: 'select', options: null })];
        record.create.mockReturnValue(makeSalesOrder({ body }));

        const [department] = restlet.get({ action: 'form', id: '68' }).bodyFields;

        expect(department).toMatchObject({ options: [], optionsTruncated: true, optionSource: 'department' });
    });

    it('describes the item columns of a new line', () => {
        const order = makeSalesOrder({ form: '135', body: [], columns: itemColumns() });
        record.create.mockReturnValue(order);

        const columns = restlet.get({ action: 'form', id: '135' }).itemFields;

        expect(order.selectNewLine).toHaveBeenCalledWith({ sublistId: 'item' });
        expect(columns.map((c) => c.id)).toEqual(['item', 'quantity', 'rate', 'amount', 'custcol_serial_notes']);
        expect(columns[0]).toMatchObject({ mandatory: true, type: 'select', options: [], optionsTruncated: true, optionSource: 'item' });
        expect(columns[1]).toMatchObject({ type: 'float', displayed: true, options: null });
        expect(columns[3].displayed).toBe(false);
    });

    it('reads columns from line 0 when the current line gives none', () => {
        const order = makeSalesOrder({ columns: itemColumns(), currentLine: false });
        record.create.mockReturnValue(order);

        const columns = restlet.get({ action: 'form', id: '68' }).itemFields;

        expect(order.getSublistField).toHaveBeenCalledWith({ sublistId: 'item', fieldId: 'quantity', line: 0 });
        expect(columns.map((c) => c.id)).toContain('custcol_serial_notes');
    });

    it('sets customform itself when NetSuite rejects it as a default value', () => {
        const order = makeSalesOrder({ form: '68', body: wholesaleBody() });
        record.create.mockImplementation((options) => {
            if (options.defaultValues) throw Object.assign(new Error('bad default'), { name: 'INVALID_FLD_VALUE' });
            return order;
        });

        const answer = restlet.get({ action: 'form', id: '135' });

        expect(order.setValue).toHaveBeenCalledWith({ fieldId: 'customform', value: '135' });
        expect(answer.name).toBe('Service Contract Order');
    });

    it('sets customform itself when NetSuite ignores the default value', () => {
        const order = makeSalesOrder({ form: '68' });
        record.create.mockReturnValue(order);

        restlet.get({ action: 'form', id: '121' });

        expect(record.create).toHaveBeenCalledTimes(1);
        expect(order.setValue).toHaveBeenCalledWith({ fieldId: 'customform', value: '121' });
    });

    it('refuses a form the role cannot use with INVALID_REQUEST', () => {
        const order = makeSalesOrder({ form: '68' });
        record.create.mockReturnValue(order);

        const e = thrownBy(() => restlet.get({ action: 'form', id: '999' }));

        expect(e.name).toBe('INVALID_REQUEST');
        expect(e.message).toBe('The custom form 999 is not a sales order form available to this role.');
        expect(order.setValue).not.toHaveBeenCalled();
    });

    it.each([[undefined], [''], ['abc'], ['12; DROP']])('refuses form id %p with INVALID_REQUEST', (id) => {
        const e = thrownBy(() => restlet.get({ action: 'form', id }));

        expect(e.name).toBe('INVALID_REQUEST');
        expect(record.create).not.toHaveBeenCalled();
    });
});

// --- folders -------------------------------------------------------------------------------------

describe('GET action=folders', () => {
    const folderResult = (id, name, parent) => ({
        id,
        getValue: ({ name: column }) => (column === 'name' ? name : parent),
    });

    it('lists every folder with its parent, page by page', () => {
        const pages = [
            [folderResult('3', 'Documents', ''), folderResult('12', 'Sales Orders', '3')],
            [folderResult('-15', 'SuiteScripts', null)],
        ];
        const paged = { count: 3, pageRanges: [{ index: 0 }, { index: 1 }], fetch: jest.fn(({ index }) => ({ data: pages[index] })) };
        const folderSearch = { runPaged: jest.fn(() => paged) };
        search.create.mockReturnValue(folderSearch);

        const answer = restlet.get({ action: 'folders' });

        expect(answer).toEqual({
            folders: [
                { id: '3', name: 'Documents', parent: null },
                { id: '12', name: 'Sales Orders', parent: '3' },
                { id: '-15', name: 'SuiteScripts', parent: null },
            ],
        });
        expect(search.create).toHaveBeenCalledWith(expect.objectContaining({ type: 'folder' }));
        expect(folderSearch.runPaged).toHaveBeenCalledWith({ pageSize: 1000 });
    });

    it('stops after 20 pages to stay far inside the governance budget', () => {
        const pageRanges = Array.from({ length: 25 }, (_, index) => ({ index }));
        const paged = { count: 25000, pageRanges, fetch: jest.fn(() => ({ data: [folderResult('1', 'F', '')] })) };
        search.create.mockReturnValue({ runPaged: () => paged });

        const answer = restlet.get({ action: 'folders' });

        expect(paged.fetch).toHaveBeenCalledTimes(20);
        expect(answer.folders).toHaveLength(20);
    });
});

// --- attachFile ----------------------------------------------------------------------------------

describe('POST action=attachFile', () => {
    const savedFile = (id = 990) => ({ save: jest.fn(() => id) });

    it('saves the file in the folder and attaches it to the sales order', () => {
        givenExisting();
        const created = savedFile();
        file.create.mockReturnValue(created);
        const body = attachBody();

        const answer = restlet.post(body);

        expect(answer).toEqual({ fileId: '990', attached: true });
        expect(file.create).toHaveBeenCalledWith({
            name: 'quote.pdf',
            fileType: 'PDF',
            contents: body.contents,
            folder: 12,
            description: 'Quote from HubSpot deal 42',
        });
        expect(created.save).toHaveBeenCalledTimes(1);
        expect(record.attach).toHaveBeenCalledWith({
            record: { type: 'file', id: '990' },
            to: { type: 'salesorder', id: '501' },
        });
    });

    it('decodes base64 to text for text file types', () => {
        givenExisting();
        file.create.mockReturnValue(savedFile());
        encode.convert.mockReturnValue('sku,qty\nWIDGET-1,2\n');
        const contents = Buffer.from('sku,qty\nWIDGET-1,2\n').toString('base64');

        restlet.post(attachBody({ fileName: 'lines.csv', fileType: 'csv', contents }));

        expect(encode.convert).toHaveBeenCalledWith({ string: contents, inputEncoding: 'BASE_64', outputEncoding: 'UTF_8' });
        expect(file.create).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'CSV', contents: 'sku,qty\nWIDGET-1,2\n' }));
    });

    it('accepts a JSON body that arrives as text', () => {
        givenExisting();
        file.create.mockReturnValue(savedFile(991));

        expect(restlet.post(JSON.stringify(attachBody()))).toEqual({ fileId: '991', attached: true });
    });

    it('accepts exactly 10 MB of decoded content', () => {
        givenExisting();
        file.create.mockReturnValue(savedFile());

        expect(restlet.post(attachBody({ contents: base64OfDecodedSize(MB10) })).attached).toBe(true);
    });

    it('refuses content over 10 MB with SSS_FILE_CONTENT_SIZE_EXCEEDED before creating anything', () => {
        givenExisting();

        const e = thrownBy(() => restlet.post(attachBody({ contents: base64OfDecodedSize(MB10 + 1) })));

        expect(e.name).toBe('SSS_FILE_CONTENT_SIZE_EXCEEDED');
        expect(e.message).toContain('10485761 bytes');
        expect(file.create).not.toHaveBeenCalled();
        expect(record.attach).not.toHaveBeenCalled();
    });

    it('refuses an unknown sales order with RCRD_DSNT_EXIST', () => {
        givenExisting({ orders: [] });

        const e = thrownBy(() => restlet.post(attachBody()));

        expect(e.name).toBe('RCRD_DSNT_EXIST');
        expect(file.create).not.toHaveBeenCalled();
    });

    it('refuses an unknown folder with INVALID_FOLDER', () => {
        givenExisting({ folders: ['12'] });

        const e = thrownBy(() => restlet.post(attachBody({ folderId: '99' })));

        expect(e.name).toBe('INVALID_FOLDER');
        expect(e.message).toBe('The folder 99 does not exist');
        expect(file.create).not.toHaveBeenCalled();
    });

    it('deletes the saved file when attaching fails, then reports the failure', () => {
        givenExisting();
        file.create.mockReturnValue(savedFile(990));
        record.attach.mockImplementation(() => {
            throw Object.assign(new Error('no permission'), { name: 'INSUFFICIENT_PERMISSION' });
        });

        const e = thrownBy(() => restlet.post(attachBody()));

        expect(e.name).toBe('INSUFFICIENT_PERMISSION');
        expect(file.delete).toHaveBeenCalledWith({ id: '990' });
    });

    it.each([
        ['no sales order', { salesOrderId: undefined }, 'salesOrderId'],
        ['a non-numeric sales order', { salesOrderId: 'SO-1' }, 'salesOrderId'],
        ['no folder', { folderId: undefined }, 'folderId'],
        ['no file name', { fileName: '  ' }, 'fileName'],
        ['an unsupported file type', { fileType: 'EXE' }, 'fileType'],
        ['no contents', { contents: '' }, 'contents'],
        ['contents that are not base64', { contents: 'not base64!' }, 'contents'],
        ['a non-string description', { description: 42 }, 'description'],
    ])('refuses a request with %s as INVALID_REQUEST', (_, overrides, fieldName) => {
        givenExisting();

        const e = thrownBy(() => restlet.post(attachBody(overrides)));

        expect(e.name).toBe('INVALID_REQUEST');
        expect(e.message).toContain(fieldName);
        expect(file.create).not.toHaveBeenCalled();
    });

    it('accepts numeric ids and a negative system folder id', () => {
        givenExisting({ orders: ['501'], folders: ['-10'] });
        file.create.mockReturnValue(savedFile());

        restlet.post(attachBody({ salesOrderId: 501, folderId: -10 }));

        expect(file.create).toHaveBeenCalledWith(expect.objectContaining({ folder: -10 }));
    });
});

// --- routing -------------------------------------------------------------------------------------

describe('unknown actions', () => {
    it.each([[{ action: 'bogus' }], [{}], [{ action: 'toString' }], [undefined]])('GET %p is INVALID_REQUEST', (params) => {
        const e = thrownBy(() => restlet.get(params));

        expect(e.name).toBe('INVALID_REQUEST');
        expect(record.create).not.toHaveBeenCalled();
    });

    it('GET names the actions it knows', () => {
        expect(thrownBy(() => restlet.get({ action: 'bogus' })).message)
            .toBe('Unknown action "bogus"; expected one of forms, form, folders.');
    });

    it.each([[{ action: 'forms' }], [{ action: '__proto__' }], [[]], [null], ['{not json']])('POST %p is INVALID_REQUEST', (body) => {
        expect(thrownBy(() => restlet.post(body)).name).toBe('INVALID_REQUEST');
    });
});
