#!/usr/bin/env bash
# Render the demo log's Word and PDF exports to PNG for the README (docs/exports/).
# Needs Debian's libreoffice-writer (DOCX -> PDF) and poppler-utils (pdftoppm).
# Run from the project root: `make export-pictures`.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in libreoffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install libreoffice-writer poppler-utils"; exit 1; }
done
PYTHON=${PYTHON:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DATABASE_URL="sqlite:///$work/demo.sqlite3"
"$PYTHON" manage.py migrate --noinput -v 0
"$PYTHON" manage.py load_demo -v 0
"$PYTHON" manage.py export_action_log --board leicestershire-hwb --format docx -o "$work/log.docx"
"$PYTHON" manage.py export_action_log --board leicestershire-hwb --format pdf -o "$work/log.pdf"
# LibreOffice wants a writable profile; keep it out of the user's home.
libreoffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work/docx" \
  "$work/log.docx" >/dev/null
pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$work/docx/log.pdf" docs/exports/log-docx
pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$work/log.pdf" docs/exports/log-pdf
echo "Wrote docs/exports/log-docx.png and docs/exports/log-pdf.png"
