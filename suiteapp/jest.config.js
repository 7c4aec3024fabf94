// Jest through SuiteCloud Unit Testing: AMD SuiteScript is transpiled and every N/* module resolves
// to the library's stubs, which jest.mock() turns into automatic mocks.
const SuiteCloudJestConfiguration = require('@oracle/suitecloud-unit-testing/jest-configuration/SuiteCloudJestConfiguration');

module.exports = SuiteCloudJestConfiguration.build({
	projectFolder: 'src',
	projectType: SuiteCloudJestConfiguration.ProjectType.ACP,
});
