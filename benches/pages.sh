#!/bin/sh
# Scores byline's page extraction on readability.js's test pages:
# titles equal to the expected title, bylines found, and the token F1 of
# the article text against expected.html, per page, median and mean.
#   benches/pages.sh [PAGES_DIR]     (default ../shared/pages)
set -eu
cd "$(dirname "$0")/.."
exec cargo run --quiet --release --locked --example pages -- "${1:-../shared/pages}"
