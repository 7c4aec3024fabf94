/**
 * File Cabinet side of the contract: list folders, and store a file then attach it to a sales order.
 *
 * REST record v1 cannot upload file content, which is why attachments go through this RESTlet.
 * Governance of one attach: order search 10 + folder search 10 + File.save 20 + record.attach 10 = 50.
 *
 * @NApiVersion 2.1
 * @NModuleScope SameAccount
 */
define(['N/file', 'N/record', 'N/search', 'N/encode', 'N/log', './sohs_errors'],
    (file, record, search, encode, log, errors) => {
        const MAX_FILE_BYTES = 10 * 1024 * 1024; // N/file content limit (SSS_FILE_CONTENT_SIZE_EXCEEDED)
        const FOLDER_PAGE_SIZE = 1000; // the maximum runPaged page size
        const MAX_FOLDER_PAGES = 20; // 20 000 folders, 5 + 20 * 5 = 105 units at most

        // Contract fileType names. Text types take their contents as text, binary ones as base64.
        const TEXT_TYPES = new Set(['PLAINTEXT', 'CSV']);
        const BINARY_TYPES = new Set([
            'PDF', 'PNGIMAGE', 'JPGIMAGE', 'GIFIMAGE', 'EXCEL', 'WORD', 'POWERPOINT', 'ZIP', 'MISCBINARY',
        ]);
        const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

        /** GET action=folders: every File Cabinet folder the role can see, with its parent. */
        const listFolders = () => {
            const paged = search.create({
                type: search.Type.FOLDER,
                columns: [search.createColumn({ name: 'name', sort: search.Sort.ASC }), 'parent'],
            }).runPaged({ pageSize: FOLDER_PAGE_SIZE });
            const folders = [];
            const ranges = paged.pageRanges.slice(0, MAX_FOLDER_PAGES);
            if (paged.pageRanges.length > MAX_FOLDER_PAGES) {
                log.audit({ title: 'folders truncated', details: paged.count + ' folders, listed ' + ranges.length * FOLDER_PAGE_SIZE });
            }
            ranges.forEach((range) => {
                paged.fetch({ index: range.index }).data.forEach((result) => {
                    const parent = result.getValue({ name: 'parent' });
                    folders.push({
                        id: String(result.id),
                        name: String(result.getValue({ name: 'name' })),
                        parent: parent === '' || parent == null ? null : String(parent),
                    });
                });
            });
            return { folders: folders };
        };

        const exists = (type, id, extraFilters) => {
            const filters = [['internalid', 'anyof', id]].concat(extraFilters || []);
            const found = search.create({ type: type, filters: filters, columns: ['internalid'] })
                .run().getRange({ start: 0, end: 1 });
            return Array.isArray(found) && found.length > 0;
        };

        /** Bytes that base64 text decodes to, without decoding it (4 characters carry 3 bytes). */
        const decodedSize = (base64) => {
            const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
            return (base64.length / 4) * 3 - padding;
        };

        const requireString = (body, name) => {
            const value = body[name];
            if (typeof value !== 'string' || value.trim() === '') {
                errors.fail(errors.Code.INVALID_REQUEST, name + ' is required and must be a non-empty string.');
            }
            return value.trim();
        };

        const requireId = (body, name, pattern) => {
            const raw = body[name];
            const value = typeof raw === 'number' ? String(raw) : raw;
            if (typeof value !== 'string' || !pattern.test(value.trim())) {
                errors.fail(errors.Code.INVALID_REQUEST, name + ' must be a NetSuite internal id, got ' + JSON.stringify(raw) + '.');
            }
            return value.trim();
        };

        /** Checks an attachFile body and returns it normalised; throws INVALID_REQUEST on the first problem. */
        const parseAttachRequest = (body) => {
            const salesOrderId = requireId(body, 'salesOrderId', /^[1-9]\d*$/);
            // System folders (SuiteScripts, Attachments Received, …) have negative ids.
            const folderId = requireId(body, 'folderId', /^-?[1-9]\d*$/);
            const fileName = requireString(body, 'fileName');
            const fileType = requireString(body, 'fileType').toUpperCase();
            if (!TEXT_TYPES.has(fileType) && !BINARY_TYPES.has(fileType)) {
                errors.fail(errors.Code.INVALID_REQUEST, 'fileType ' + fileType + ' is not one of '
                    + Array.from(TEXT_TYPES).concat(Array.from(BINARY_TYPES)).join(', ') + '.');
            }
            const contents = requireString(body, 'contents').replace(/\s+/g, '');
            if (contents.length % 4 !== 0 || !BASE64.test(contents)) {
                errors.fail(errors.Code.INVALID_REQUEST, 'contents must be base64-encoded file content.');
            }
            const description = body.description == null ? '' : body.description;
            if (typeof description !== 'string') {
                errors.fail(errors.Code.INVALID_REQUEST, 'description must be a string when given.');
            }
            return { salesOrderId, folderId, fileName, fileType, contents, description };
        };

        // MISCBINARY is a File Cabinet type NetSuite lists for unknown binaries; it is missing from
        // the documented file.Type enum, so its name is passed through as is (UNCONFIRMED).
        const netsuiteFileType = (name) => file.Type[name] || name;

        /** POST action=attachFile: saves the file in the folder and attaches it to the order. */
        const attachFile = (body) => {
            const request = parseAttachRequest(body);
            const bytes = decodedSize(request.contents);
            if (bytes > MAX_FILE_BYTES) {
                errors.fail(errors.Code.SSS_FILE_CONTENT_SIZE_EXCEEDED, 'The file ' + request.fileName + ' is '
                    + bytes + ' bytes; NetSuite accepts at most ' + MAX_FILE_BYTES + ' bytes (10 MB).');
            }
            // Both checks come before File.save so a refused request leaves no orphan file behind.
            if (!exists(search.Type.SALES_ORDER, request.salesOrderId, ['AND', ['mainline', 'is', 'T']])) {
                errors.fail(errors.Code.RCRD_DSNT_EXIST, 'The sales order ' + request.salesOrderId + ' does not exist.');
            }
            if (!exists(search.Type.FOLDER, request.folderId)) {
                errors.fail(errors.Code.INVALID_FOLDER, 'The folder ' + request.folderId + ' does not exist');
            }
            const contents = TEXT_TYPES.has(request.fileType)
                ? encode.convert({
                    string: request.contents,
                    inputEncoding: encode.Encoding.BASE_64,
                    outputEncoding: encode.Encoding.UTF_8,
                })
                : request.contents;
            const fileId = String(file.create({
                name: request.fileName,
                fileType: netsuiteFileType(request.fileType),
                contents: contents,
                folder: Number(request.folderId),
                description: request.description,
            }).save());
            try {
                record.attach({
                    record: { type: 'file', id: fileId },
                    to: { type: record.Type.SALES_ORDER, id: request.salesOrderId },
                });
            } catch (e) {
                // Do not leave a file nobody will find; the caller may safely retry the whole request.
                file.delete({ id: fileId });
                throw e;
            }
            return { fileId: fileId, attached: true };
        };

        return { listFolders, attachFile, MAX_FILE_BYTES };
    });
