<?php
/**
 * The block editor's pre-publish panel and the REST route it asks.
 *
 * @package CoquilleGate
 */

defined( 'ABSPATH' ) || exit;

/**
 * Adds `POST /coquille-gate/v1/check` (checks the text on screen without
 * saving it) and the script of the pre-publish panel that shows its answer.
 */
class Coquille_Gate_Editor {

	const SCRIPT = 'coquille-gate-editor';

	/**
	 * The settings.
	 *
	 * @var Coquille_Gate_Settings
	 */
	private $settings;

	/**
	 * The gate.
	 *
	 * @var Coquille_Gate
	 */
	private $gate;

	/**
	 * Constructor.
	 *
	 * @param Coquille_Gate_Settings $settings The settings.
	 * @param Coquille_Gate          $gate     The gate.
	 */
	public function __construct( Coquille_Gate_Settings $settings, Coquille_Gate $gate ) {
		$this->settings = $settings;
		$this->gate     = $gate;
	}

	/**
	 * Hooks the route and the script.
	 */
	public function register() {
		add_action( 'rest_api_init', array( $this, 'register_route' ) );
		add_action( 'enqueue_block_editor_assets', array( $this, 'enqueue' ) );
	}

	/**
	 * Registers the preview route.
	 */
	public function register_route() {
		register_rest_route(
			'coquille-gate/v1',
			'/check',
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'check' ),
				'permission_callback' => static function ( WP_REST_Request $request ) {
					return current_user_can( 'edit_post', (int) $request['post_id'] );
				},
				'args'                => array(
					'post_id'        => array(
						'type'     => 'integer',
						'required' => true,
						'minimum'  => 1,
					),
					'title'          => array(
						'type'    => 'string',
						'default' => '',
					),
					'excerpt'        => array(
						'type'    => 'string',
						'default' => '',
					),
					'content'        => array(
						'type'    => 'string',
						'default' => '',
					),
					'featured_media' => array(
						'type'    => 'integer',
						'default' => 0,
						'minimum' => 0,
					),
				),
			)
		);
	}

	/**
	 * Checks the text on screen. Nothing is saved and nothing is logged: the
	 * decision is taken again when the post is published.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 */
	public function check( WP_REST_Request $request ) {
		$post = get_post( (int) $request['post_id'] );
		if ( ! $post || ! $this->settings->gates( $post->post_type ) ) {
			return new WP_Error( 'coquille_gate_not_gated', __( 'Posts of this type are not checked.', 'coquille-gate' ), array( 'status' => 400 ) );
		}
		$fields = Coquille_Gate_Client::fields(
			(string) $request['title'],
			(string) $request['excerpt'],
			(string) $request['content'],
			(int) $request['featured_media']
		);
		$result = ( new Coquille_Gate_Client( $this->settings ) )->check( $fields, 'wp:preview:' . $post->ID );
		$blocks = $result->failed() || ( $result->is_outage() && ! $this->settings->fails_open() );
		return rest_ensure_response(
			array_merge(
				$result->to_array(),
				array(
					'blocks'       => $blocks,
					'can_override' => current_user_can( Coquille_Gate::OVERRIDE_CAP ),
					'fails_open'   => $this->settings->fails_open(),
				)
			)
		);
	}

	/**
	 * Loads the panel in the block editor for checked post types.
	 */
	public function enqueue() {
		$screen = get_current_screen();
		if ( ! $screen || ! $this->settings->gates( (string) $screen->post_type ) ) {
			return;
		}
		wp_enqueue_script(
			self::SCRIPT,
			plugins_url( 'assets/js/pre-publish-panel.js', COQUILLE_GATE_FILE ),
			array( 'wp-api-fetch', 'wp-components', 'wp-data', 'wp-edit-post', 'wp-editor', 'wp-element', 'wp-i18n', 'wp-plugins' ),
			COQUILLE_GATE_VERSION,
			true
		);
		wp_enqueue_style(
			self::SCRIPT,
			plugins_url( 'assets/css/editor.css', COQUILLE_GATE_FILE ),
			array(),
			COQUILLE_GATE_VERSION
		);
		wp_set_script_translations( self::SCRIPT, 'coquille-gate', COQUILLE_GATE_DIR . 'languages' );
	}
}
