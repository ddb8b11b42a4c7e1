#!/usr/bin/env bash
# Extracts the plugin's strings into languages/coquille-gate.pot (GNU gettext's
# xgettext, Debian package `gettext`), merges them into each .po, and compiles
# the .mo files (PHP) and the JSON files (the block editor's script).
# Usage: integrations/wordpress/tools/make-pot.sh   (from anywhere)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
plugin="$here/../coquille-gate"
cd "$plugin"
pot=languages/coquille-gate.pot
keywords=(--keyword=__ --keyword=_e --keyword=esc_html__ --keyword=esc_html_e --keyword=esc_attr__
          --keyword=esc_attr_e --keyword=_x:1,2c --keyword=_n:1,2)
common=(--from-code=UTF-8 --add-comments=translators: --sort-by-file --package-name="Coquille Gate"
        --package-version=0.1.0 --msgid-bugs-address=none --no-wrap)
# One run over both languages (chosen by extension), so that a string used in
# PHP and in the script is one entry naming both files.
xgettext "${common[@]}" "${keywords[@]}" -o "$pot.code" $(find . -name '*.php' | sort) assets/js/pre-publish-panel.js
# The plugin header's name and description, translated on the plugins screen.
for header in "Plugin Name" Description; do
	value="$(sed -n "s/^ \* $header: *//p" coquille-gate.php)"
	printf '#: coquille-gate.php\nmsgid "%s"\nmsgstr ""\n\n' "${value//\"/\\\"}"
done > "$pot.header"
msgcat --no-wrap --sort-by-file --use-first "$pot.code" "$pot.header" -o "$pot"
rm -f "$pot.code" "$pot.header"
sed -i 's/charset=CHARSET/charset=UTF-8/' "$pot"
for po in languages/*.po; do
	msgmerge --quiet --update --backup=none --no-wrap "$po" "$pot"
	msgfmt --check -o "${po%.po}.mo" "$po"
	python3 "$here/po2json.py" "$po" assets/js/pre-publish-panel.js coquille-gate-editor
done
echo "strings: $(grep -c '^msgid "' "$pot")"
