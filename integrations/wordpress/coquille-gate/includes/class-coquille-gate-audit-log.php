<?php
/**
 * The audit log: every post that went live without a passing check.
 *
 * @package CoquilleGate
 */

defined( 'ABSPATH' ) || exit;

/**
 * Keeps the latest entries in a non-autoloaded option and fires
 * `coquille_gate_audit` for each, so a site can forward them to its own logs.
 */
class Coquille_Gate_Audit_Log {

	const OPTION = 'coquille_gate_audit_log';

	/**
	 * How many entries the option keeps.
	 */
	const MAX_ENTRIES = 500;

	/**
	 * Records an event.
	 *
	 * @param string               $event   `override` or `outage_open`.
	 * @param int                  $post_id The post (0 when not yet created).
	 * @param array<string, mixed> $details Reason, verdict, counts.
	 * @return array<string, mixed> The entry written.
	 */
	public function record( $event, $post_id, array $details ) {
		$user  = wp_get_current_user();
		$entry = array_merge(
			array(
				'time'    => gmdate( 'c' ),
				'event'   => $event,
				'post_id' => (int) $post_id,
				'user_id' => (int) $user->ID,
				'user'    => (string) $user->user_login,
			),
			$details
		);

		$entries   = $this->entries();
		$entries[] = $entry;
		if ( count( $entries ) > self::MAX_ENTRIES ) {
			$entries = array_slice( $entries, -self::MAX_ENTRIES );
		}
		update_option( self::OPTION, $entries, false );

		/**
		 * Fires when a post goes live without a passing check.
		 *
		 * @param array<string, mixed> $entry The audit entry.
		 */
		do_action( 'coquille_gate_audit', $entry );
		return $entry;
	}

	/**
	 * Every stored entry, oldest first.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public function entries() {
		$entries = get_option( self::OPTION, array() );
		return is_array( $entries ) ? $entries : array();
	}
}
