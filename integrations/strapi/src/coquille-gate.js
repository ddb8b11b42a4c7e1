'use strict';

/**
 * Coquille gate for Strapi v5: a Document Service middleware that checks a
 * document's French with `coquille serve` (`POST /v1/check`) when it is
 * published, and throws on a `fail` verdict, so the document stays a draft
 * and the admin panel shows the error.
 *
 * Register it in `src/index.js`:
 *
 *   const { coquilleGate } = require('./coquille-gate');
 *   module.exports = {
 *     register({ strapi }) {
 *       strapi.documents.use(coquilleGate({ strapi, uids: ['api::article.article'] }));
 *     },
 *   };
 *
 * What is read, from the content type's schema (components and dynamic zones
 * included, recursively): `string` and `text` attributes as text, `richtext`
 * as Markdown, `blocks` (the Blocks editor) as HTML built from every node type
 * (paragraph, heading, quote, list and list-item, link, image with its
 * alternative text and caption; code blocks and inline code are not French
 * prose and are left out), and the alternative text and caption of `media`
 * attributes. Other attributes (uid, email, enumeration, numbers, relations)
 * are not prose and are not sent.
 */

const DEFAULT_TIMEOUT_MS = 8000;

/** The error Strapi shows to the editor (400, with `details`). */
function defaultApplicationError() {
	try {
		// eslint-disable-next-line global-require
		return require('@strapi/utils').errors.ApplicationError;
	} catch {
		return class ApplicationError extends Error {
			constructor(message, details) {
				super(message);
				this.name = 'ApplicationError';
				this.details = details;
			}
		};
	}
}

function escapeHtml(text) {
	return String(text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** The text of inline nodes (text and link); inline code is left out. */
function inlineHtml(children) {
	return (children || [])
		.map((node) => {
			if (!node || typeof node !== 'object') return '';
			if (node.type === 'text') return node.code ? '' : escapeHtml(node.text || '');
			if (node.type === 'link') return `<a href="${escapeHtml(node.url || '')}">${inlineHtml(node.children)}</a>`;
			return inlineHtml(node.children);
		})
		.join('');
}

/**
 * Strapi v5 Blocks (the value of a `blocks` attribute) as HTML: one block
 * element per node, so that paragraphs stay apart; every text, alt text and
 * caption is kept. Unknown node types are read through their children.
 */
function blocksToHtml(blocks) {
	if (!Array.isArray(blocks)) return '';
	return blocks
		.map((node) => {
			if (!node || typeof node !== 'object') return '';
			switch (node.type) {
				case 'paragraph':
					return `<p>${inlineHtml(node.children)}</p>`;
				case 'heading': {
					const level = Math.min(6, Math.max(1, Number(node.level) || 2));
					return `<h${level}>${inlineHtml(node.children)}</h${level}>`;
				}
				case 'quote':
					return `<blockquote>${inlineHtml(node.children)}</blockquote>`;
				case 'code':
					return ''; // not prose
				case 'list': {
					const tag = node.format === 'ordered' ? 'ol' : 'ul';
					const items = (node.children || [])
						.map((item) => (item && item.type === 'list' ? `<li>${blocksToHtml([item])}</li>` : `<li>${inlineHtml(item && item.children)}</li>`))
						.join('');
					return `<${tag}>${items}</${tag}>`;
				}
				case 'image': {
					const image = node.image || {};
					const alt = image.alternativeText ? ` alt="${escapeHtml(image.alternativeText)}"` : '';
					const caption = image.caption ? `<figcaption>${escapeHtml(image.caption)}</figcaption>` : '';
					return `<figure><img src="${escapeHtml(image.url || '')}"${alt}>${caption}</figure>`;
				}
				default:
					return `<div>${inlineHtml(node.children)}</div>`;
			}
		})
		.join('\n');
}

/**
 * The `populate` a document needs for its components, dynamic zones and media
 * to come back with their text.
 */
function populateFor(schema, getComponent, depth = 0) {
	const populate = {};
	if (depth > 8) return populate;
	for (const [name, attribute] of Object.entries(schema.attributes || {})) {
		if (attribute.type === 'media') {
			populate[name] = true;
		} else if (attribute.type === 'component') {
			const component = getComponent(attribute.component);
			const inner = component ? populateFor(component, getComponent, depth + 1) : {};
			populate[name] = Object.keys(inner).length ? { populate: inner } : true;
		} else if (attribute.type === 'dynamiczone') {
			const on = {};
			for (const uid of attribute.components || []) {
				const component = getComponent(uid);
				const inner = component ? populateFor(component, getComponent, depth + 1) : {};
				on[uid] = Object.keys(inner).length ? { populate: inner } : true;
			}
			populate[name] = { on };
		}
	}
	return populate;
}

/**
 * The fields of a document as `/v1/check` reads them, named by their path
 * (`title`, `seo.metaDescription`, `sections[1].body`, `cover.alternativeText`).
 */
function fieldsOf(schema, entry, getComponent, prefix = '', depth = 0) {
	const fields = [];
	if (!entry || typeof entry !== 'object' || depth > 8) return fields;
	const push = (name, format, content) => {
		if (typeof content === 'string' && content.trim() !== '') fields.push({ name, format, content });
	};
	for (const [name, attribute] of Object.entries(schema.attributes || {})) {
		const value = entry[name];
		const path = prefix + name;
		if (value === undefined || value === null) continue;
		switch (attribute.type) {
			case 'string':
			case 'text':
				push(path, 'text', value);
				break;
			case 'richtext':
				push(path, 'markdown', value);
				break;
			case 'blocks':
				push(path, 'html', blocksToHtml(value));
				break;
			case 'media':
				(Array.isArray(value) ? value : [value]).forEach((file, i) => {
					const at = Array.isArray(value) ? `${path}[${i}]` : path;
					push(`${at}.alternativeText`, 'text', file && file.alternativeText);
					push(`${at}.caption`, 'text', file && file.caption);
				});
				break;
			case 'component': {
				const component = getComponent(attribute.component);
				if (!component) break;
				(attribute.repeatable ? value : [value]).forEach((item, i) => {
					const at = attribute.repeatable ? `${path}[${i}].` : `${path}.`;
					fields.push(...fieldsOf(component, item, getComponent, at, depth + 1));
				});
				break;
			}
			case 'dynamiczone':
				(Array.isArray(value) ? value : []).forEach((item, i) => {
					const component = item && getComponent(item.__component);
					if (component) fields.push(...fieldsOf(component, item, getComponent, `${path}[${i}].`, depth + 1));
				});
				break;
			default:
				break; // not prose
		}
	}
	return fields;
}

/** The locales a publish call acts on (`undefined` = the default locale). */
async function localesOf(strapi, params) {
	const locale = params && params.locale;
	if (Array.isArray(locale)) return locale;
	if (locale === '*') {
		const service = strapi.plugin && strapi.plugin('i18n') && strapi.plugin('i18n').service('locales');
		const all = service ? await service.find() : [];
		return all.length ? all.map((l) => l.code) : [undefined];
	}
	return [locale];
}

/**
 * Asks the gate. Resolves to `{ verdict, answer }` or `{ outage: reason }`.
 */
async function check({ url, token, timeoutMs, fetchImpl }, documentId, fields) {
	let response;
	try {
		response = await fetchImpl(`${url.replace(/\/+$/, '')}/v1/check`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(token ? { authorization: `Bearer ${token}` } : {}),
			},
			body: JSON.stringify({ document_id: documentId, fields }),
			signal: AbortSignal.timeout(timeoutMs),
		});
	} catch (error) {
		return { outage: `the gate could not be reached (${error.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : error.message})` };
	}
	let answer = null;
	try {
		answer = await response.json();
	} catch {
		answer = null;
	}
	if (response.status !== 200) {
		return { outage: `the gate did not check the document (HTTP ${response.status}${answer && answer.title ? `: ${answer.title}` : ''})` };
	}
	if (!answer || !['pass', 'warn', 'fail'].includes(answer.verdict)) {
		return { outage: 'the gate answered without a verdict' };
	}
	return { verdict: answer.verdict, answer };
}

/** Findings in the shape the admin panel gets in the error's details. */
function findingsOf(answer, limit = 50) {
	const out = [];
	for (const field of answer.fields || []) {
		for (const f of (field.report && field.report.findings) || []) {
			// Another rule's view of a defect already listed: shown once.
			if (f.folded_into !== undefined) continue;
			out.push({ field: field.name, rule: f.rule, severity: f.severity, text: f.text, message: f.message, suggestion: f.suggestion });
		}
	}
	const rank = { error: 0, warning: 1, info: 2 };
	out.sort((a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3));
	return out.slice(0, limit);
}

/**
 * The middleware. Options: `strapi`, `uids` (content types to check; all
 * `api::` types when omitted), `url` (default `COQUILLE_URL` or
 * http://127.0.0.1:8080), `token` (default `COQUILLE_API_TOKEN`), `timeoutMs`,
 * `failOpen` (default: `COQUILLE_GATE_POLICY === 'fail_open'`), `fetch`,
 * `ApplicationError`.
 */
function coquilleGate(options) {
	const { strapi } = options;
	const settings = {
		url: options.url || process.env.COQUILLE_URL || 'http://127.0.0.1:8080',
		token: options.token !== undefined ? options.token : process.env.COQUILLE_API_TOKEN || '',
		timeoutMs: options.timeoutMs || DEFAULT_TIMEOUT_MS,
		fetchImpl: options.fetch || globalThis.fetch,
	};
	const failOpen = options.failOpen !== undefined ? options.failOpen : process.env.COQUILLE_GATE_POLICY === 'fail_open';
	const ApplicationError = options.ApplicationError || defaultApplicationError();
	const gated = (uid) => (options.uids ? options.uids.includes(uid) : uid.startsWith('api::'));
	const getComponent = (uid) => (strapi.components && strapi.components[uid]) || (strapi.getModel && strapi.getModel(uid)) || null;

	return async (context, next) => {
		if (context.action !== 'publish' || !gated(context.uid)) return next();
		const schema = context.contentType || strapi.getModel(context.uid);
		const documentId = context.params && context.params.documentId;
		const populate = populateFor(schema, getComponent);

		for (const locale of await localesOf(strapi, context.params)) {
			const draft = await strapi.documents(context.uid).findOne({ documentId, locale, status: 'draft', populate });
			if (!draft) continue; // nothing to publish in this locale: Strapi decides
			const fields = fieldsOf(schema, draft, getComponent);
			if (fields.length === 0) continue; // no text at all: nothing to check
			const id = `strapi:${context.uid}:${documentId}${locale ? `:${locale}` : ''}`;
			const result = await check(settings, id, fields);

			if (result.outage) {
				if (failOpen) {
					strapi.log.warn(`coquille: ${id} published unchecked: ${result.outage}`);
					continue;
				}
				throw new ApplicationError(`Not published: the language check is unavailable (${result.outage}).`, { outage: result.outage });
			}
			if (result.verdict === 'fail') {
				const s = result.answer.summary || {};
				const findings = findingsOf(result.answer);
				// The admin panel shows the message only: the first findings go in it.
				const first = findings.slice(0, 3).map((f) => `«${f.text}» ${f.message}`).join('; ');
				throw new ApplicationError(
					`Not published: Coquille found ${s.findings} problems (${s.errors} errors) in ${locale || 'the default locale'}: ${first}.`,
					{ verdict: 'fail', locale: locale || null, summary: s, findings },
				);
			}
		}
		return next();
	};
}

module.exports = { coquilleGate, blocksToHtml, fieldsOf, populateFor, findingsOf };
