#!/usr/bin/env bash
# Vendor Leaflet from npm into the package, so the map works offline (no CDN, no tiles).
# Rebuild: scripts/vendor_leaflet.sh   (needs npm and the npm registry; run from anywhere)
set -euo pipefail

VERSION="1.9.4"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/src/factorywatch/web/static/vendor/leaflet"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm pack --silent "leaflet@$VERSION" >/dev/null
tar -xzf "leaflet-$VERSION.tgz"

rm -rf "$DEST"
mkdir -p "$DEST/images"
cp package/dist/leaflet.js package/dist/leaflet.css "$DEST/"
cp package/dist/images/*.png "$DEST/images/"
cp package/LICENSE "$DEST/LICENSE"
echo "leaflet@$VERSION from the npm registry (npm pack), files copied from dist/ by scripts/vendor_leaflet.sh" > "$DEST/VERSION"
echo "vendored leaflet@$VERSION into $DEST"
