'use strict';

// Strapi v5 application entry (src/index.js): registers the Coquille gate on
// the Document Service, for the content types listed in COQUILLE_GATE_UIDS
// (comma-separated; default: api::article.article).
const { coquilleGate } = require('./coquille-gate');

module.exports = {
	register({ strapi }) {
		const uids = (process.env.COQUILLE_GATE_UIDS || 'api::article.article')
			.split(',')
			.map((uid) => uid.trim())
			.filter(Boolean);
		strapi.documents.use(coquilleGate({ strapi, uids }));
	},
	bootstrap() {},
};
