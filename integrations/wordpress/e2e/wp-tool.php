<?php
/**
 * The end-to-end test's hands inside WordPress (there is no WP-CLI here):
 * loads WordPress from the command line and does one thing.
 *
 *   php wp-tool.php WP_DIR HOST install ADMIN_PASSWORD AUTHOR_PASSWORD
 *       installs WordPress, activates the plugin, creates the author
 *       "autrice", and prints both users' application passwords as JSON.
 *   php wp-tool.php WP_DIR HOST settings JSON     merges JSON into the plugin's settings
 *   php wp-tool.php WP_DIR HOST image ALT CAPTION  adds an image to the media library, prints its id
 *   php wp-tool.php WP_DIR HOST audit             prints the audit log as JSON
 *   php wp-tool.php WP_DIR HOST meta POST_ID      prints the plugin's post meta as JSON
 *   php wp-tool.php WP_DIR HOST classic           runs wp_insert_post() as the admin
 *       (the path of the classic editor, XML-RPC and importers) and prints
 *       what happened, as JSON
 *   php wp-tool.php WP_DIR HOST french            prints a few plugin strings in fr_FR
 *   php wp-tool.php WP_DIR HOST classic-editor 1|0 turns the classic editor on or off
 *       (read by the e2e mu-plugin)
 *
 * @package CoquilleGate
 */

// phpcs:disable WordPress.WP.GlobalVariablesOverride.Prohibited, WordPress.Security.EscapeOutput.OutputNotEscaped

if ( PHP_SAPI !== 'cli' || $argc < 4 ) {
	fwrite( STDERR, "usage: php wp-tool.php WP_DIR HOST COMMAND [ARGS]\n" );
	exit( 2 );
}
list( , $wp_dir, $host, $command ) = $argv;
$args                              = array_slice( $argv, 4 );

$_SERVER['HTTP_HOST']   = $host;
$_SERVER['SERVER_NAME'] = explode( ':', $host )[0];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PORT'] = explode( ':', $host )[1] ?? '80';

if ( 'install' === $command ) {
	define( 'WP_INSTALLING', true );
}
require $wp_dir . '/wp-load.php';
// No mail server here: WordPress's notifications are dropped.
add_filter( 'pre_wp_mail', '__return_false' );

/**
 * Prints a value as JSON and stops.
 *
 * @param mixed $value The value.
 */
function coquille_e2e_out( $value ) {
	echo wp_json_encode( $value, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ), "\n";
	exit( 0 );
}

/**
 * Stops with a message.
 *
 * @param string $message The message.
 */
function coquille_e2e_fail( $message ) {
	fwrite( STDERR, "wp-tool: $message\n" );
	exit( 1 );
}

switch ( $command ) {
	case 'install':
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		if ( ! is_blog_installed() ) {
			$installed = wp_install( 'Coquille e2e', 'admin', 'admin@example.invalid', false, '', wp_slash( $args[0] ), 'en_US' );
			if ( empty( $installed['user_id'] ) ) {
				coquille_e2e_fail( 'wp_install failed' );
			}
		}
		// A fresh request, as WordPress runs after installing.
		$php    = escapeshellarg( PHP_BINARY );
		$script = escapeshellarg( __FILE__ );
		$out    = shell_exec( "$php $script " . escapeshellarg( $wp_dir ) . ' ' . escapeshellarg( $host ) . ' activate ' . escapeshellarg( $args[1] ) );
		echo $out;
		exit( 0 );

	case 'activate':
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$activated = activate_plugin( 'coquille-gate/coquille-gate.php' );
		if ( is_wp_error( $activated ) ) {
			coquille_e2e_fail( $activated->get_error_message() );
		}
		switch_theme( 'twentytwentyone' );
		$author_id = username_exists( 'autrice' );
		if ( ! $author_id ) {
			$author_id = wp_insert_user(
				array(
					'user_login' => 'autrice',
					'user_pass'  => $args[0],
					'user_email' => 'autrice@example.invalid',
					'role'       => 'author',
				)
			);
			if ( is_wp_error( $author_id ) ) {
				coquille_e2e_fail( $author_id->get_error_message() );
			}
		}
		$passwords = array();
		foreach ( array( 'admin', 'autrice' ) as $login ) {
			$user    = get_user_by( 'login', $login );
			$created = WP_Application_Passwords::create_new_application_password( $user->ID, array( 'name' => 'coquille-e2e' ) );
			if ( is_wp_error( $created ) ) {
				coquille_e2e_fail( $created->get_error_message() );
			}
			$passwords[ $login ] = array(
				'application_password' => $created[0],
				'coquille_override'    => user_can( $user, 'coquille_override' ),
				'roles'                => $user->roles,
			);
		}
		coquille_e2e_out( $passwords );
		break;

	case 'settings':
		$given = json_decode( $args[0], true );
		if ( ! is_array( $given ) ) {
			coquille_e2e_fail( 'settings: not a JSON object' );
		}
		$current = get_option( 'coquille_gate_settings', array() );
		update_option( 'coquille_gate_settings', array_merge( is_array( $current ) ? $current : array(), $given ) );
		$stored = get_option( 'coquille_gate_settings' );
		// The token is a secret: say only whether it is set.
		$stored['token'] = '' !== (string) ( $stored['token'] ?? '' ) ? '(set)' : '(empty)';
		coquille_e2e_out( $stored );
		break;

	case 'classic-editor':
		update_option( 'coquille_e2e_classic_editor', (int) $args[0] );
		coquille_e2e_out( array( 'classic_editor' => (bool) get_option( 'coquille_e2e_classic_editor' ) ) );
		break;

	case 'image':
		// An image in the media library (no file needed) with an alt text and a caption.
		$author = get_user_by( 'login', 'autrice' )->ID;
		$id     = wp_insert_attachment(
			array(
				'post_title'     => 'photo',
				'post_excerpt'   => wp_slash( $args[1] ),
				'post_mime_type' => 'image/jpeg',
				'post_status'    => 'inherit',
				'post_author'    => $author,
			),
			'2026/12/photo.jpg',
			0,
			true
		);
		if ( is_wp_error( $id ) ) {
			coquille_e2e_fail( $id->get_error_message() );
		}
		update_post_meta( $id, '_wp_attachment_image_alt', wp_slash( $args[0] ) );
		coquille_e2e_out( array( 'id' => $id ) );
		break;

	case 'audit':
		coquille_e2e_out( get_option( 'coquille_gate_audit_log', array() ) );
		break;

	case 'meta':
		$post_id = (int) $args[0];
		coquille_e2e_out(
			array(
				'status'     => get_post_status( $post_id ),
				'last_check' => get_post_meta( $post_id, '_coquille_gate_last_check', true ),
				'overrides'  => get_post_meta( $post_id, '_coquille_gate_overrides' ),
			)
		);
		break;

	case 'classic':
		wp_set_current_user( get_user_by( 'login', 'autrice' )->ID );
		$bad  = file_get_contents( $args[0] );
		$good = file_get_contents( $args[1] );
		list( $bad_title, $bad_body )   = explode( "\n\n", $bad, 2 );
		list( $good_title, $good_body ) = explode( "\n\n", $good, 2 );

		// A new post published directly: kept a draft.
		$new_id = wp_insert_post(
			array(
				'post_title'   => wp_slash( $bad_title ),
				'post_content' => wp_slash( wpautop( $bad_body ) ),
				'post_status'  => 'publish',
			),
			true
		);
		// A live post edited with broken text: the live version stays.
		$live_id = wp_insert_post(
			array(
				'post_title'   => wp_slash( $good_title ),
				'post_content' => wp_slash( wpautop( $good_body ) ),
				'post_status'  => 'publish',
			),
			true
		);
		$updated = wp_update_post(
			array(
				'ID'           => $live_id,
				'post_content' => wp_slash( wpautop( $bad_body ) ),
			),
			true
		);
		$autosave = wp_get_post_autosave( $live_id, get_current_user_id() );
		// What WordPress stores of the refused edit for this user (kses included).
		$stored_bad = wp_unslash( apply_filters( 'content_save_pre', wp_slash( wpautop( $bad_body ) ) ) );
		coquille_e2e_out(
			array(
				'new_post'  => array(
					'id'     => $new_id,
					'status' => get_post_status( $new_id ),
					'check'  => get_post_meta( $new_id, '_coquille_gate_last_check', true )['summary'] ?? null,
				),
				'live_post' => array(
					'id'                       => $live_id,
					'status_after_bad_edit'    => get_post_status( $live_id ),
					'live_content_unchanged'   => wpautop( $good_body ) === get_post_field( 'post_content', $live_id ),
					'bad_edit_kept_as_autosave' => $autosave && $stored_bad === $autosave->post_content,
					'update_result'            => is_wp_error( $updated ) ? $updated->get_error_message() : $updated,
				),
			)
		);
		break;

	case 'french':
		// No WordPress core translation is installed here, so switch_to_locale()
		// would refuse fr_FR: load the plugin's own files as a French site does.
		unload_textdomain( 'coquille-gate' );
		add_filter(
			'plugin_locale',
			static function () {
				return 'fr_FR';
			}
		);
		coquille_gate_load_textdomain();
		coquille_e2e_out(
			array(
				'locale'  => get_translations_for_domain( 'coquille-gate' )->headers['Language'] ?? '',
				'strings' => array(
					__( 'Not published: the post stays a draft.', 'coquille-gate' ),
					sprintf( _n( 'Coquille found %1$d problem (%2$d blocking).', 'Coquille found %1$d problems (%2$d blocking).', 3, 'coquille-gate' ), 3, 2 ),
					__( 'Fail open: publish unchecked posts, and log each one.', 'coquille-gate' ),
				),
			)
		);
		break;

	default:
		coquille_e2e_fail( "unknown command $command" );
}
