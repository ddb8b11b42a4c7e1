<?php
/**
 * Removes everything the plugin stored: its options, its post meta (latest
 * checks and override records) and the override capability.
 *
 * The audit log goes with it: export the "Audit log" table of the settings
 * page first if it must be kept.
 *
 * @package CoquilleGate
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

/**
 * Cleans one site.
 */
function coquille_gate_uninstall_site() {
	delete_option( 'coquille_gate_settings' );
	delete_option( 'coquille_gate_audit_log' );
	foreach ( array( '_coquille_gate_last_check', '_coquille_gate_overrides' ) as $meta_key ) {
		delete_post_meta_by_key( $meta_key );
	}
	foreach ( wp_roles()->role_objects as $role ) {
		$role->remove_cap( 'coquille_override' );
	}
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $coquille_gate_site_id ) {
		switch_to_blog( $coquille_gate_site_id );
		coquille_gate_uninstall_site();
		restore_current_blog();
	}
} else {
	coquille_gate_uninstall_site();
}
