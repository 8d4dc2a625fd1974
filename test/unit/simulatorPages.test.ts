import { chatPage } from '../../simulator/page';

/** The chat page's script is a template literal: an escape that TypeScript eats breaks the whole page. */
describe('simulator chat page', () => {
	const html = chatPage();
	const script = html.slice(
		html.indexOf('<script>') + '<script>'.length,
		html.indexOf('</script>'),
	);

	it('ships a script that parses', () => {
		expect(script.length).toBeGreaterThan(1000);
		expect(() => new Function(script)).not.toThrow();
	});

	it('explains an answer without a reply and a missing URL in plain words', () => {
		expect(script).toContain('No reply: no active workflow answers this');
		expect(script).toContain('Paste the');
		expect(script).toContain('does not know this URL');
	});
});
