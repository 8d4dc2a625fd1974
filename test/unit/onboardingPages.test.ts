import { authorizePage } from '../../nodes/WeChatOpenPlatformTrigger/pages';

describe('the onboarding page', () => {
	const links = { pcUrl: 'https://example.invalid/pc', mobileUrl: 'https://example.invalid/m' };

	test('names the platform when Platform Name is set, escaped', () => {
		const page = authorizePage({
			...links,
			mobileFirst: false,
			platformName: 'Acme <Shop> Builder',
		});
		expect(page).toContain('to <b>Acme &lt;Shop&gt; Builder</b>.');
		expect(page).not.toContain('our platform');
	});

	test('without a name says where the link came from, not "our platform"', () => {
		const page = authorizePage({ ...links, mobileFirst: true });
		expect(page).toContain('to the platform that sent you this link.');
		expect(page).not.toContain('our platform');
	});
});
