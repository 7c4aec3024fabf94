/**
 * Error codes of the RESTlet contract (docs/netsuite-contract.md) and one way to throw them.
 *
 * NetSuite renders an N/error thrown out of a RESTlet entry point as HTTP 400 with
 * {"error": {"code": name, "message": message}}, which is exactly what the backend parses.
 *
 * @NApiVersion 2.1
 * @NModuleScope SameAccount
 */
define(['N/error'], (error) => {
    const Code = Object.freeze({
        INVALID_REQUEST: 'INVALID_REQUEST',
        INVALID_FOLDER: 'INVALID_FOLDER',
        RCRD_DSNT_EXIST: 'RCRD_DSNT_EXIST',
        SSS_FILE_CONTENT_SIZE_EXCEEDED: 'SSS_FILE_CONTENT_SIZE_EXCEEDED',
    });

    /**
     * Throws a SuiteScript error with a contract code and a message a person can act on.
     * notifyOff: these are caller mistakes, not script failures worth an e-mail to the script owner.
     */
    const fail = (code, message) => {
        throw error.create({ name: code, message: message, notifyOff: true });
    };

    return { Code, fail };
});
