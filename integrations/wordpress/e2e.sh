#!/usr/bin/env bash
# End-to-end test of the Coquille Gate WordPress plugin against a real
# WordPress, a real MariaDB and a real `coquille serve`, all on 127.0.0.1.
#
#   integrations/wordpress/e2e.sh [--transcript FILE] [--screenshot DIR] [--keep]
#
# What it does (each step is printed; the transcript is the output):
#  1. installs Debian's wordpress, wordpress-theme-twentytwentyone,
#     mariadb-server, php-cli, php-mysql, jq and curl with apt-get (once;
#     WP-CLI is in no registry reachable here, so WordPress is driven by its
#     REST API with application passwords, and by e2e/wp-tool.php, a small
#     PHP bootstrap, for the installation and the settings);
#  2. starts MariaDB (unix socket only, no TCP) and WordPress on PHP's built-in
#     server (127.0.0.1:$WP_PORT, router e2e/router.php), installs WordPress,
#     copies and activates the plugin, creates an author without the override
#     capability;
#  3. builds (cargo build --release -p coquille-cli) and starts `coquille
#     serve` on 127.0.0.1:$GATE_PORT with an API token;
#  4. checks: the sample article (data/samples/allinfo-poutine-bielorussie.txt)
#     created as a draft and published through REST is refused with the
#     findings; a careful French article is published; faulty alt texts and
#     captions (featured image, image block) are refused; an author cannot
#     override, an administrator can, with a logged reason; the path of the
#     classic editor (wp_insert_post) keeps a new post a draft and a live post
#     unchanged; with the gate stopped, fail-closed refuses and fail-open
#     publishes and logs; a gate that never answers is cut off by the timeout;
#     the French translation loads;
#  5. with --screenshot DIR (needs node, npm and Debian's chromium): in
#     headless Chromium, publishes the sample from the block editor (the
#     pre-publish panel lists the findings and locks Publish) and from the
#     classic editor (the post stays a draft, the notice lists the findings),
#     and saves both as PNG in DIR.
#
# Bounded in time: the whole run is under `timeout` ($E2E_TIMEOUT seconds,
# default 1800, the release build included), every HTTP request under 60 s.
# Everything it starts listens on 127.0.0.1 or a unix socket and is stopped on
# exit; its files are in a temporary directory, removed unless --keep.
# Ends with "N passed, N failed"; exits 1 if any check failed.
set -euo pipefail

if [[ -z "${COQUILLE_E2E_INNER:-}" ]]; then
	export COQUILLE_E2E_INNER=1
	exec timeout --kill-after=15 "${E2E_TIMEOUT:-1800}" "$0" "$@"
fi

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WP_PORT="${WP_PORT:-18081}"
GATE_PORT="${GATE_PORT:-18091}"
HANG_PORT="${HANG_PORT:-18092}"
TRANSCRIPT=""
SHOTS=""
KEEP=""
while [[ $# -gt 0 ]]; do
	case "$1" in
		--transcript) TRANSCRIPT="$2"; shift 2 ;;
		--screenshot) SHOTS="$2"; shift 2 ;;
		--keep) KEEP=1; shift ;;
		*) echo "usage: $0 [--transcript FILE] [--screenshot DIR] [--keep]" >&2; exit 2 ;;
	esac
done
if [[ -n "$TRANSCRIPT" ]]; then
	mkdir -p "$(dirname "$TRANSCRIPT")"
	exec > >(tee "$TRANSCRIPT") 2>&1
fi

WORK="$(mktemp -d /tmp/coquille-wp-e2e.XXXXXX)"
PIDS=()
cleanup() {
	local pid
	# Children first: PHP's built-in server forks its workers.
	for pid in "${PIDS[@]}"; do pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	if [[ -z "$KEEP" ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

PASSED=0
FAILED=0
say() { printf '\n== %s\n' "$*"; }
check() { # check DESCRIPTION COMMAND...
	local what="$1"; shift
	if "$@"; then PASSED=$((PASSED + 1)); echo "  ok   $what"
	else FAILED=$((FAILED + 1)); echo "  FAIL $what"; fi
}
wait_for() { # wait_for SECONDS COMMAND...
	local end=$((SECONDS + $1)); shift
	until "$@" >/dev/null 2>&1; do
		(( SECONDS < end )) || return 1
		sleep 0.5
	done
}

say "1. Packages (Debian)"
PACKAGES=(wordpress wordpress-theme-twentytwentyone mariadb-server php-cli php-mysql php-mbstring php-xml jq curl)
[[ -n "$SHOTS" ]] && PACKAGES+=(chromium)
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "WordPress $(dpkg-query -W -f '${Version}' wordpress), PHP $(php -r 'echo PHP_VERSION;'), MariaDB $(dpkg-query -W -f '${Version}' mariadb-server)"
echo "WP-CLI: $(apt-cache policy wp-cli 2>/dev/null | grep -q Candidate && echo in Debian || echo 'not in Debian; REST API + application passwords instead')"

say "2. MariaDB (unix socket $WORK/mysqld.sock, no TCP)"
SOCK="$WORK/mysqld.sock"
mariadb-install-db --no-defaults --user=root --datadir="$WORK/db" --auth-root-authentication-method=socket >"$WORK/mariadb-install.log" 2>&1
mariadbd --no-defaults --user=root --datadir="$WORK/db" --socket="$SOCK" --skip-networking \
	--pid-file="$WORK/mysqld.pid" --log-error="$WORK/mysqld.err" 2>>"$WORK/mysqld.err" &
PIDS+=($!)
wait_for 60 mariadb-admin --no-defaults --socket="$SOCK" ping
DB_PASS="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mariadb --no-defaults --socket="$SOCK" -uroot -e "CREATE DATABASE wordpress CHARACTER SET utf8mb4;
	CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$DB_PASS';
	GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';"
echo "database ready"

say "3. WordPress on PHP's built-in server, http://127.0.0.1:$WP_PORT"
WP="$WORK/wordpress"
cp -a /usr/share/wordpress "$WP"
rm -f "$WP/wp-config.php" "$WP/.htaccess"
cp -r "$HERE/coquille-gate" "$WP/wp-content/plugins/coquille-gate"
mkdir -p "$WP/wp-content/mu-plugins"
cat >"$WP/wp-content/mu-plugins/coquille-e2e.php" <<'PHP'
<?php
// e2e only: the classic editor, once the screenshot step asks for it.
add_filter( 'use_block_editor_for_post', fn ( $use ) => get_option( 'coquille_e2e_classic_editor' ) ? false : $use );
// No network here: no emoji images from a CDN.
remove_action( 'admin_print_scripts', 'print_emoji_detection_script' );
remove_action( 'admin_print_styles', 'print_emoji_styles' );
PHP
salt() { head -c 48 /dev/urandom | base64 | tr -d '\n/+='; }
cat >"$WP/wp-config.php" <<PHP
<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', '$DB_PASS' );
define( 'DB_HOST', 'localhost:$SOCK' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
\$table_prefix = 'wp_';
$(for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do echo "define( '$k', '$(salt)' );"; done)
define( 'WP_ENVIRONMENT_TYPE', 'local' );    // application passwords over plain http
define( 'WP_HTTP_BLOCK_EXTERNAL', true );    // no network here: only 127.0.0.1
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '$WORK/wp-debug.log' );
defined( 'ABSPATH' ) || define( 'ABSPATH', __DIR__ . '/' );
require_once ABSPATH . 'wp-settings.php';
PHP
HOST="127.0.0.1:$WP_PORT"
tool() { php "$HERE/e2e/wp-tool.php" "$WP" "$HOST" "$@"; }
ADMIN_PASS="$(salt)"
AUTHOR_PASS="$(salt)"
tool install "$ADMIN_PASS" "$AUTHOR_PASS" >"$WORK/users.json"
jq '{admin: .admin | del(.application_password), autrice: .autrice | del(.application_password)}' "$WORK/users.json"
ADMIN_APP="$(jq -r .admin.application_password "$WORK/users.json")"
AUTHOR_APP="$(jq -r .autrice.application_password "$WORK/users.json")"
PHP_CLI_SERVER_WORKERS=4 php -S "127.0.0.1:$WP_PORT" -t "$WP" "$HERE/e2e/router.php" >"$WORK/php-server.log" 2>&1 &
PIDS+=($!)
wait_for 30 curl -sf --max-time 5 "http://$HOST/wp-login.php"
echo "WordPress up; plugin active; users: admin (administrator), autrice (author)"

say "4. coquille serve on 127.0.0.1:$GATE_PORT (API token required)"
if [[ -z "${COQUILLE_BIN:-}" ]]; then
	(cd "$ROOT" && cargo build --release -q -p coquille-cli)
	COQUILLE_BIN="$ROOT/target/release/coquille"
fi
GATE_TOKEN="$(salt)"
start_gate() {
	COQUILLE_API_TOKEN="$GATE_TOKEN" COQUILLE_LOG=warn "$COQUILLE_BIN" serve --addr "127.0.0.1:$GATE_PORT" >>"$WORK/gate.log" 2>&1 &
	GATE_PID=$!
	PIDS+=("$GATE_PID")
	wait_for 30 curl -sf --max-time 5 "http://127.0.0.1:$GATE_PORT/healthz"
}
start_gate
echo "$("$COQUILLE_BIN" --version) up"
tool settings "$(jq -nc --arg url "http://127.0.0.1:$GATE_PORT" --arg token "$GATE_TOKEN" \
	'{url: $url, token: $token, policy: "fail_closed", timeout: 10, post_types: ["post"]}')"

# rest USER PASSWORD METHOD ROUTE [JSON]: prints the HTTP status, body in $WORK/body.
rest() {
	local args=(-sS --max-time 60 -o "$WORK/body" -w '%{http_code}' -u "$1:$2" -X "$3"
		-H 'content-type: application/json' "http://$HOST/?rest_route=$4")
	[[ $# -ge 5 ]] && args+=(--data-binary "$5")
	curl "${args[@]}"
}
# article FILE TITLE_INDEX: the REST body of a draft: one paragraph block per
# paragraph, the title taken from paragraph TITLE_INDEX, the lines before it
# (a site name scraped with the article) left out.
article() {
	jq -Rs --argjson t "$2" '
		def esc: gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;");
		[split("\n\n")[] | select(test("\\S")) | gsub("^\\s+|\\s+$"; "")] as $p
		| {status: "draft", title: $p[$t],
		   content: ($p[$t + 1:] | map("<!-- wp:paragraph -->\n<p>" + esc + "</p>\n<!-- /wp:paragraph -->") | join("\n\n"))}' "$1"
}
show_findings() { # the refusal's findings, one a line
	jq -r '.data.findings[] | "    \(.field) · \(.severity) · \(.rule): \(.before)[\(.text)]\(.after)" + (if .suggestion == null then "" else "  → \"\(.suggestion)\"" end)' "$WORK/body"
	jq -r '"    (\(.data.counts.findings) findings: \(.data.counts.errors) errors, \(.data.counts.warnings) warnings, \(.data.counts.infos) infos; \(.data.findings | length) listed)"' "$WORK/body"
}
status_of() { rest "$1" "$2" GET "/wp/v2/posts/$3&context=edit" >/dev/null; jq -r .status "$WORK/body"; }

SAMPLE="$ROOT/data/samples/allinfo-poutine-bielorussie.txt"
CLEAN="$ROOT/crates/coquille/tests/fixtures/clean"
[[ -f "$SAMPLE" && -f "$CLEAN/culture.txt" && -f "$CLEAN/sciences.txt" && -f "$CLEAN/sport.txt" ]] || { echo "test data missing" >&2; exit 1; }

say "5. The sample article: draft, then publish as the author (gate up, fail-closed)"
code="$(rest autrice "$AUTHOR_APP" POST /wp/v2/posts "$(article "$SAMPLE" 1)")"
SAMPLE_ID="$(jq -r .id "$WORK/body")"
echo "POST /wp/v2/posts (draft) -> $code, id $SAMPLE_ID, title: $(jq -r .title.raw "$WORK/body")"
check "draft created" test "$code" = 201
code="$(rest autrice "$AUTHOR_APP" POST "/wp/v2/posts/$SAMPLE_ID" '{"status":"publish"}')"
echo "POST /wp/v2/posts/$SAMPLE_ID {status: publish} -> $code $(jq -r .code "$WORK/body")"
echo "  message: $(jq -r .message "$WORK/body")"
show_findings
check "publication refused with 422 coquille_gate_refused" test "$code/$(jq -r .code "$WORK/body")" = 422/coquille_gate_refused
check "the refusal carries findings with excerpts" test "$(jq '[.data.findings[] | select(.text != "" and .message != "")] | length' "$WORK/body")" -gt 0
check "the post is still a draft" test "$(status_of autrice "$AUTHOR_APP" "$SAMPLE_ID")" = draft
check "the check is stored on the post" test "$(tool meta "$SAMPLE_ID" | jq -r .last_check.outcome)" = blocked

say "6. A careful French article (crates/coquille/tests/fixtures/clean/culture.txt), with an excerpt"
body="$(article "$CLEAN/culture.txt" 0 | jq '.excerpt = "Vingt-deux films en compétition, dont trois premiers longs métrages."')"
code="$(rest autrice "$AUTHOR_APP" POST /wp/v2/posts "$body")"
CLEAN_ID="$(jq -r .id "$WORK/body")"
code="$(rest autrice "$AUTHOR_APP" POST "/wp/v2/posts/$CLEAN_ID" '{"status":"publish"}')"
echo "POST /wp/v2/posts/$CLEAN_ID {status: publish} -> $code, status $(jq -r .status "$WORK/body")"
echo "  stored check: $(tool meta "$CLEAN_ID" | jq -c '.last_check | {state, summary, outcome}')"
check "careful article published" test "$code/$(jq -r .status "$WORK/body")" = 200/publish

say "6b. Image texts: the featured image's alt text and caption, an image block's alt text and caption"
IMG_ID="$(tool image "La cathédrale de Reims , au printemps." "Reims , le parvis." | jq -r .id)"
body="$(article "$CLEAN/economie.txt" 0 | jq --argjson img "$IMG_ID" '.featured_media = $img')"
code="$(rest autrice "$AUTHOR_APP" POST /wp/v2/posts "$body")"
IMG_POST="$(jq -r .id "$WORK/body")"
code="$(rest autrice "$AUTHOR_APP" POST "/wp/v2/posts/$IMG_POST" '{"status":"publish"}')"
echo "featured image with a faulty alt text and caption -> $code $(jq -r .code "$WORK/body")"
show_findings
check "featured image alt text and caption checked" test "$code/$(jq -r '[.data.findings[].field] | sort | unique | join(",")' "$WORK/body")" = 422/featured_image_alt,featured_image_caption
block='<!-- wp:image -->\n<figure class="wp-block-image"><img src="/photo.jpg" alt="Le port de Marseille , au lever du jour."/><figcaption>Le port , vu du fort Saint-Jean.</figcaption></figure>\n<!-- /wp:image -->'
body="$(article "$CLEAN/sciences.txt" 0 | jq --arg b "$(printf "$block")" '.content += "\n\n" + $b')"
code="$(rest autrice "$AUTHOR_APP" POST /wp/v2/posts "$body")"
IMG_POST="$(jq -r .id "$WORK/body")"
code="$(rest autrice "$AUTHOR_APP" POST "/wp/v2/posts/$IMG_POST" '{"status":"publish"}')"
echo "image block with a faulty alt text and caption -> $code $(jq -r .code "$WORK/body")"
show_findings
check "image block alt text and caption checked (in content)" test "$code/$(jq '[.data.findings[] | select(.field == "content")] | length' "$WORK/body")" = 422/2

say "7. Override: the author may not, an administrator may, with a logged reason"
reason='{"status":"publish","coquille_gate_override_reason":"Dépêche urgente, relue au téléphone ; corrections après publication."}'
code="$(rest autrice "$AUTHOR_APP" POST "/wp/v2/posts/$SAMPLE_ID" "$reason")"
echo "author with a reason -> $code: $(jq -r .message "$WORK/body")"
check "author cannot override" test "$code/$(status_of autrice "$AUTHOR_APP" "$SAMPLE_ID")" = 422/draft
code="$(rest admin "$ADMIN_APP" POST "/wp/v2/posts/$SAMPLE_ID" "$reason")"
echo "admin with a reason -> $code, status $(jq -r .status "$WORK/body")"
check "administrator overrides" test "$code/$(jq -r .status "$WORK/body")" = 200/publish
echo "  post meta _coquille_gate_overrides: $(tool meta "$SAMPLE_ID" | jq -c '.overrides[] | {user, reason, state, counts: .counts.findings}')"
echo "  audit log: $(tool audit | jq -c '.[-1] | {event, post_id, user, reason}')"
check "override in post meta and audit log" test "$(tool audit | jq -r '.[-1].event + "/" + (.[-1].post_id|tostring)')" = "override/$SAMPLE_ID"
check "the reason is used once (not echoed back)" test "$(jq -r .coquille_gate_override_reason "$WORK/body")" = ""

say "8. The classic editor's path (wp_insert_post_data), as the author"
tool classic "$SAMPLE" "$CLEAN/sciences.txt" | tee "$WORK/classic.json"
check "new post published with a fail verdict kept a draft" test "$(jq -r .new_post.status "$WORK/classic.json")" = draft
check "live post: failing edit not published, kept as autosave" test "$(jq -r '.live_post | "\(.status_after_bad_edit)/\(.live_content_unchanged)/\(.bad_edit_kept_as_autosave)"' "$WORK/classic.json")" = publish/true/true

say "9. The gate stopped"
kill "$GATE_PID"; wait "$GATE_PID" 2>/dev/null || true
echo "coquille serve stopped; healthz: $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$GATE_PORT/healthz" || true)"
code="$(rest autrice "$AUTHOR_APP" POST /wp/v2/posts "$(article "$CLEAN/sport.txt" 0)")"
OUT_ID="$(jq -r .id "$WORK/body")"
echo "policy fail_closed:"
code="$(rest autrice "$AUTHOR_APP" POST "/wp/v2/posts/$OUT_ID" '{"status":"publish"}')"
echo "  publish -> $code $(jq -r .code "$WORK/body"): $(jq -r .message "$WORK/body")"
check "fail-closed refuses (503) and keeps the draft" test "$code/$(status_of autrice "$AUTHOR_APP" "$OUT_ID")" = 503/draft
echo "policy fail_open:"
tool settings '{"policy":"fail_open"}' | jq -c '{policy}'
code="$(rest autrice "$AUTHOR_APP" POST "/wp/v2/posts/$OUT_ID" '{"status":"publish"}')"
echo "  publish -> $code, status $(jq -r .status "$WORK/body")"
echo "  audit log: $(tool audit | jq -c '.[-1] | {event, post_id, user, problem}')"
check "fail-open publishes and logs" test "$code/$(jq -r .status "$WORK/body")/$(tool audit | jq -r '.[-1].event')" = 200/publish/outage_open

say "10. A gate that accepts the connection and never answers (timeout 2 s, fail-closed)"
python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $HANG_PORT)); s.listen(4)
end = time.time() + 60
conns = []
while time.time() < end:
    s.settimeout(max(0.1, end - time.time()))
    try: conns.append(s.accept()[0])
    except OSError: pass
" &
HANG_PID=$!
PIDS+=("$HANG_PID")
wait_for 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$HANG_PORT"
tool settings "{\"policy\":\"fail_closed\",\"timeout\":2,\"url\":\"http://127.0.0.1:$HANG_PORT\"}" | jq -c '{policy, timeout, url}'
code="$(rest autrice "$AUTHOR_APP" POST /wp/v2/posts "$(article "$CLEAN/politique.txt" 0)")"
HANG_ID="$(jq -r .id "$WORK/body")"
t0=$SECONDS
code="$(rest autrice "$AUTHOR_APP" POST "/wp/v2/posts/$HANG_ID" '{"status":"publish"}')"
echo "  publish -> $code after $((SECONDS - t0)) s: $(jq -r .message "$WORK/body")"
check "timeout treated as an outage, within 10 s" test "$code" = 503 -a $((SECONDS - t0)) -le 10
kill "$HANG_PID" 2>/dev/null || true

say "11. French translation (fr_FR .mo)"
tool french | tee "$WORK/french.json"
check "plugin strings translated" grep -q "l’article reste un brouillon" "$WORK/french.json"

if [[ -n "$SHOTS" ]]; then
	say "12. Screenshot of the block editor's pre-publish panel (headless Chromium)"
	start_gate
	tool settings "{\"policy\":\"fail_closed\",\"timeout\":10,\"url\":\"http://127.0.0.1:$GATE_PORT\"}" | jq -c '{policy, url}'
	code="$(rest autrice "$AUTHOR_APP" POST /wp/v2/posts "$(article "$SAMPLE" 1)")"
	SHOT_ID="$(jq -r .id "$WORK/body")"
	mkdir -p "$SHOTS"
	npm install --silent --no-audit --no-fund --prefix "$WORK/node" playwright-core@1 >/dev/null
	shot() { NODE_PATH="$WORK/node/node_modules" timeout 300 node "$HERE/e2e/screenshot.cjs" "$1" \
		"http://$HOST" autrice "$AUTHOR_PASS" "$2" "$(cd "$SHOTS" && pwd)" "$WORK/chromium-profile-$1"; }
	shot block "$SHOT_ID" | tee "$WORK/shot-block.json"
	check "block editor: findings listed, Publish locked" test "$(jq -r '.findings > 0 and .publishDisabled' "$WORK/shot-block.json")" = true
	echo "classic editor (block editor turned off on this site by an e2e mu-plugin):"
	tool classic-editor 1
	code="$(rest autrice "$AUTHOR_APP" POST /wp/v2/posts "$(article "$SAMPLE" 1)")"
	CLASSIC_ID="$(jq -r .id "$WORK/body")"
	shot classic "$CLASSIC_ID" | tee "$WORK/shot-classic.json"
	check "classic editor: Publish keeps a draft, notice with findings" test "$(jq -r '"\(.status)/\(.findings > 0)/\(.coreMessage)"' "$WORK/shot-classic.json")" = draft/true/false
	check "classic editor: the post is still a draft" test "$(status_of autrice "$AUTHOR_APP" "$CLASSIC_ID")" = draft
	check "screenshots written" test -s "$SHOTS/wordpress-prepublish-panel.png" -a -s "$SHOTS/wordpress-classic-notice.png"
fi

say "Result"
touch "$WORK/wp-debug.log"
echo "PHP messages from WordPress core (6.1 on PHP 8.2 deprecations): $(grep -vc coquille-gate "$WORK/wp-debug.log" || true)"
echo "PHP messages from the plugin: $(grep -c coquille-gate "$WORK/wp-debug.log" || true)"
grep coquille-gate "$WORK/wp-debug.log" | sed 's/^/  /' | head -20 || true
check "no PHP message from the plugin" test "$(grep -c coquille-gate "$WORK/wp-debug.log" || true)" = 0
echo "$PASSED passed, $FAILED failed"
((FAILED == 0))
