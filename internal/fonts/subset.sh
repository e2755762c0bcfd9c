#!/bin/sh
# Makes the embedded faces from Noto Serif as Debian packages it
# (apt-get install fonts-noto-core fonttools): Latin with Extended-A, -B and
# Additional, IPA and spacing modifiers, combining marks, Greek, Cyrillic,
# typographic punctuation, currency, letterlike symbols, number forms,
# arrows and mathematical operators, without hinting and without the
# OpenType layout tables (the PDF writer uses neither); the arrows come from
# Noto Sans Symbols (arrows.py). Run by hand; the
# output is committed. The PDF embeds a further subset: the characters a
# document uses.
set -e
src=${1:-/usr/share/fonts/truetype/noto}
unicodes="U+0020-007E,U+00A0-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-218F,U+2190-21FF,U+2200-22FF,U+25CA,U+FB00-FB06"
for style in Regular Bold Italic BoldItalic; do
	pyftsubset "$src/NotoSerif-$style.ttf" --unicodes="$unicodes" \
		--layout-features='' --no-hinting --drop-tables+=DSIG,GDEF,GPOS,GSUB \
		--name-IDs='*' --name-languages='*' --notdef-outline \
		--output-file="$(dirname "$0")/NotoSerif-$style.ttf"
done
python3 "$(dirname "$0")/arrows.py" "$src" "$(dirname "$0")"
