<?php
/**
 * What one check said.
 *
 * @package CoquilleGate
 */

defined( 'ABSPATH' ) || exit;

/**
 * A verdict (`pass`, `warn`, `fail`), an outage, or an empty post, with the
 * findings in the shape the editor screens show.
 */
class Coquille_Gate_Result {

	/**
	 * How many findings are kept for display (the counts stay exact).
	 */
	const MAX_FINDINGS = 100;

	/**
	 * Characters of context shown on each side of a finding.
	 */
	const CONTEXT_CHARS = 40;

	/**
	 * `pass`, `warn`, `fail`, `outage` or `empty`.
	 *
	 * @var string
	 */
	public $state;

	/**
	 * Findings: field, rule, severity, message, text, suggestion, before, after.
	 *
	 * @var array<int, array<string, mixed>>
	 */
	public $findings = array();

	/**
	 * Counts by severity, and in all.
	 *
	 * @var array<string, int>
	 */
	public $counts = array(
		'findings' => 0,
		'errors'   => 0,
		'warnings' => 0,
		'infos'    => 0,
		'blocking' => 0,
	);

	/**
	 * Why the gate could not check, for an outage.
	 *
	 * @var string
	 */
	public $problem = '';

	/**
	 * Constructor.
	 *
	 * @param string $state The state.
	 */
	private function __construct( $state ) {
		$this->state = $state;
	}

	/**
	 * A post with no text: nothing to check.
	 *
	 * @return self
	 */
	public static function empty_post() {
		return new self( 'empty' );
	}

	/**
	 * The gate could not check.
	 *
	 * @param string $problem Why.
	 * @return self
	 */
	public static function outage( $problem ) {
		$result          = new self( 'outage' );
		$result->problem = $problem;
		return $result;
	}

	/**
	 * Reads the JSON answer of `/v1/check`.
	 *
	 * @param array<string, mixed>              $answer The decoded answer.
	 * @param array<int, array<string, string>> $fields The fields sent, for the excerpts.
	 * @return self
	 */
	public static function from_answer( array $answer, array $fields ) {
		$rank    = array(
			'error'   => 0,
			'warning' => 1,
			'info'    => 2,
		);
		$result  = new self( (string) $answer['verdict'] );
		$sent    = array_column( $fields, 'content', 'name' );
		$formats = array_column( $fields, 'format', 'name' );
		$answers = isset( $answer['fields'] ) && is_array( $answer['fields'] ) ? $answer['fields'] : array();
		$fail_on = isset( $answer['summary']['fail_on'] ) ? (string) $answer['summary']['fail_on'] : 'error';
		$limit   = $rank[ $fail_on ] ?? 0;
		foreach ( $answers as $field ) {
			$name     = isset( $field['name'] ) ? (string) $field['name'] : '';
			$findings = isset( $field['report']['findings'] ) && is_array( $field['report']['findings'] ) ? $field['report']['findings'] : array();
			foreach ( $findings as $finding ) {
				// Another rule's view of a defect already listed (the finding
				// it was folded into names it in `related`): counted once.
				if ( isset( $finding['folded_into'] ) ) {
					continue;
				}
				$severity = isset( $finding['severity'] ) ? (string) $finding['severity'] : 'info';
				++$result->counts['findings'];
				if ( isset( $result->counts[ $severity . 's' ] ) ) {
					++$result->counts[ $severity . 's' ];
				}
				$blocking = ( $rank[ $severity ] ?? 3 ) <= $limit;
				if ( $blocking ) {
					++$result->counts['blocking'];
				}
				$is_html            = isset( $formats[ $name ] ) && 'html' === $formats[ $name ];
				$context            = self::context( $sent[ $name ] ?? '', $is_html, (int) ( $finding['start'] ?? 0 ), (int) ( $finding['end'] ?? 0 ) );
				$result->findings[] = array(
					'field'      => $name,
					'rule'       => (string) ( $finding['rule'] ?? '' ),
					'severity'   => $severity,
					'blocking'   => $blocking,
					'message'    => (string) ( $finding['message'] ?? '' ),
					'text'       => $is_html ? html_entity_decode( (string) ( $finding['text'] ?? '' ), ENT_QUOTES | ENT_HTML5, 'UTF-8' ) : (string) ( $finding['text'] ?? '' ),
					'suggestion' => isset( $finding['suggestion'] ) ? (string) $finding['suggestion'] : null,
					'before'     => $context[0],
					'after'      => $context[1],
				);
			}
		}
		// Errors first, then in the order of the text (usort is stable).
		usort(
			$result->findings,
			static function ( $a, $b ) use ( $rank ) {
				return ( $rank[ $a['severity'] ] ?? 3 ) <=> ( $rank[ $b['severity'] ] ?? 3 );
			}
		);
		$result->findings = array_slice( $result->findings, 0, self::MAX_FINDINGS );
		return $result;
	}

	/**
	 * The visible text around a finding: UTF-8 byte offsets into the field as
	 * sent, cut on character boundaries, with markup cut in half removed.
	 *
	 * @param string $content The field's text.
	 * @param bool   $html    Whether the field is HTML.
	 * @param int    $start   Start byte offset.
	 * @param int    $end     End byte offset.
	 * @return array{0: string, 1: string} Text before and after.
	 */
	private static function context( $content, $html, $start, $end ) {
		if ( $start < 0 || $end < $start || $end > strlen( $content ) ) {
			return array( '', '' );
		}
		$window = self::CONTEXT_CHARS * 4;
		$from   = max( 0, $start - $window );
		// $start and $end are character boundaries; $from may not be: drop the
		// tail of a character cut in half (mb_strcut would move the whole
		// window back instead, cutting the end of the text before the finding).
		$before = (string) preg_replace( '/^[\x80-\xBF]+/', '', substr( $content, $from, $start - $from ) );
		$after  = mb_strcut( $content, $end, $window, 'UTF-8' );

		$open_tag = strrpos( $before, '<' );
		if ( $html && false !== $open_tag && false === strpos( $before, '>', $open_tag )
			&& preg_match( '/=\s*(["\'])([^"\']*)$/', substr( $before, $open_tag ), $m ) ) {
			// Inside a tag (an alt or title text): the attribute's value only.
			$end_quote = strpos( $after, $m[1] );
			$before    = $m[2];
			$after     = false === $end_quote ? $after : substr( $after, 0, $end_quote );
		} else {
			// A tag cut in half at the edges of the window.
			$close = strpos( $before, '>' );
			if ( false !== $close && ( false === strpos( $before, '<' ) || strpos( $before, '<' ) > $close ) ) {
				$before = substr( $before, $close + 1 );
			}
			$open = strrpos( $after, '<' );
			if ( false !== $open && false === strpos( $after, '>', $open ) ) {
				$after = substr( $after, 0, $open );
			}
		}

		$before = self::visible( $before, $html );
		$after  = self::visible( $after, $html );
		if ( mb_strlen( $before ) > self::CONTEXT_CHARS ) {
			$before = '…' . mb_substr( $before, -self::CONTEXT_CHARS );
		}
		if ( mb_strlen( $after ) > self::CONTEXT_CHARS ) {
			$after = mb_substr( $after, 0, self::CONTEXT_CHARS ) . '…';
		}
		return array( $before, $after );
	}

	/**
	 * The visible text of a piece of a field: tags read as spaces (so that
	 * paragraphs do not run together), entities decoded, white space collapsed
	 * but kept at the edges, next to the flagged text.
	 *
	 * @param string $text A piece of the field.
	 * @param bool   $html Whether the field is HTML.
	 * @return string
	 */
	private static function visible( $text, $html ) {
		if ( $html ) {
			$text = (string) preg_replace( '/<[^>]*>/', ' ', $text );
			$text = html_entity_decode( $text, ENT_QUOTES | ENT_HTML5, 'UTF-8' );
		}
		return (string) preg_replace( '/\s+/u', ' ', $text );
	}

	/**
	 * Whether the verdict is `fail`.
	 *
	 * @return bool
	 */
	public function failed() {
		return 'fail' === $this->state;
	}

	/**
	 * Whether the gate could not check.
	 *
	 * @return bool
	 */
	public function is_outage() {
		return 'outage' === $this->state;
	}

	/**
	 * A one-line summary for notices and REST errors (plain text).
	 *
	 * @return string
	 */
	public function summary() {
		switch ( $this->state ) {
			case 'outage':
				return $this->problem;
			case 'empty':
				return __( 'Nothing to check: the post has no text.', 'coquille-gate' );
			case 'pass':
				return __( 'Coquille found nothing to correct.', 'coquille-gate' );
		}
		return sprintf(
			/* translators: 1: number of findings, 2: number of errors among them. */
			_n( 'Coquille found %1$d problem (%2$d blocking).', 'Coquille found %1$d problems (%2$d blocking).', $this->counts['findings'], 'coquille-gate' ),
			$this->counts['findings'],
			$this->counts['blocking']
		);
	}

	/**
	 * The result as stored in post meta and sent to the editor.
	 *
	 * @return array<string, mixed>
	 */
	public function to_array() {
		return array(
			'state'    => $this->state,
			'summary'  => $this->summary(),
			'counts'   => $this->counts,
			'findings' => $this->findings,
			'checked'  => gmdate( 'c' ),
		);
	}
}
