'use strict';

// Runs the Strapi example's middleware as Strapi v5 would (registered by
// src/index.js through `strapi.documents.use`, called with a `publish`
// context), against a real `coquille serve` started here on 127.0.0.1.
// Strapi itself is not installed: `strapi` is a fake holding the schema of an
// article (modelled on the `article` type of Strapi 5's example blog: title,
// description, slug, cover, a dynamic zone of shared components, plus a Blocks
// body and an SEO component) and the drafts `findOne` returns.
//
//   COQUILLE_BIN=target/release/coquille node --test integrations/strapi/test/
// (without COQUILLE_BIN: target/release/coquille, then target/debug/coquille;
// the test fails if neither exists)

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../../..');
const PORT = Number(process.env.COQUILLE_TEST_PORT || 18190);
const TOKEN = 'strapi-test-token';
const ARTICLE = 'api::article.article';

const COMPONENTS = {
	'shared.rich-text': { uid: 'shared.rich-text', attributes: { body: { type: 'richtext' } } },
	'shared.quote': { uid: 'shared.quote', attributes: { title: { type: 'string' }, body: { type: 'text' } } },
	'shared.media': { uid: 'shared.media', attributes: { file: { type: 'media', multiple: false } } },
	'shared.seo': {
		uid: 'shared.seo',
		attributes: { metaTitle: { type: 'string' }, metaDescription: { type: 'text' }, shareImage: { type: 'media' } },
	},
};
const ARTICLE_SCHEMA = {
	uid: ARTICLE,
	kind: 'collectionType',
	options: { draftAndPublish: true },
	attributes: {
		title: { type: 'string' },
		description: { type: 'text', maxLength: 80 },
		slug: { type: 'uid', targetField: 'title' },
		cover: { type: 'media', multiple: false },
		body: { type: 'blocks' },
		blocks: { type: 'dynamiczone', components: ['shared.media', 'shared.quote', 'shared.rich-text'] },
		seo: { type: 'component', repeatable: false, component: 'shared.seo' },
		views: { type: 'integer' },
	},
};

function paragraphs(file) {
	const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
	return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}
const toBlocks = (ps) => ps.map((p) => ({ type: 'paragraph', children: [{ type: 'text', text: p }] }));

// The sample: title from the headline, the article as Blocks paragraphs, one
// paragraph in a rich-text component of the dynamic zone.
const sample = paragraphs('data/samples/allinfo-poutine-bielorussie.txt');
const SAMPLE_DRAFT = {
	documentId: 'sample',
	title: sample[1],
	description: sample[2],
	slug: 'poutine-bielorussie',
	body: toBlocks(sample.slice(3, -1)),
	blocks: [{ __component: 'shared.rich-text', id: 1, body: sample[sample.length - 1] }],
	views: 0,
};
const clean = paragraphs('crates/coquille/tests/fixtures/clean/culture.txt');
const CLEAN_DRAFT = {
	documentId: 'clean',
	title: clean[0],
	description: 'Vingt-deux films en compétition, dont trois premiers longs métrages.',
	slug: 'cannes',
	cover: { alternativeText: 'Le tapis rouge du palais des Festivals, à Cannes.', caption: 'Cannes, le soir de l’ouverture.' },
	body: toBlocks(clean.slice(1)),
	blocks: [{ __component: 'shared.quote', id: 2, title: 'Le président du jury', body: 'Le cinéma reste une fête.' }],
	seo: { metaTitle: clean[0], metaDescription: 'La sélection officielle du festival de Cannes.' },
};

function fakeStrapi(drafts) {
	const middlewares = [];
	const findOne = [];
	const warnings = [];
	const documents = (uid) => ({
		findOne: async (params) => {
			findOne.push({ uid, ...params });
			return drafts[`${params.documentId}:${params.locale || ''}`] || drafts[params.documentId] || null;
		},
	});
	documents.use = (middleware) => {
		middlewares.push(middleware);
		return documents;
	};
	const strapi = {
		documents,
		components: COMPONENTS,
		getModel: (uid) => (uid === ARTICLE ? ARTICLE_SCHEMA : COMPONENTS[uid]),
		log: { warn: (m) => warnings.push(m), info() {}, error() {} },
	};
	// A Document Service call through the middleware stack, as Strapi runs it.
	const run = (action, uid, params) => {
		const context = { action, uid, params, contentType: strapi.getModel(uid) };
		let i = 0;
		const next = async () => (i < middlewares.length ? middlewares[i++](context, next) : { documentId: params.documentId, action, done: true });
		return next();
	};
	return { strapi, run, findOne, warnings };
}

let server;
function binary() {
	const candidates = [process.env.COQUILLE_BIN, path.join(ROOT, 'target/release/coquille'), path.join(ROOT, 'target/debug/coquille')];
	const found = candidates.find((c) => c && fs.existsSync(c));
	if (!found) throw new Error('coquille binary not found: run `cargo build -p coquille-cli` or set COQUILLE_BIN');
	return found;
}

before(async () => {
	server = spawn(binary(), ['serve', '--addr', `127.0.0.1:${PORT}`], {
		env: { ...process.env, COQUILLE_API_TOKEN: TOKEN, COQUILLE_LOG: 'warn' },
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const end = Date.now() + 30000;
	for (;;) {
		try {
			if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) break;
		} catch {
			// not up yet
		}
		if (Date.now() > end) throw new Error('coquille serve did not start');
		await new Promise((r) => setTimeout(r, 200));
	}
});
after(() => server && server.kill());

// A fake Strapi with the example's src/index.js registered, configured by
// the environment as in a real deployment.
function registered(drafts, env = {}) {
	const wanted = { COQUILLE_URL: `http://127.0.0.1:${PORT}`, COQUILLE_API_TOKEN: TOKEN, COQUILLE_GATE_POLICY: '', ...env };
	const saved = Object.fromEntries(Object.keys(wanted).map((k) => [k, process.env[k]]));
	Object.assign(process.env, wanted);
	const fake = fakeStrapi(drafts);
	try {
		require('../src/index.js').register({ strapi: fake.strapi });
	} finally {
		for (const [k, v] of Object.entries(saved)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
	}
	return fake;
}

test('publishing the sample article throws with the findings; the publication is not reached', async () => {
	const { run, findOne } = registered({ sample: SAMPLE_DRAFT });
	await assert.rejects(run('publish', ARTICLE, { documentId: 'sample', locale: 'fr' }), (error) => {
		assert.equal(error.name, 'ApplicationError');
		assert.match(error.message, /^Not published: Coquille found \d+ problems/);
		assert.equal(error.details.verdict, 'fail');
		assert.ok(error.details.findings.length > 0);
		assert.ok(error.details.findings.some((f) => f.field === 'body' && f.severity === 'error'), 'findings in the Blocks body');
		for (const f of error.details.findings) assert.ok(f.text && f.message && f.rule, JSON.stringify(f));
		console.log(`sample: ${error.message}`);
		for (const f of error.details.findings.slice(0, 5)) console.log(`  ${f.field} · ${f.rule}: «${f.text}» → ${JSON.stringify(f.suggestion)}`);
		return true;
	});
	assert.equal(findOne.length, 1);
	assert.deepEqual(
		{ status: findOne[0].status, locale: findOne[0].locale, populate: findOne[0].populate },
		{
			status: 'draft',
			locale: 'fr',
			populate: {
				cover: true,
				blocks: { on: { 'shared.media': { populate: { file: true } }, 'shared.quote': true, 'shared.rich-text': true } },
				seo: { populate: { shareImage: true } },
			},
		},
	);
});

test('a careful French article is published', async () => {
	const { run } = registered({ clean: CLEAN_DRAFT });
	const result = await run('publish', ARTICLE, { documentId: 'clean' });
	assert.deepEqual(result, { documentId: 'clean', action: 'publish', done: true });
});

test('other actions and other content types are not checked', async () => {
	const { run, findOne } = registered({ sample: SAMPLE_DRAFT }, { COQUILLE_URL: 'http://127.0.0.1:9' });
	assert.equal((await run('update', ARTICLE, { documentId: 'sample' })).done, true);
	assert.equal((await run('publish', 'api::page.page', { documentId: 'sample' })).done, true);
	assert.equal(findOne.length, 0);
});

test('each locale of a publication is checked; a failing one names its locale', async () => {
	const { run, findOne } = registered({ 'sample:fr-CA': SAMPLE_DRAFT, 'clean:fr-FR': CLEAN_DRAFT, 'sample:fr-FR': CLEAN_DRAFT });
	await assert.rejects(run('publish', ARTICLE, { documentId: 'sample', locale: ['fr-FR', 'fr-CA'] }), (error) => {
		assert.equal(error.details.locale, 'fr-CA');
		assert.match(error.message, / in fr-CA: «/);
		return true;
	});
	assert.deepEqual(findOne.map((c) => c.locale), ['fr-FR', 'fr-CA']);
});

test('an alt text or a caption in Blocks is checked', async () => {
	const draft = {
		documentId: 'image',
		title: 'Une photo',
		body: [{ type: 'image', image: { url: '/u/a.jpg', alternativeText: 'Le port de Marseille , au lever du jour.', caption: null }, children: [{ type: 'text', text: '' }] }],
	};
	const { run } = registered({ image: draft });
	await assert.rejects(run('publish', ARTICLE, { documentId: 'image' }), (error) => {
		assert.ok(error.details.findings.some((f) => f.field === 'body' && f.rule === 'space-before-punctuation'), JSON.stringify(error.details.findings));
		return true;
	});
});

test('gate down: fail-closed throws, fail-open publishes and logs', async () => {
	const down = { COQUILLE_URL: 'http://127.0.0.1:9' };
	const closed = registered({ clean: CLEAN_DRAFT }, down);
	await assert.rejects(closed.run('publish', ARTICLE, { documentId: 'clean' }), (error) => {
		assert.match(error.message, /^Not published: the language check is unavailable/);
		assert.ok(error.details.outage);
		return true;
	});
	const open = registered({ clean: CLEAN_DRAFT }, { ...down, COQUILLE_GATE_POLICY: 'fail_open' });
	assert.equal((await open.run('publish', ARTICLE, { documentId: 'clean' })).done, true);
	assert.equal(open.warnings.length, 1);
	assert.match(open.warnings[0], /published unchecked/);
});

test('a wrong token is an outage, not a pass', async () => {
	const { run } = registered({ clean: CLEAN_DRAFT }, { COQUILLE_API_TOKEN: 'wrong' });
	await assert.rejects(run('publish', ARTICLE, { documentId: 'clean' }), /HTTP 401/);
});

test('a gate that never answers is cut off by the timeout', async () => {
	const sockets = [];
	const hang = net.createServer((s) => sockets.push(s));
	await new Promise((r) => hang.listen(0, '127.0.0.1', r));
	const { coquilleGate } = require('../src/coquille-gate');
	const fake = fakeStrapi({ clean: CLEAN_DRAFT });
	fake.strapi.documents.use(coquilleGate({ strapi: fake.strapi, uids: [ARTICLE], url: `http://127.0.0.1:${hang.address().port}`, timeoutMs: 500, failOpen: false }));
	const started = Date.now();
	await assert.rejects(fake.run('publish', ARTICLE, { documentId: 'clean' }), /no answer in 500 ms/);
	assert.ok(Date.now() - started < 5000);
	sockets.forEach((s) => s.destroy());
	hang.close();
});

test('blocksToHtml reads every node type and leaves code out', () => {
	const { blocksToHtml } = require('../src/coquille-gate');
	const html = blocksToHtml([
		{ type: 'heading', level: 2, children: [{ type: 'text', text: 'Titre' }] },
		{ type: 'paragraph', children: [{ type: 'text', text: 'Voir ', bold: true }, { type: 'link', url: 'https://example.org/?a=1&b=2', children: [{ type: 'text', text: 'le site' }] }, { type: 'text', text: 'x = 1', code: true }] },
		{ type: 'quote', children: [{ type: 'text', text: '« Citation »' }] },
		{ type: 'code', children: [{ type: 'text', text: 'let a = b;' }] },
		{ type: 'list', format: 'ordered', children: [
			{ type: 'list-item', children: [{ type: 'text', text: 'un' }] },
			{ type: 'list', format: 'unordered', indentLevel: 1, children: [{ type: 'list-item', children: [{ type: 'text', text: 'deux' }] }] },
		] },
		{ type: 'image', image: { url: '/a.jpg', alternativeText: 'Une « photo »', caption: 'Légende <b>' }, children: [{ type: 'text', text: '' }] },
	]);
	assert.equal(
		html,
		[
			'<h2>Titre</h2>',
			'<p>Voir <a href="https://example.org/?a=1&amp;b=2">le site</a></p>',
			'<blockquote>« Citation »</blockquote>',
			'',
			'<ol><li>un</li><li><ul><li>deux</li></ul></li></ol>',
			'<figure><img src="/a.jpg" alt="Une « photo »"><figcaption>Légende &lt;b&gt;</figcaption></figure>',
		].join('\n'),
	);
});

test('fieldsOf reads components, dynamic zones and media texts, and nothing else', () => {
	const { fieldsOf } = require('../src/coquille-gate');
	const fields = fieldsOf(ARTICLE_SCHEMA, CLEAN_DRAFT, (uid) => COMPONENTS[uid]);
	assert.deepEqual(
		fields.map((f) => `${f.name}:${f.format}`),
		['title:text', 'description:text', 'cover.alternativeText:text', 'cover.caption:text', 'body:html', 'blocks[0].title:text', 'blocks[0].body:text', 'seo.metaTitle:text', 'seo.metaDescription:text'],
	);
});

test('findingsOf lists each defect once: findings folded into another are left out', () => {
	const { findingsOf } = require('../src/coquille-gate');
	const answer = {
		fields: [{
			name: 'body',
			report: {
				findings: [
					{ rule: 'duplicate-punctuation', severity: 'error', text: '. ,', message: 'stacked', related: ['space-before-punctuation'] },
					{ rule: 'space-before-punctuation', severity: 'error', text: ' ,', message: 'space', folded_into: 0 },
					{ rule: 'english-quotes', severity: 'warning', text: '"a"', message: 'quotes' },
				],
			},
		}],
	};
	const rules = findingsOf(answer).map((f) => f.rule);
	assert.deepEqual(rules, ['duplicate-punctuation', 'english-quotes']);
});
