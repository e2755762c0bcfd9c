#!/bin/sh
# Rebuilds testdata/tampered/*.docx (pandoc) and *.pdf (LibreOffice from that
# DOCX) from the tampered agreements of TestTampering. Needs pandoc and
# libreoffice (apt-get install pandoc libreoffice-writer-nogui); run from
# internal/verify. Only the addenda are kept, to keep the files small.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
VERIFY_DUMP_TAMPERED="$work" go test -count=1 -run TestTampering . >/dev/null
for md in "$work"/*.md; do
	name=$(basename "$md" .md)
	awk '/^## Addendum/{on=1} /^## ANNEX I$/{on=0} on' "$md" > "$work/$name.cut.md"
	pandoc -f markdown-fancy_lists -t docx -o "testdata/tampered/$name.docx" "$work/$name.cut.md"
	soffice --headless --convert-to pdf --outdir "$work" "testdata/tampered/$name.docx" >/dev/null
	mv "$work/$name.pdf" "testdata/tampered/$name.pdf"
done
