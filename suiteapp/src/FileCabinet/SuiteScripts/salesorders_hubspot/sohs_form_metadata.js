/**
 * Sales order custom forms as the integration role sees them: the list of forms, and for one form
 * its body fields and item columns with the per-form flags the REST metadata catalog lacks.
 *
 * Everything is read from an unsaved dynamic-mode sales order (record.create, 10 units; never saved),
 * because only a record instance knows which form it uses and what that form marks mandatory.
 *
 * @NApiVersion 2.1
 * @NModuleScope SameAccount
 */
define(['N/record', 'N/log', './sohs_errors'], (record, log, errors) => {
    const SALES_ORDER = record.Type.SALES_ORDER;
    const ITEM_SUBLIST = 'item';
    const MAX_OPTIONS = 200;

    // NetSuite Field.type values mapped onto the contract's vocabulary; absent types pass through
    // lower-cased only when the contract knows them, otherwise they are described as plain text.
    const CONTRACT_TYPES = new Set([
        'text', 'textarea', 'longtext', 'richtext', 'email', 'phone', 'url', 'integer', 'float',
        'currency', 'percent', 'date', 'datetime', 'timeofday', 'checkbox', 'select', 'multiselect',
    ]);
    const TYPE_ALIASES = {
        datetimetz: 'datetime',
        posinteger: 'integer',
        posfloat: 'float',
        currency2: 'currency',
        radio: 'select',
    };
    // Types that carry no value a rep could enter (page decoration, help text holders).
    const NON_INPUT_TYPES = new Set(['inlinehtml', 'label', 'help', 'image', 'password', 'summary']);

    // Body fields that are plumbing of the NetSuite UI or that the backend sets itself.
    const HIDDEN_FIELD_IDS = new Set([
        'id', 'type', 'ntype', 'baserecordtype', 'customform', 'externalid', 'entryformquerystring',
        'selectedtab', 'templatestored', 'customwhence', 'whence', 'version', 'linenumber', 'haslines',
        'nsbrowserenv', 'submitnext_t', 'submitnext_y', 'nluser', 'nlrole', 'nldept', 'nlloc', 'nlsub',
        'wfinstances', 'sys_id', 'sys_parentid', 'lineuniquekey',
    ]);
    const HIDDEN_FIELD_PREFIXES = ['_', 'nsapi', 'sys_'];
    const WORKFLOW_STATE_FIELD = /^wf[A-Z]{2}$/; // wfPI, wfSR, wfVF, wfFC, wfPS: workflow engine state

    // Record types behind well-known standard select fields, for searching when the list is long.
    // N/record exposes no source record type for a field, so custom fields stay null.
    const OPTION_SOURCES = {
        entity: 'customer',
        salesrep: 'employee',
        partner: 'partner',
        department: 'department',
        class: 'classification',
        location: 'location',
        subsidiary: 'subsidiary',
        currency: 'currency',
        terms: 'term',
        opportunity: 'opportunity',
        item: 'item',
        price: 'pricelevel',
    };

    /** True when a field id is something a rep could meaningfully see or fill in. */
    const isUserFacing = (fieldId) => {
        if (typeof fieldId !== 'string' || fieldId === '') return false;
        if (HIDDEN_FIELD_IDS.has(fieldId)) return false;
        if (HIDDEN_FIELD_PREFIXES.some((prefix) => fieldId.startsWith(prefix))) return false;
        return !WORKFLOW_STATE_FIELD.test(fieldId);
    };

    const contractType = (nsType) => {
        const type = String(nsType || '').toLowerCase();
        if (CONTRACT_TYPES.has(type)) return type;
        return TYPE_ALIASES[type] || 'text';
    };

    const newSalesOrder = (defaultValues) =>
        record.create(defaultValues
            ? { type: SALES_ORDER, isDynamic: true, defaultValues: defaultValues }
            : { type: SALES_ORDER, isDynamic: true });

    /**
     * Options of a select field, bounded. getSelectOptions answers null when the list is too long
     * for a dropdown (NetSuite turns it into a popup, cap 500) or the field is not on the form,
     * and throws a TypeError for fields it does not support: all of those mean "not listed here".
     */
    const selectOptions = (field) => {
        let all;
        try {
            all = field.getSelectOptions();
        } catch (e) {
            log.debug({ title: 'getSelectOptions unsupported', details: field.id + ': ' + e });
            all = null;
        }
        if (!Array.isArray(all)) return { options: [], optionsTruncated: true };
        const listed = all.filter((option) => option && option.value !== '' && option.value != null);
        return {
            options: listed.slice(0, MAX_OPTIONS).map((option) => ({
                value: String(option.value),
                text: String(option.text),
            })),
            optionsTruncated: listed.length > MAX_OPTIONS,
        };
    };

    const flag = (value, fallback) => (typeof value === 'boolean' ? value : fallback);

    /** One contract Field from an N/record Field, or null when it is not for a rep's eyes. */
    const describeField = (field, fieldId) => {
        if (!field) return null;
        const label = typeof field.label === 'string' ? field.label.trim() : '';
        const nsType = String(field.type || '').toLowerCase();
        if (label === '' || NON_INPUT_TYPES.has(nsType)) return null;
        const type = contractType(nsType);
        const isSelect = type === 'select' || type === 'multiselect';
        const listed = isSelect ? selectOptions(field) : { options: null, optionsTruncated: false };
        return {
            id: fieldId,
            label: label,
            type: type,
            mandatory: field.isMandatory === true,
            // isDisplay is documented for body fields in dynamic mode; columns may only have isVisible.
            displayed: flag(field.isDisplay, flag(field.isVisible, true)),
            readOnly: field.isReadOnly === true || field.isDisabled === true,
            // N/record documents no help property; use one only if the runtime provides it.
            help: typeof field.help === 'string' && field.help !== '' ? field.help : null,
            options: listed.options,
            optionsTruncated: listed.optionsTruncated,
            optionSource: isSelect ? OPTION_SOURCES[fieldId] || null : null,
        };
    };

    const formOptions = (rec) => {
        const field = rec.getField({ fieldId: 'customform' });
        const options = field ? field.getSelectOptions() : null;
        return (Array.isArray(options) ? options : [])
            .filter((option) => option && option.value !== '' && option.value != null)
            .map((option) => ({ id: String(option.value), name: String(option.text) }));
    };

    /** GET action=forms: sales order forms the role may use; the role's preferred form is the default. */
    const listForms = () => {
        const rec = newSalesOrder(null);
        const defaultId = String(rec.getValue({ fieldId: 'customform' }) || '');
        return {
            forms: formOptions(rec).map((form) => ({
                id: form.id,
                name: form.name,
                isDefault: form.id === defaultId,
            })),
        };
    };

    /**
     * A dynamic sales order on the requested form. defaultValues.customform is the natural way, but
     * it is not confirmed for every account; when NetSuite rejects or ignores it, set the field instead
     * after checking the form is one the role can use (so a stale id gets a clear message).
     */
    const salesOrderOnForm = (formId) => {
        let rec = null;
        try {
            rec = newSalesOrder({ customform: formId });
        } catch (e) {
            log.debug({ title: 'customform default value rejected', details: formId + ': ' + e });
        }
        if (rec && String(rec.getValue({ fieldId: 'customform' })) === formId) return rec;
        rec = rec || newSalesOrder(null);
        if (!formOptions(rec).some((form) => form.id === formId)) {
            errors.fail(errors.Code.INVALID_REQUEST,
                'The custom form ' + formId + ' is not a sales order form available to this role.');
        }
        rec.setValue({ fieldId: 'customform', value: formId });
        return rec;
    };

    const bodyFields = (rec) =>
        (rec.getFields() || [])
            .filter(isUserFacing)
            .map((fieldId) => describeField(rec.getField({ fieldId: fieldId }), fieldId))
            .filter(Boolean);

    const itemColumn = (rec, fieldId) => {
        const options = { sublistId: ITEM_SUBLIST, fieldId: fieldId };
        const current = rec.getCurrentSublistField(options);
        return current || rec.getSublistField({ sublistId: ITEM_SUBLIST, fieldId: fieldId, line: 0 });
    };

    const itemFields = (rec) => {
        // A selected new line gives the columns the form shows for a line being entered.
        rec.selectNewLine({ sublistId: ITEM_SUBLIST });
        return (rec.getSublistFields({ sublistId: ITEM_SUBLIST }) || [])
            .filter(isUserFacing)
            .map((fieldId) => describeField(itemColumn(rec, fieldId), fieldId))
            .filter(Boolean);
    };

    /** GET action=form&id=: one form's body fields and item columns. */
    const describeForm = (formId) => {
        const rec = salesOrderOnForm(formId);
        return {
            id: formId,
            name: String(rec.getText({ fieldId: 'customform' }) || ''),
            bodyFields: bodyFields(rec),
            itemFields: itemFields(rec),
        };
    };

    return { listForms, describeForm, isUserFacing, MAX_OPTIONS };
});
