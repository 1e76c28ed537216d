#!/usr/bin/env bash
# Installs the Debian packages perfeval needs at run time when they are missing: poppler-utils (pdftotext,
# pdftoppm) for PDFs, tesseract-ocr with its Simplified Chinese and English models and its orientation model (osd,
# which turns a page fed sideways or upside down) for scans. Sourced by the other scripts; safe to run again.
set -euo pipefail
missing=()
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
ls /usr/lib/x86_64-linux-gnu/libtesseract.so.5 /usr/lib/*/libtesseract.so.5 >/dev/null 2>&1 || missing+=(tesseract-ocr)
ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-chi-sim)
ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-eng)
ls /usr/share/tesseract-ocr/*/tessdata/osd.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-osd)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} (Debian packages perfeval needs)" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi
