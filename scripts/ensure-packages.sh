#!/usr/bin/env bash
# Installs the Debian packages perfeval needs at run time when they are missing: poppler-utils (pdftotext,
# pdftoppm) for PDFs. Sourced by the other scripts; safe to run again.
set -euo pipefail
missing=()
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} (Debian packages perfeval needs)" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi
