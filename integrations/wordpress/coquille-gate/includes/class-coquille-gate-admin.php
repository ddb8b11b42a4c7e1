<?php
/**
 * Admin screens: the settings page, the audit log, and the classic editor's
 * notice and box.
 *
 * @package CoquilleGate
 */

defined( 'ABSPATH' ) || exit;

/**
 * Everything the plugin shows in wp-admin outside the block editor.
 */
class Coquille_Gate_Admin {

	const PAGE = 'coquille-gate';

	/**
	 * The settings.
	 *
	 * @var Coquille_Gate_Settings
	 */
	private $settings;

	/**
	 * The audit log.
	 *
	 * @var Coquille_Gate_Audit_Log
	 */
	private $log;

	/**
	 * Constructor.
	 *
	 * @param Coquille_Gate_Settings  $settings The settings.
	 * @param Coquille_Gate_Audit_Log $log      The audit log.
	 */
	public function __construct( Coquille_Gate_Settings $settings, Coquille_Gate_Audit_Log $log ) {
		$this->settings = $settings;
		$this->log      = $log;
	}

	/**
	 * Hooks the screens.
	 */
	public function register() {
		add_action( 'admin_init', array( $this, 'register_settings' ) );
		add_action( 'admin_menu', array( $this, 'add_page' ) );
		add_action( 'admin_notices', array( $this, 'classic_notice' ) );
		add_action( 'add_meta_boxes', array( $this, 'add_meta_box' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue_classic' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( COQUILLE_GATE_FILE ), array( $this, 'action_links' ) );
	}

	/**
	 * Registers the option and its fields.
	 */
	public function register_settings() {
		register_setting(
			self::PAGE,
			Coquille_Gate_Settings::OPTION,
			array(
				'type'              => 'array',
				'sanitize_callback' => array( $this->settings, 'sanitize' ),
				'default'           => Coquille_Gate_Settings::defaults(),
				'show_in_rest'      => false,
			)
		);
		add_settings_section( 'coquille_gate_server', __( 'Coquille server', 'coquille-gate' ), '__return_false', self::PAGE );
		add_settings_field( 'coquille_gate_url', __( 'Gate URL', 'coquille-gate' ), array( $this, 'field_url' ), self::PAGE, 'coquille_gate_server', array( 'label_for' => 'coquille_gate_url' ) );
		add_settings_field( 'coquille_gate_token', __( 'API token', 'coquille-gate' ), array( $this, 'field_token' ), self::PAGE, 'coquille_gate_server', array( 'label_for' => 'coquille_gate_token' ) );
		add_settings_field( 'coquille_gate_timeout', __( 'Timeout', 'coquille-gate' ), array( $this, 'field_timeout' ), self::PAGE, 'coquille_gate_server', array( 'label_for' => 'coquille_gate_timeout' ) );
		add_settings_section( 'coquille_gate_policy', __( 'Publication', 'coquille-gate' ), '__return_false', self::PAGE );
		add_settings_field( 'coquille_gate_policy', __( 'When the gate is unavailable', 'coquille-gate' ), array( $this, 'field_policy' ), self::PAGE, 'coquille_gate_policy' );
		add_settings_field( 'coquille_gate_post_types', __( 'Checked post types', 'coquille-gate' ), array( $this, 'field_post_types' ), self::PAGE, 'coquille_gate_policy' );
	}

	/**
	 * Adds the page under Settings.
	 */
	public function add_page() {
		add_options_page(
			__( 'Coquille Gate', 'coquille-gate' ),
			__( 'Coquille Gate', 'coquille-gate' ),
			'manage_options',
			self::PAGE,
			array( $this, 'render_page' )
		);
	}

	/**
	 * A "Settings" link on the plugins screen.
	 *
	 * @param string[] $links Existing links.
	 * @return string[]
	 */
	public function action_links( $links ) {
		$url = admin_url( 'options-general.php?page=' . self::PAGE );
		array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'coquille-gate' ) . '</a>' );
		return $links;
	}

	/**
	 * The name of a form input of the option.
	 *
	 * @param string $key The setting's key.
	 * @return string
	 */
	private function name( $key ) {
		return Coquille_Gate_Settings::OPTION . '[' . $key . ']';
	}

	/**
	 * The URL field.
	 */
	public function field_url() {
		printf(
			'<input type="url" class="regular-text code" id="coquille_gate_url" name="%1$s" value="%2$s" required /><p class="description">%3$s</p>',
			esc_attr( $this->name( 'url' ) ),
			esc_attr( $this->settings->url() ),
			esc_html__( 'Where `coquille serve` listens, e.g. http://127.0.0.1:8080. The plugin posts to /v1/check there.', 'coquille-gate' )
		);
	}

	/**
	 * The token field: never shows the stored token, only whether one is set.
	 */
	public function field_token() {
		if ( $this->settings->token_from_constant() ) {
			echo '<p>' . esc_html__( 'Set by the COQUILLE_GATE_TOKEN constant in wp-config.php.', 'coquille-gate' ) . '</p>';
			return;
		}
		$stored = '' !== $this->settings->token();
		printf(
			'<input type="password" class="regular-text" id="coquille_gate_token" name="%1$s" value="" autocomplete="new-password" placeholder="%2$s" />',
			esc_attr( $this->name( 'token' ) ),
			esc_attr( $stored ? __( 'A token is stored (hidden)', 'coquille-gate' ) : __( 'No token', 'coquille-gate' ) )
		);
		echo '<p class="description">' . esc_html__( 'The value of COQUILLE_API_TOKEN on the server. Leave empty to keep the stored token. Defining COQUILLE_GATE_TOKEN in wp-config.php keeps it out of the database.', 'coquille-gate' ) . '</p>';
		if ( $stored ) {
			printf(
				'<label><input type="checkbox" name="%1$s" value="1" /> %2$s</label>',
				esc_attr( $this->name( 'forget_token' ) ),
				esc_html__( 'Forget the stored token', 'coquille-gate' )
			);
		}
	}

	/**
	 * The timeout field.
	 */
	public function field_timeout() {
		printf(
			'<input type="number" class="small-text" id="coquille_gate_timeout" name="%1$s" value="%2$d" min="1" max="30" /> %3$s',
			esc_attr( $this->name( 'timeout' ) ),
			(int) $this->settings->timeout(),
			esc_html__( 'seconds (1 to 30)', 'coquille-gate' )
		);
	}

	/**
	 * The outage policy field.
	 */
	public function field_policy() {
		$open    = $this->settings->fails_open();
		$choices = array(
			Coquille_Gate_Settings::POLICY_CLOSED => array( ! $open, __( 'Fail closed: keep posts unpublished until the gate answers (users who may override can still publish, with a reason).', 'coquille-gate' ) ),
			Coquille_Gate_Settings::POLICY_OPEN   => array( $open, __( 'Fail open: publish unchecked posts, and log each one.', 'coquille-gate' ) ),
		);
		echo '<fieldset>';
		foreach ( $choices as $value => list( $checked, $label ) ) {
			printf(
				'<label><input type="radio" name="%1$s" value="%2$s" %3$s /> %4$s</label><br />',
				esc_attr( $this->name( 'policy' ) ),
				esc_attr( $value ),
				checked( $checked, true, false ),
				esc_html( $label )
			);
		}
		echo '</fieldset>';
	}

	/**
	 * The post types field.
	 */
	public function field_post_types() {
		$types = get_post_types( array( 'show_ui' => true ), 'objects' );
		echo '<fieldset>';
		foreach ( $types as $type ) {
			if ( 'attachment' === $type->name || 'wp_block' === $type->name ) {
				continue;
			}
			printf(
				'<label><input type="checkbox" name="%1$s[]" value="%2$s" %3$s /> %4$s</label><br />',
				esc_attr( $this->name( 'post_types' ) ),
				esc_attr( $type->name ),
				checked( $this->settings->gates( $type->name ), true, false ),
				esc_html( $type->labels->name )
			);
		}
		echo '</fieldset>';
	}

	/**
	 * The settings page, with the audit log under the form.
	 */
	public function render_page() {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
		echo '<form action="options.php" method="post">';
		settings_fields( self::PAGE );
		do_settings_sections( self::PAGE );
		submit_button();
		echo '</form>';
		$this->render_log();
		echo '</div>';
	}

	/**
	 * The audit log: the latest 50 entries, newest first.
	 */
	private function render_log() {
		$entries = array_slice( array_reverse( $this->log->entries() ), 0, 50 );
		echo '<h2>' . esc_html__( 'Audit log', 'coquille-gate' ) . '</h2>';
		echo '<p>' . esc_html__( 'Posts published despite the gate (override) or without a check (outage, fail-open policy).', 'coquille-gate' ) . '</p>';
		if ( ! $entries ) {
			echo '<p><em>' . esc_html__( 'Nothing yet.', 'coquille-gate' ) . '</em></p>';
			return;
		}
		echo '<table class="widefat striped"><thead><tr>';
		foreach ( array( __( 'Time (UTC)', 'coquille-gate' ), __( 'Event', 'coquille-gate' ), __( 'Post', 'coquille-gate' ), __( 'User', 'coquille-gate' ), __( 'Details', 'coquille-gate' ) ) as $heading ) {
			echo '<th scope="col">' . esc_html( $heading ) . '</th>';
		}
		echo '</tr></thead><tbody>';
		foreach ( $entries as $entry ) {
			$post_id = (int) ( $entry['post_id'] ?? 0 );
			$title   = (string) ( $entry['title'] ?? '' );
			$details = 'override' === ( $entry['event'] ?? '' )
				/* translators: 1: the reason given, 2: the verdict overridden. */
				? sprintf( __( 'Reason: %1$s (verdict: %2$s)', 'coquille-gate' ), $entry['reason'] ?? '', $entry['state'] ?? '' )
				: (string) ( $entry['problem'] ?? '' );
			echo '<tr><td>' . esc_html( (string) ( $entry['time'] ?? '' ) ) . '</td>';
			echo '<td>' . esc_html( $this->event_label( (string) ( $entry['event'] ?? '' ) ) ) . '</td><td>';
			if ( $post_id > 0 && current_user_can( 'edit_post', $post_id ) ) {
				echo '<a href="' . esc_url( (string) get_edit_post_link( $post_id ) ) . '">' . esc_html( '' !== $title ? $title : '#' . $post_id ) . '</a>';
			} else {
				echo esc_html( $title );
			}
			echo '</td><td>' . esc_html( (string) ( $entry['user'] ?? '' ) ) . '</td>';
			echo '<td>' . esc_html( $details ) . '</td></tr>';
		}
		echo '</tbody></table>';
	}

	/**
	 * A readable name for an audit event.
	 *
	 * @param string $event The event.
	 * @return string
	 */
	private function event_label( $event ) {
		switch ( $event ) {
			case 'override':
				return __( 'Override', 'coquille-gate' );
			case 'outage_open':
				return __( 'Published unchecked (outage)', 'coquille-gate' );
		}
		return $event;
	}

	/**
	 * Loads the findings' styles on the classic editor's screens.
	 *
	 * @param string $hook The admin page.
	 */
	public function enqueue_classic( $hook ) {
		if ( 'post.php' === $hook || 'post-new.php' === $hook ) {
			wp_enqueue_style( 'coquille-gate-editor', plugins_url( 'assets/css/editor.css', COQUILLE_GATE_FILE ), array(), COQUILLE_GATE_VERSION );
		}
	}

	/**
	 * Classic editor: the notice after a save the gate acted on.
	 */
	public function classic_notice() {
		$screen = get_current_screen();
		// Only reads which notice to show; the post and its check come from the database.
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$outcome = isset( $_GET['coquille_gate'] ) ? sanitize_key( wp_unslash( $_GET['coquille_gate'] ) ) : '';
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$post_id = isset( $_GET['post'] ) ? absint( $_GET['post'] ) : 0;
		if ( ! $screen || 'post' !== $screen->base || '' === $outcome || ! $post_id || ! current_user_can( 'edit_post', $post_id ) ) {
			return;
		}
		$check = Coquille_Gate::last_check( $post_id );
		if ( ! $check ) {
			return;
		}
		switch ( $outcome ) {
			case 'blocked':
				$class = 'notice-error';
				$lead  = __( 'Not published: the post stays a draft.', 'coquille-gate' );
				break;
			case 'kept':
				$class = 'notice-error';
				$lead  = __( 'Your changes were not published: the live version is unchanged, and your changes are kept as an autosave.', 'coquille-gate' );
				break;
			case 'override':
				$class = 'notice-warning';
				$lead  = __( 'Published despite the gate; your reason was logged.', 'coquille-gate' );
				break;
			case 'outage_open':
				$class = 'notice-warning';
				$lead  = __( 'Published without a check: the gate was unavailable. This was logged.', 'coquille-gate' );
				break;
			default:
				return;
		}
		echo '<div class="notice ' . esc_attr( $class ) . ' coquille-gate-notice"><p><strong>' . esc_html__( 'Coquille', 'coquille-gate' ) . ':</strong> ' . esc_html( $lead ) . ' ' . esc_html( (string) $check['summary'] ) . '</p>';
		self::render_findings( $check );
		echo '</div>';
	}

	/**
	 * Classic editor: the box with the latest check and the override reason.
	 *
	 * @param string $post_type The post type.
	 */
	public function add_meta_box( $post_type ) {
		if ( ! $this->settings->gates( $post_type ) ) {
			return;
		}
		add_meta_box(
			'coquille-gate',
			__( 'Coquille: French check', 'coquille-gate' ),
			array( $this, 'render_meta_box' ),
			$post_type,
			'side',
			'high',
			array( '__back_compat_meta_box' => true )
		);
	}

	/**
	 * The box's content.
	 *
	 * @param WP_Post $post The post.
	 */
	public function render_meta_box( $post ) {
		$check = Coquille_Gate::last_check( $post->ID );
		if ( $check ) {
			echo '<p>' . esc_html( (string) $check['summary'] ) . '</p>';
			self::render_findings( $check );
		} else {
			echo '<p>' . esc_html__( 'The French of this post is checked when it is published.', 'coquille-gate' ) . '</p>';
		}
		if ( current_user_can( Coquille_Gate::OVERRIDE_CAP ) ) {
			wp_nonce_field( Coquille_Gate::NONCE_ACTION, Coquille_Gate::NONCE_FIELD );
			printf(
				'<p><label for="%1$s">%2$s</label><textarea class="widefat" rows="3" id="%1$s" name="%1$s"></textarea></p>',
				esc_attr( Coquille_Gate::REASON_FIELD ),
				esc_html__( 'Publish anyway: your reason (logged). Leave empty to let the gate decide.', 'coquille-gate' )
			);
		}
	}

	/**
	 * The list of findings of a stored check.
	 *
	 * @param array<string, mixed> $check A stored check.
	 */
	public static function render_findings( array $check ) {
		$findings = isset( $check['findings'] ) && is_array( $check['findings'] ) ? $check['findings'] : array();
		if ( ! $findings ) {
			return;
		}
		echo '<ul class="coquille-gate-findings">';
		foreach ( $findings as $f ) {
			$classes = 'coquille-gate-finding coquille-gate-finding--' . sanitize_html_class( (string) $f['severity'] );
			if ( ! empty( $f['blocking'] ) ) {
				$classes .= ' coquille-gate-finding--blocking';
			}
			echo '<li class="' . esc_attr( $classes ) . '">';
			echo '<div class="coquille-gate-finding__message">' . esc_html( (string) $f['message'] ) . '</div>';
			echo '<div class="coquille-gate-finding__meta">' . esc_html( implode( ' · ', array( (string) $f['field'], (string) $f['severity'], (string) $f['rule'] ) ) ) . '</div>';
			echo '<div class="coquille-gate-finding__excerpt">' . esc_html( (string) $f['before'] ) . '<mark>' . esc_html( (string) $f['text'] ) . '</mark>' . esc_html( (string) $f['after'] ) . '</div>';
			if ( isset( $f['suggestion'] ) ) {
				$suggestion = '' === $f['suggestion']
					? __( 'Suggestion: delete it.', 'coquille-gate' )
					/* translators: %s: the replacement text. */
					: sprintf( __( 'Suggestion: “%s”', 'coquille-gate' ), (string) $f['suggestion'] );
				echo '<div class="coquille-gate-finding__suggestion">' . esc_html( $suggestion ) . '</div>';
			}
			echo '</li>';
		}
		echo '</ul>';
	}
}
