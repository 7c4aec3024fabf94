// SuiteCloud CLI project settings: the Account Customization Project lives in src/.
module.exports = {
	defaultProjectFolder: 'src',
	commands: {},
};
