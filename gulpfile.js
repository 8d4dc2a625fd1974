// Icons and codex files (*.node.json: categories, aliases) are not TypeScript, so tsc does not
// copy them; n8n loads them from dist next to each node.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(
		['icons/*.svg', 'nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'],
		{ base: '.', encoding: false },
	).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
