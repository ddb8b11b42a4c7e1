<?php
/**
 * The HTTP client of `coquille serve`'s `POST /v1/check`.
 *
 * @package CoquilleGate
 */

defined( 'ABSPATH' ) || exit;

/**
 * Sends a post's texts to the gate and reads its verdict.
 */
class Coquille_Gate_Client {

	/**
	 * The settings.
	 *
	 * @var Coquille_Gate_Settings
	 */
	private $settings;

	/**
	 * Constructor.
	 *
	 * @param Coquille_Gate_Settings $settings The settings.
	 */
	public function __construct( Coquille_Gate_Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * The fields of a post as the gate reads them: the title and excerpt as
	 * text, the content as HTML (its `alt` texts and captions are read there),
	 * and the featured image's alt text and caption. Empty fields are left out.
	 *
	 * @param string $title         The title.
	 * @param string $excerpt       The hand-written excerpt.
	 * @param string $content       The content (block or classic HTML).
	 * @param int    $featured_id   The featured image's attachment id, or 0.
	 * @return array<int, array{name: string, format: string, content: string}>
	 */
	public static function fields( $title, $excerpt, $content, $featured_id ) {
		$fields = array(
			array( 'title', 'text', $title ),
			array( 'excerpt', 'text', $excerpt ),
			array( 'content', 'html', $content ),
		);
		if ( $featured_id > 0 && wp_attachment_is_image( $featured_id ) ) {
			$fields[] = array( 'featured_image_alt', 'text', (string) get_post_meta( $featured_id, '_wp_attachment_image_alt', true ) );
			$fields[] = array( 'featured_image_caption', 'text', (string) wp_get_attachment_caption( $featured_id ) );
		}

		$out = array();
		foreach ( $fields as list( $name, $format, $text ) ) {
			if ( '' !== trim( (string) $text ) ) {
				$out[] = array(
					'name'    => $name,
					'format'  => $format,
					'content' => (string) $text,
				);
			}
		}
		return $out;
	}

	/**
	 * Asks the gate for a verdict.
	 *
	 * @param array<int, array<string, string>> $fields      From {@see self::fields()}.
	 * @param string                            $document_id The caller's id of the document.
	 * @return Coquille_Gate_Result
	 */
	public function check( array $fields, $document_id ) {
		if ( empty( $fields ) ) {
			return Coquille_Gate_Result::empty_post();
		}

		$headers = array(
			'Content-Type' => 'application/json',
			'Accept'       => 'application/json',
		);
		$token   = $this->settings->token();
		if ( '' !== $token ) {
			$headers['Authorization'] = 'Bearer ' . $token;
		}

		$response = wp_remote_post(
			$this->settings->url() . '/v1/check',
			array(
				'timeout'     => $this->settings->timeout(),
				'redirection' => 0,
				'headers'     => $headers,
				'body'        => wp_json_encode(
					array(
						'document_id' => $document_id,
						'fields'      => $fields,
					)
				),
				'data_format' => 'body',
			)
		);

		if ( is_wp_error( $response ) ) {
			/* translators: %s: the transport's error message. */
			return Coquille_Gate_Result::outage( sprintf( __( 'The gate could not be reached: %s', 'coquille-gate' ), $response->get_error_message() ) );
		}

		$status = (int) wp_remote_retrieve_response_code( $response );
		$body   = json_decode( wp_remote_retrieve_body( $response ), true );
		if ( 200 !== $status ) {
			$detail = is_array( $body ) && isset( $body['title'] ) ? (string) $body['title'] : wp_remote_retrieve_response_message( $response );
			/* translators: 1: HTTP status code, 2: the gate's explanation. */
			return Coquille_Gate_Result::outage( sprintf( __( 'The gate did not check the post (HTTP %1$d: %2$s).', 'coquille-gate' ), $status, $detail ) );
		}
		if ( ! is_array( $body ) || ! isset( $body['verdict'] ) || ! in_array( $body['verdict'], array( 'pass', 'warn', 'fail' ), true ) ) {
			return Coquille_Gate_Result::outage( __( 'The gate answered without a verdict.', 'coquille-gate' ) );
		}
		return Coquille_Gate_Result::from_answer( $body, $fields );
	}
}
