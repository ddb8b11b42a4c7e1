<?php
/**
 * Plugin Name:       Coquille Gate
 * Description:       Checks the French of a post with a Coquille server before it goes live, and keeps it a draft when the verdict is "fail".
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.0
 * Author:            The Coquille developers
 * License:           MIT OR Apache-2.0
 * Text Domain:       coquille-gate
 * Domain Path:       /languages
 *
 * @package CoquilleGate
 */

defined( 'ABSPATH' ) || exit;

define( 'COQUILLE_GATE_VERSION', '0.1.0' );
define( 'COQUILLE_GATE_FILE', __FILE__ );
define( 'COQUILLE_GATE_DIR', plugin_dir_path( __FILE__ ) );

require_once COQUILLE_GATE_DIR . 'includes/class-coquille-gate-settings.php';
require_once COQUILLE_GATE_DIR . 'includes/class-coquille-gate-audit-log.php';
require_once COQUILLE_GATE_DIR . 'includes/class-coquille-gate-client.php';
require_once COQUILLE_GATE_DIR . 'includes/class-coquille-gate-result.php';
require_once COQUILLE_GATE_DIR . 'includes/class-coquille-gate.php';
require_once COQUILLE_GATE_DIR . 'includes/class-coquille-gate-editor.php';
require_once COQUILLE_GATE_DIR . 'includes/class-coquille-gate-admin.php';

/**
 * Loads the translations of the plugin's PHP strings.
 */
function coquille_gate_load_textdomain() {
	load_plugin_textdomain( 'coquille-gate', false, dirname( plugin_basename( COQUILLE_GATE_FILE ) ) . '/languages' );
}
add_action( 'init', 'coquille_gate_load_textdomain' );

/**
 * Gives the override capability to the roles that publish others' posts.
 */
function coquille_gate_activate() {
	foreach ( array( 'administrator', 'editor' ) as $role_name ) {
		$role = get_role( $role_name );
		if ( $role ) {
			$role->add_cap( Coquille_Gate::OVERRIDE_CAP );
		}
	}
}
register_activation_hook( __FILE__, 'coquille_gate_activate' );

/**
 * Starts the plugin once every plugin is loaded.
 */
function coquille_gate_boot() {
	$settings = new Coquille_Gate_Settings();
	$log      = new Coquille_Gate_Audit_Log();
	$client   = new Coquille_Gate_Client( $settings );
	$gate     = new Coquille_Gate( $settings, $client, $log );
	$gate->register();
	( new Coquille_Gate_Editor( $settings, $gate ) )->register();
	if ( is_admin() ) {
		( new Coquille_Gate_Admin( $settings, $log ) )->register();
	}
}
add_action( 'plugins_loaded', 'coquille_gate_boot' );
