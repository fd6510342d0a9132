#!/usr/bin/env bash
# Regenerates hcp's TEST-ONLY signing key with GnuPG. The key has no passphrase and its secret
# half is public in this repository: it proves nothing about who signed anything.
# DO NOT TRUST IT, do not import it into a real keyring, never sign anything real with it.
# Usage: keys/generate.sh   (rewrites the files listed in keys/README.md)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
uid="hcp test key DO NOT TRUST <hcp-test-key@example.invalid>"
gpg() { command gpg --homedir "$home" --batch --quiet --pinentry-mode loopback --passphrase '' "$@"; }
gpg --quick-generate-key "$uid" ed25519 sign never
fpr="$(gpg --list-keys --with-colons "$uid" | awk -F: '/^fpr:/ { print $10; exit }')"
gpg --export "$fpr" >"$here/hcp-test.pub.gpg"
gpg --armor --export "$fpr" >"$here/hcp-test.pub.asc"
gpg --export-secret-keys "$fpr" >"$here/hcp-test.sec.gpg"
gpg --armor --export-secret-keys "$fpr" >"$here/hcp-test.sec.asc"
printf '%s\n' "$fpr" >"$here/hcp-test.fingerprint"
echo "generated test key $fpr ($uid)"
