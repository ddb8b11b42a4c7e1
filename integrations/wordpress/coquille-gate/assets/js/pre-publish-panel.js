/**
 * Coquille Gate: the block editor's pre-publish panel.
 *
 * Plain JavaScript on the wp.* globals (no build step). When the editor opens
 * the pre-publish sidebar, the text on screen is sent to the plugin's
 * `coquille-gate/v1/check` route and each finding is listed with its excerpt
 * and suggestion. While the verdict would stop the publication, the Publish
 * button is locked, unless a user who may override gives a reason (sent with
 * the save and logged). The server-side filter decides in the end.
 */
/**
 * @param {Object} wp The WordPress globals.
 */
( function( wp ) {
	'use strict';

	const { __, _n, sprintf } = wp.i18n;
	const { createElement: el, useEffect, useState } = wp.element;
	const { useSelect, useDispatch } = wp.data;
	const { Notice, Spinner, TextareaControl } = wp.components;
	const PrePublishPanel =
		( wp.editor && wp.editor.PluginPrePublishPanel ) ||
		wp.editPost.PluginPrePublishPanel;

	const LOCK = 'coquille-gate';
	const REASON = 'coquille_gate_override_reason';

	function severityLabel( severity ) {
		switch ( severity ) {
			case 'error':
				return __( 'error', 'coquille-gate' );
			case 'warning':
				return __( 'warning', 'coquille-gate' );
			default:
				return __( 'info', 'coquille-gate' );
		}
	}

	function Suggestion( { suggestion } ) {
		if ( suggestion === null || suggestion === undefined ) {
			return null;
		}
		let text = __( 'Suggestion: delete it.', 'coquille-gate' );
		if ( suggestion !== '' ) {
			/* translators: %s: the replacement text. */
			text = sprintf( __( 'Suggestion: “%s”', 'coquille-gate' ), suggestion );
		}
		return el( 'div', { className: 'coquille-gate-finding__suggestion' }, text );
	}

	function Finding( { finding } ) {
		return el(
			'li',
			{
				className:
					'coquille-gate-finding coquille-gate-finding--' +
					finding.severity +
					( finding.blocking ? ' coquille-gate-finding--blocking' : '' ),
			},
			el(
				'div',
				{ className: 'coquille-gate-finding__message' },
				finding.message
			),
			el(
				'div',
				{ className: 'coquille-gate-finding__meta' },
				[ finding.field, severityLabel( finding.severity ), finding.rule ].join(
					' · '
				)
			),
			el(
				'div',
				{ className: 'coquille-gate-finding__excerpt' },
				finding.before,
				el( 'mark', null, finding.text ),
				finding.after
			),
			el( Suggestion, { suggestion: finding.suggestion } )
		);
	}

	function Findings( { answer } ) {
		if ( ! answer.findings.length ) {
			return null;
		}
		const more = answer.counts.findings - answer.findings.length;
		const list = el(
			'ul',
			{ className: 'coquille-gate-findings' },
			answer.findings.map( ( finding, i ) =>
				el( Finding, { key: i, finding } )
			)
		);
		if ( more <= 0 ) {
			return list;
		}
		/* translators: %d: number of findings not shown. */
		const rest = _n( 'And %d more.', 'And %d more.', more, 'coquille-gate' );
		return el( 'div', null, list, el( 'p', null, sprintf( rest, more ) ) );
	}

	/**
	 * The notice above the findings: its status and text.
	 *
	 * @param {Object} answer The answer of the plugin's check route.
	 * @return {{status: string, text: string}} The notice.
	 */
	function verdictNotice( answer ) {
		let format;
		let status = 'error';
		if ( answer.state === 'outage' && answer.fails_open ) {
			status = 'warning';
			/* translators: %s: why the check could not run. */
			format = __(
				'%s This site publishes unchecked posts during an outage; the publication will be logged.',
				'coquille-gate'
			);
		} else if ( answer.state === 'outage' ) {
			/* translators: %s: why the check could not run. */
			format = __(
				'%s This site does not publish unchecked posts.',
				'coquille-gate'
			);
		} else if ( answer.state === 'fail' ) {
			/* translators: %s: the summary of the findings. */
			format = __(
				'%s Correct the blocking problems to publish.',
				'coquille-gate'
			);
		} else {
			return {
				status: answer.state === 'warn' ? 'warning' : 'success',
				text: answer.summary,
			};
		}
		return { status, text: sprintf( format, answer.summary ) };
	}

	function CoquilleGatePanel() {
		const post = useSelect( ( select ) => {
			const editor = select( 'core/editor' );
			return {
				id: editor.getCurrentPostId(),
				title: editor.getEditedPostAttribute( 'title' ) || '',
				excerpt: editor.getEditedPostAttribute( 'excerpt' ) || '',
				content: editor.getEditedPostContent() || '',
				featured: editor.getEditedPostAttribute( 'featured_media' ) || 0,
				reason: editor.getEditedPostAttribute( REASON ) || '',
			};
		}, [] );
		const { editPost, lockPostSaving, unlockPostSaving } =
			useDispatch( 'core/editor' );
		const [ answer, setAnswer ] = useState( null );
		const [ error, setError ] = useState( null );

		// Check once, when the pre-publish sidebar opens.
		useEffect( () => {
			let live = true;
			wp.apiFetch( {
				path: '/coquille-gate/v1/check',
				method: 'POST',
				data: {
					post_id: post.id,
					title: post.title,
					excerpt: post.excerpt,
					content: post.content,
					featured_media: post.featured,
				},
			} ).then(
				( a ) => live && setAnswer( a ),
				( e ) => live && setError( e.message || String( e ) )
			);
			return () => {
				live = false;
			};
		}, [] ); // eslint-disable-line react-hooks/exhaustive-deps

		const overridden =
			answer && answer.can_override && post.reason.trim() !== '';
		useEffect( () => {
			if ( answer && answer.blocks && ! overridden ) {
				lockPostSaving( LOCK );
			} else {
				unlockPostSaving( LOCK );
			}
		}, [ answer, overridden ] ); // eslint-disable-line react-hooks/exhaustive-deps
		useEffect( () => () => unlockPostSaving( LOCK ), [] ); // eslint-disable-line react-hooks/exhaustive-deps

		let body;
		if ( error ) {
			/* translators: %s: the error message. */
			const text = __( 'The check could not run: %s', 'coquille-gate' );
			body = el(
				Notice,
				{ status: 'error', isDismissible: false },
				sprintf( text, error )
			);
		} else if ( ! answer ) {
			body = el(
				'p',
				null,
				el( Spinner ),
				' ',
				__( 'Checking the French…', 'coquille-gate' )
			);
		} else {
			const notice = verdictNotice( answer );
			let reason = null;
			if ( answer.blocks && answer.can_override ) {
				reason = el( TextareaControl, {
					label: __(
						'Publish anyway: your reason (logged)',
						'coquille-gate'
					),
					value: post.reason,
					onChange: ( value ) => editPost( { [ REASON ]: value } ),
				} );
			}
			body = el(
				'div',
				null,
				el(
					Notice,
					{ status: notice.status, isDismissible: false },
					notice.text
				),
				el( Findings, { answer } ),
				reason
			);
		}

		return el(
			PrePublishPanel,
			{
				title: __( 'Coquille: French check', 'coquille-gate' ),
				initialOpen: true,
				className: 'coquille-gate-panel',
			},
			body
		);
	}

	wp.plugins.registerPlugin( 'coquille-gate', {
		render: CoquilleGatePanel,
	} );
}( window.wp ) );
