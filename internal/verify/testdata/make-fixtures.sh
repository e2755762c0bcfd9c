#!/bin/sh
# Rebuilds the fixtures made by other tools: testdata/other/* (two example
# agreements) and testdata/tampered/* (the tampered agreements of
# TestTampering), each as DOCX made by pandoc from dpa's Markdown and as PDF
# made by LibreOffice from that DOCX. Needs pandoc and LibreOffice
# (apt-get install pandoc libreoffice-writer-nogui); run from
# internal/verify. Only the addenda are kept, to keep the files small.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tampered" "$work/other" testdata/tampered testdata/other
VERIFY_DUMP_TAMPERED="$work/tampered" go test -count=1 -run TestTampering . >/dev/null
go run ../../cmd/dpa build -q --format md -o "$work/other" \
	../../examples/support-india/kestrel-lotus.yaml ../../examples/two-modules/heron-maplewood.yaml
for dir in tampered other; do
	for md in "$work/$dir"/*.md; do
		name=$(basename "$md" .md)
		awk '/^## Addendum/{on=1} /^## ANNEX I$/{on=0} on' "$md" > "$work/$name.cut.md"
		pandoc -f markdown-fancy_lists -t docx -o "testdata/$dir/$name.docx" "$work/$name.cut.md"
		soffice --headless --convert-to pdf --outdir "$work" "testdata/$dir/$name.docx" >/dev/null 2>&1
		mv "$work/$name.pdf" "testdata/$dir/$name.pdf"
	done
done
