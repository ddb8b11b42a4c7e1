<?php
/**
 * The plugin's settings: one option, sanitised on the way in.
 *
 * @package CoquilleGate
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reads and sanitises the `coquille_gate_settings` option.
 *
 * The token can also come from the `COQUILLE_GATE_TOKEN` constant in
 * wp-config.php, which then wins over the stored one and keeps the secret out
 * of the database.
 */
class Coquille_Gate_Settings {

	const OPTION = 'coquille_gate_settings';

	const POLICY_OPEN   = 'fail_open';
	const POLICY_CLOSED = 'fail_closed';

	/**
	 * The default values.
	 *
	 * @return array<string, mixed>
	 */
	public static function defaults() {
		return array(
			'url'        => 'http://127.0.0.1:8080',
			'token'      => '',
			'policy'     => self::POLICY_CLOSED,
			'timeout'    => 8,
			'post_types' => array( 'post' ),
		);
	}

	/**
	 * The stored settings merged over the defaults.
	 *
	 * @return array<string, mixed>
	 */
	public function all() {
		$stored = get_option( self::OPTION, array() );
		return array_merge( self::defaults(), is_array( $stored ) ? $stored : array() );
	}

	/**
	 * The gate's base URL, without a trailing slash.
	 *
	 * @return string
	 */
	public function url() {
		return untrailingslashit( (string) $this->all()['url'] );
	}

	/**
	 * The bearer token (the constant wins over the stored value).
	 *
	 * @return string
	 */
	public function token() {
		if ( $this->token_from_constant() ) {
			return (string) COQUILLE_GATE_TOKEN;
		}
		return (string) $this->all()['token'];
	}

	/**
	 * Whether the token comes from wp-config.php.
	 *
	 * @return bool
	 */
	public function token_from_constant() {
		return defined( 'COQUILLE_GATE_TOKEN' ) && '' !== (string) COQUILLE_GATE_TOKEN;
	}

	/**
	 * Whether an outage lets posts through.
	 *
	 * @return bool
	 */
	public function fails_open() {
		return self::POLICY_OPEN === $this->all()['policy'];
	}

	/**
	 * The request timeout in seconds.
	 *
	 * @return int
	 */
	public function timeout() {
		return (int) $this->all()['timeout'];
	}

	/**
	 * The post types whose publication is checked.
	 *
	 * @return string[]
	 */
	public function post_types() {
		return array_values( array_filter( (array) $this->all()['post_types'], 'is_string' ) );
	}

	/**
	 * Whether posts of this type are checked.
	 *
	 * @param string $post_type A post type name.
	 * @return bool
	 */
	public function gates( $post_type ) {
		return in_array( $post_type, $this->post_types(), true );
	}

	/**
	 * Sanitises the settings form. An empty token field keeps the stored token
	 * (the form never shows it); the "forget" box clears it.
	 *
	 * @param mixed $input The submitted values.
	 * @return array<string, mixed>
	 */
	public function sanitize( $input ) {
		$current = $this->all();
		$input   = is_array( $input ) ? $input : array();
		$clean   = $current;

		if ( isset( $input['url'] ) ) {
			$url = esc_url_raw( trim( (string) $input['url'] ), array( 'http', 'https' ) );
			if ( '' === $url ) {
				add_settings_error( self::OPTION, 'coquille_gate_url', __( 'The gate URL must be an http or https address.', 'coquille-gate' ) );
			} else {
				$clean['url'] = $url;
			}
		}

		if ( ! empty( $input['forget_token'] ) ) {
			$clean['token'] = '';
		} elseif ( isset( $input['token'] ) && '' !== trim( (string) $input['token'] ) ) {
			$clean['token'] = sanitize_text_field( (string) $input['token'] );
		}

		if ( isset( $input['policy'] ) ) {
			$clean['policy'] = self::POLICY_OPEN === $input['policy'] ? self::POLICY_OPEN : self::POLICY_CLOSED;
		}

		if ( isset( $input['timeout'] ) ) {
			$clean['timeout'] = min( 30, max( 1, absint( $input['timeout'] ) ) );
		}

		$known               = get_post_types( array( 'show_ui' => true ) );
		$types               = isset( $input['post_types'] ) ? (array) $input['post_types'] : array();
		$types               = array_map( 'sanitize_key', $types );
		$clean['post_types'] = array_values( array_intersect( $types, array_keys( $known ) ) );

		return $clean;
	}
}
