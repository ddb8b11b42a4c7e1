<?php
/**
 * The gate itself: the filters that stop a publication.
 *
 * @package CoquilleGate
 */

defined( 'ABSPATH' ) || exit;

/**
 * Checks a post when it is about to go live (status `publish` or `future`)
 * and stops it on a `fail` verdict:
 *
 * - REST (the block editor): `rest_pre_insert_{post_type}` returns a
 *   `WP_Error` carrying the findings; nothing is saved and the editor keeps
 *   the changes on screen.
 * - Everything else that calls `wp_insert_post()` (the classic editor,
 *   XML-RPC, importers): `wp_insert_post_data` keeps a new post a draft, or,
 *   for a post that is already live, keeps the live version and saves the
 *   changes as the author's autosave.
 *
 * `pass` and `warn` go through. When the gate cannot check, the outage policy
 * decides. A user with the `coquille_override` capability can publish anyway
 * by giving a reason, which is stored on the post and in the audit log.
 */
class Coquille_Gate {

	const OVERRIDE_CAP = 'coquille_override';

	/** Post meta: the latest check of the post (protected: not shown as a custom field). */
	const META_LAST_CHECK = '_coquille_gate_last_check';

	/** Post meta: one row per override. */
	const META_OVERRIDES = '_coquille_gate_overrides';

	/** The REST field and classic form field carrying an override reason. */
	const REASON_FIELD = 'coquille_gate_override_reason';

	/** The nonce action of the classic editor's form. */
	const NONCE_ACTION = 'coquille_gate_override';

	/** The nonce field of the classic editor's form. */
	const NONCE_FIELD = 'coquille_gate_nonce';

	/** Statuses that make a post public. */
	const LIVE_STATUSES = array( 'publish', 'future' );

	/**
	 * The settings.
	 *
	 * @var Coquille_Gate_Settings
	 */
	private $settings;

	/**
	 * The gate's client.
	 *
	 * @var Coquille_Gate_Client
	 */
	private $client;

	/**
	 * The audit log.
	 *
	 * @var Coquille_Gate_Audit_Log
	 */
	private $log;

	/**
	 * Posts the REST filter already let through in this request, by id (0 for
	 * a post being created), so that `wp_insert_post_data` does not ask again.
	 *
	 * @var array<int, bool>
	 */
	private $approved = array();

	/**
	 * Checks waiting for their post id to be stored: id (0 when new) => meta.
	 *
	 * @var array<int, array<string, mixed>>
	 */
	private $pending = array();

	/**
	 * What happened to each post in this request, for the classic editor's
	 * redirect: id => `blocked`, `kept`, `override` or `outage_open`.
	 *
	 * @var array<int, string>
	 */
	private $outcomes = array();

	/**
	 * Constructor.
	 *
	 * @param Coquille_Gate_Settings  $settings The settings.
	 * @param Coquille_Gate_Client    $client   The client.
	 * @param Coquille_Gate_Audit_Log $log      The audit log.
	 */
	public function __construct( Coquille_Gate_Settings $settings, Coquille_Gate_Client $client, Coquille_Gate_Audit_Log $log ) {
		$this->settings = $settings;
		$this->client   = $client;
		$this->log      = $log;
	}

	/**
	 * Hooks the filters.
	 */
	public function register() {
		add_filter( 'wp_insert_post_data', array( $this, 'filter_insert_post_data' ), 99, 2 );
		add_action( 'wp_insert_post', array( $this, 'store_pending' ), 10, 2 );
		add_filter( 'redirect_post_location', array( $this, 'filter_redirect' ), 10, 2 );
		add_action( 'rest_api_init', array( $this, 'register_rest' ) );
	}

	/**
	 * Adds the REST filter and the override field to each checked post type.
	 */
	public function register_rest() {
		foreach ( $this->settings->post_types() as $post_type ) {
			add_filter( "rest_pre_insert_{$post_type}", array( $this, 'filter_rest_pre_insert' ), 99, 2 );
			register_rest_field(
				$post_type,
				self::REASON_FIELD,
				array(
					// The reason is used once, by the save that carries it.
					'get_callback'    => '__return_empty_string',
					'update_callback' => '__return_true',
					'schema'          => array(
						'description' => __( 'Why the post is published despite the gate (users who may override only).', 'coquille-gate' ),
						'type'        => 'string',
						'context'     => array( 'edit' ),
						'arg_options' => array( 'sanitize_callback' => 'sanitize_textarea_field' ),
					),
				)
			);
		}
	}

	/**
	 * Checks a post with the gate and decides whether it may go live.
	 *
	 * @param int    $post_id The post id (0 when new).
	 * @param string $title   Title.
	 * @param string $excerpt Excerpt.
	 * @param string $content Content.
	 * @param int    $thumb   Featured image id.
	 * @param string $reason  An override reason, or ''.
	 * @return array{allowed: bool, outcome: string, result: Coquille_Gate_Result}
	 *         `outcome` is `pass`, `blocked`, `override` or `outage_open`.
	 */
	public function decide( $post_id, $title, $excerpt, $content, $thumb, $reason ) {
		$fields = Coquille_Gate_Client::fields( $title, $excerpt, $content, $thumb );
		$result = $this->client->check( $fields, $this->document_id( $post_id ) );

		if ( ! $result->failed() && ! $result->is_outage() ) {
			return array(
				'allowed' => true,
				'outcome' => 'pass',
				'result'  => $result,
			);
		}
		if ( $result->is_outage() && $this->settings->fails_open() ) {
			$this->log->record(
				'outage_open',
				$post_id,
				array(
					'title'   => $title,
					'problem' => $result->problem,
				)
			);
			return array(
				'allowed' => true,
				'outcome' => 'outage_open',
				'result'  => $result,
			);
		}
		if ( '' !== $reason && current_user_can( self::OVERRIDE_CAP ) ) {
			$entry = $this->log->record(
				'override',
				$post_id,
				array(
					'title'  => $title,
					'reason' => $reason,
					'state'  => $result->state,
					'counts' => $result->counts,
				)
			);

			$this->pending[ $post_id ]['override'] = $entry;
			return array(
				'allowed' => true,
				'outcome' => 'override',
				'result'  => $result,
			);
		}
		return array(
			'allowed' => false,
			'outcome' => 'blocked',
			'result'  => $result,
		);
	}

	/**
	 * The id sent to the gate: the site's host and the post id.
	 *
	 * @param int $post_id The post id.
	 * @return string
	 */
	private function document_id( $post_id ) {
		$host = (string) wp_parse_url( home_url(), PHP_URL_HOST );
		return $post_id > 0 ? "wp:{$host}:{$post_id}" : "wp:{$host}:new";
	}

	/**
	 * REST (block editor): refuses a publication that fails.
	 *
	 * @param stdClass|WP_Error $prepared_post The post about to be saved.
	 * @param WP_REST_Request   $request       The request.
	 * @return stdClass|WP_Error
	 */
	public function filter_rest_pre_insert( $prepared_post, $request ) {
		if ( is_wp_error( $prepared_post ) ) {
			return $prepared_post;
		}
		$post_id  = isset( $prepared_post->ID ) ? (int) $prepared_post->ID : 0;
		$previous = $post_id > 0 ? get_post( $post_id ) : null;
		$status   = $prepared_post->post_status ?? ( $previous ? $previous->post_status : 'draft' );
		if ( ! in_array( $status, self::LIVE_STATUSES, true ) ) {
			return $prepared_post;
		}

		$title   = $prepared_post->post_title ?? ( $previous ? $previous->post_title : '' );
		$excerpt = $prepared_post->post_excerpt ?? ( $previous ? $previous->post_excerpt : '' );
		$content = $prepared_post->post_content ?? ( $previous ? $previous->post_content : '' );
		if ( $this->unchanged_live( $previous, $title, $excerpt, $content ) ) {
			return $prepared_post;
		}
		$thumb    = isset( $request['featured_media'] ) ? (int) $request['featured_media'] : ( $post_id > 0 ? (int) get_post_thumbnail_id( $post_id ) : 0 );
		$reason   = isset( $request[ self::REASON_FIELD ] ) ? trim( (string) $request[ self::REASON_FIELD ] ) : '';
		$decision = $this->decide( $post_id, $title, $excerpt, $content, $thumb, $reason );
		$this->remember( $post_id, $decision );

		if ( $decision['allowed'] ) {
			$this->approved[ $post_id ] = true;
			return $prepared_post;
		}
		if ( $post_id > 0 ) {
			$this->store_pending( $post_id, $previous );
		}
		return $this->rest_error( $decision['result'], '' !== $reason );
	}

	/**
	 * The error returned to the REST client when a publication is refused.
	 *
	 * @param Coquille_Gate_Result $result          The check.
	 * @param bool                 $reason_refused  Whether a reason was given by a user who may not override.
	 * @return WP_Error
	 */
	private function rest_error( Coquille_Gate_Result $result, $reason_refused ) {
		if ( $result->is_outage() ) {
			/* translators: %s: why the gate could not check. */
			$message = sprintf( __( 'Not published: the language check is unavailable and this site does not publish unchecked posts. %s', 'coquille-gate' ), $result->summary() );
			$code    = 'coquille_gate_unavailable';
			$status  = 503;
		} else {
			/* translators: %s: the summary of the findings. */
			$message = sprintf( __( 'Not published: %s See the Coquille panel before publishing.', 'coquille-gate' ), $result->summary() );
			$code    = 'coquille_gate_refused';
			$status  = 422;
		}
		if ( $reason_refused ) {
			$message .= ' ' . __( 'You may not publish despite the gate.', 'coquille-gate' );
		}
		return new WP_Error(
			$code,
			$message,
			array_merge(
				array( 'status' => $status ),
				$result->to_array()
			)
		);
	}

	/**
	 * Every other save (classic editor, XML-RPC, importers): keeps a failing
	 * post from going live.
	 *
	 * @param array<string, mixed> $data    Slashed post data about to be stored.
	 * @param array<string, mixed> $postarr Slashed data given to `wp_insert_post()`.
	 * @return array<string, mixed>
	 */
	public function filter_insert_post_data( $data, $postarr ) {
		if ( ! $this->settings->gates( (string) $data['post_type'] ) || ! in_array( $data['post_status'], self::LIVE_STATUSES, true ) ) {
			return $data;
		}
		$post_id = isset( $postarr['ID'] ) ? (int) $postarr['ID'] : 0;
		if ( ! empty( $this->approved[ $post_id ] ) ) {
			unset( $this->approved[ $post_id ] );
			return $data;
		}

		$previous = $post_id > 0 ? get_post( $post_id ) : null;
		$title    = wp_unslash( (string) $data['post_title'] );
		$excerpt  = wp_unslash( (string) $data['post_excerpt'] );
		$content  = wp_unslash( (string) $data['post_content'] );
		if ( $this->unchanged_live( $previous, $title, $excerpt, $content ) ) {
			return $data;
		}
		$thumb    = isset( $postarr['_thumbnail_id'] ) ? (int) $postarr['_thumbnail_id'] : ( $post_id > 0 ? (int) get_post_thumbnail_id( $post_id ) : 0 );
		$decision = $this->decide( $post_id, $title, $excerpt, $content, $thumb, $this->classic_reason() );
		$this->remember( $post_id, $decision );
		$this->outcomes[ $post_id ] = $decision['outcome'];
		if ( $decision['allowed'] ) {
			return $data;
		}

		if ( $previous && in_array( $previous->post_status, self::LIVE_STATUSES, true ) ) {
			// Already live: the live version stays, the changes become the author's autosave.
			$this->keep_as_autosave( $post_id, $title, $excerpt, $content );
			$data['post_title']   = wp_slash( $previous->post_title );
			$data['post_excerpt'] = wp_slash( $previous->post_excerpt );
			$data['post_content'] = wp_slash( $previous->post_content );

			$this->outcomes[ $post_id ] = 'kept';
		} else {
			$data['post_status'] = 'draft';
		}
		return $data;
	}

	/**
	 * Whether a save leaves a live post's checked texts as they are (nothing
	 * new goes live, so there is nothing to check).
	 *
	 * @param WP_Post|null $previous The stored post.
	 * @param string       $title    New title.
	 * @param string       $excerpt  New excerpt.
	 * @param string       $content  New content.
	 * @return bool
	 */
	private function unchanged_live( $previous, $title, $excerpt, $content ) {
		return $previous instanceof WP_Post
			&& in_array( $previous->post_status, self::LIVE_STATUSES, true )
			&& $previous->post_title === $title
			&& $previous->post_excerpt === $excerpt
			&& $previous->post_content === $content;
	}

	/**
	 * The override reason typed in the classic editor's box, if the nonce is
	 * valid.
	 *
	 * @return string
	 */
	private function classic_reason() {
		if ( ! isset( $_POST[ self::NONCE_FIELD ], $_POST[ self::REASON_FIELD ] ) ) {
			return '';
		}
		if ( ! wp_verify_nonce( sanitize_text_field( wp_unslash( $_POST[ self::NONCE_FIELD ] ) ), self::NONCE_ACTION ) ) {
			return '';
		}
		return trim( sanitize_textarea_field( wp_unslash( $_POST[ self::REASON_FIELD ] ) ) );
	}

	/**
	 * Saves refused changes to a live post as the current user's autosave, so
	 * that nothing typed is lost.
	 *
	 * @param int    $post_id The post.
	 * @param string $title   Title.
	 * @param string $excerpt Excerpt.
	 * @param string $content Content.
	 */
	private function keep_as_autosave( $post_id, $title, $excerpt, $content ) {
		if ( ! function_exists( 'wp_create_post_autosave' ) ) {
			require_once ABSPATH . 'wp-admin/includes/post.php';
		}
		wp_create_post_autosave(
			wp_slash(
				array(
					'post_ID'      => $post_id,
					'post_title'   => $title,
					'post_excerpt' => $excerpt,
					'post_content' => $content,
				)
			)
		);
	}

	/**
	 * Keeps a check until its post id is known.
	 *
	 * @param int                  $post_id  The post id (0 when new).
	 * @param array<string, mixed> $decision From {@see self::decide()}.
	 */
	private function remember( $post_id, array $decision ) {
		$this->pending[ $post_id ]['check'] = array_merge(
			$decision['result']->to_array(),
			array(
				'outcome' => $decision['outcome'],
				'user_id' => get_current_user_id(),
			)
		);
	}

	/**
	 * Stores the pending check (and override) of a post once it is saved.
	 *
	 * @param int          $post_id The post id.
	 * @param WP_Post|null $post    The post.
	 */
	public function store_pending( $post_id, $post ) {
		if ( ! $post instanceof WP_Post || ! $this->settings->gates( $post->post_type ) ) {
			return;
		}
		$key = isset( $this->pending[ $post_id ] ) ? $post_id : 0;
		if ( ! isset( $this->pending[ $key ] ) ) {
			return;
		}
		$pending = $this->pending[ $key ];
		unset( $this->pending[ $key ] );
		if ( isset( $pending['check'] ) ) {
			update_post_meta( $post_id, self::META_LAST_CHECK, wp_slash( $pending['check'] ) );
		}
		if ( isset( $pending['override'] ) ) {
			add_post_meta( $post_id, self::META_OVERRIDES, wp_slash( $pending['override'] ) );
		}
		if ( 0 === $key && isset( $this->outcomes[0] ) ) {
			$this->outcomes[ $post_id ] = $this->outcomes[0];
			unset( $this->outcomes[0] );
		}
	}

	/**
	 * Classic editor: replaces WordPress's "Post published." with the gate's
	 * own notice when the gate changed what happened.
	 *
	 * @param string $location The redirect URL.
	 * @param int    $post_id  The post.
	 * @return string
	 */
	public function filter_redirect( $location, $post_id ) {
		$outcome = $this->outcomes[ (int) $post_id ] ?? '';
		if ( in_array( $outcome, array( 'blocked', 'kept', 'override', 'outage_open' ), true ) ) {
			if ( 'override' !== $outcome && 'outage_open' !== $outcome ) {
				$location = remove_query_arg( 'message', $location );
			}
			$location = add_query_arg( 'coquille_gate', $outcome, $location );
		}
		return $location;
	}

	/**
	 * The latest check stored on a post.
	 *
	 * @param int $post_id The post.
	 * @return array<string, mixed>|null
	 */
	public static function last_check( $post_id ) {
		$check = get_post_meta( $post_id, self::META_LAST_CHECK, true );
		return is_array( $check ) ? $check : null;
	}
}
