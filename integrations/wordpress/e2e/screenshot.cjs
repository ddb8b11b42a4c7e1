// Drives WordPress's editors with headless Chromium (Debian's /usr/bin/chromium,
// through playwright-core) and saves what Coquille shows as PNG:
//
//   node screenshot.cjs block   BASE_URL USER PASSWORD POST_ID OUT_DIR PROFILE_DIR
//       opens the draft in the block editor, clicks Publish, and saves the
//       pre-publish panel once the findings are shown
//       (wordpress-prepublish-panel.png, and the whole sidebar in
//       wordpress-prepublish-panel-sidebar.png);
//   node screenshot.cjs classic BASE_URL USER PASSWORD POST_ID OUT_DIR PROFILE_DIR
//       opens the draft in the classic editor, clicks Publish, and saves the
//       page with the gate's notice (wordpress-classic-notice.png).
//
// Prints what it saw as JSON. Called by e2e.sh; PROFILE_DIR is a new, empty
// --user-data-dir.
'use strict';
const { chromium } = require( 'playwright-core' );
const path = require( 'path' );

async function main() {
	const [ mode, base, user, password, postId, outDir, profile ] = process.argv.slice( 2 );
	const context = await chromium.launchPersistentContext( profile, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		viewport: { width: 1440, height: 1100 },
		deviceScaleFactor: 1,
	} );
	const page = context.pages()[ 0 ] || ( await context.newPage() );
	page.setDefaultTimeout( 60000 );

	await page.goto( `${ base }/wp-login.php` );
	await page.fill( '#user_login', user );
	await page.fill( '#user_pass', password );
	await Promise.all( [ page.waitForNavigation(), page.click( '#wp-submit' ) ] );

	await page.goto( `${ base }/wp-admin/post.php?post=${ postId }&action=edit` );
	const state = mode === 'classic' ? await classic( page, outDir ) : await block( page, outDir );
	console.log( JSON.stringify( state ) );
	await context.close();
}

async function block( page, outDir ) {
	await page.waitForFunction( () => window.wp && wp.data && wp.data.select( 'core/editor' ).getCurrentPostId() );
	// No welcome guide over the editor.
	await page.evaluate( () => {
		if ( wp.data.select( 'core/edit-post' ).isFeatureActive( 'welcomeGuide' ) ) {
			wp.data.dispatch( 'core/edit-post' ).toggleFeature( 'welcomeGuide' );
		}
	} );
	await page.click( '.editor-post-publish-panel__toggle' );
	await page.waitForSelector( '.coquille-gate-panel .coquille-gate-findings, .coquille-gate-panel .components-notice' );
	await page.waitForTimeout( 500 );
	await page.screenshot( { path: path.join( outDir, 'wordpress-prepublish-panel.png' ) } );
	const state = await page.evaluate( () => ( {
		findings: document.querySelectorAll( '.coquille-gate-finding' ).length,
		notice: ( document.querySelector( '.coquille-gate-panel .components-notice' ) || {} ).innerText,
		publishDisabled: !! document.querySelector( '.editor-post-publish-button[aria-disabled="true"], .editor-post-publish-button:disabled' ),
	} ) );
	// The whole sidebar: a viewport as tall as its content.
	const height = await page.evaluate( () => document.querySelector( '.editor-post-publish-panel__content' ).scrollHeight + 200 );
	await page.setViewportSize( { width: 1440, height: Math.min( 6000, height ) } );
	await page.waitForTimeout( 300 );
	await ( await page.$( '.editor-post-publish-panel' ) ).screenshot( { path: path.join( outDir, 'wordpress-prepublish-panel-sidebar.png' ) } );
	return state;
}

async function classic( page, outDir ) {
	await page.waitForSelector( '#publish' );
	await Promise.all( [ page.waitForNavigation(), page.click( '#publish' ) ] );
	await page.waitForSelector( '.coquille-gate-notice' );
	await page.screenshot( { path: path.join( outDir, 'wordpress-classic-notice.png' ) } );
	return page.evaluate( () => ( {
		url: location.search,
		notice: document.querySelector( '.coquille-gate-notice p' ).innerText,
		findings: document.querySelectorAll( '.coquille-gate-notice .coquille-gate-finding' ).length,
		status: document.querySelector( '#original_post_status' ).value,
		coreMessage: !! document.querySelector( '#message.updated' ),
	} ) );
}

main().catch( ( e ) => {
	console.error( e );
	process.exit( 1 );
} );
