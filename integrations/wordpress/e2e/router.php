<?php
/**
 * Router for PHP's built-in web server: files that exist (static or PHP) are
 * served as they are, every other path goes to WordPress's index.php (pretty
 * permalinks and /wp-json/).
 *
 * @package CoquilleGate
 */

$coquille_e2e_path = (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$coquille_e2e_file = $_SERVER['DOCUMENT_ROOT'] . $coquille_e2e_path;
if ( is_file( $coquille_e2e_file ) || ( is_dir( $coquille_e2e_file ) && is_file( rtrim( $coquille_e2e_file, '/' ) . '/index.php' ) ) ) {
	return false;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
