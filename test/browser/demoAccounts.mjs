// The demo merchants of the editor screenshots (test/browser/editor.test.mjs, scripts/screenshot-status.mjs).
export const COFFEE = {
	appId: 'wx00000000c0ffee01',
	userName: 'gh_democoffee01',
	nickName: 'Demo Coffee Shop',
};
export const BOOKS = {
	appId: 'wx00000000b00c5002',
	userName: 'gh_demobooks002',
	nickName: 'Demo Bookstore',
};
export const TEA = {
	appId: 'wx00000000fee70003',
	userName: 'gh_demotea00003',
	nickName: 'Demo Tea House',
};
