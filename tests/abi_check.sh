#!/usr/bin/env bash
# Compares the ABI libnetra.so exports with the stored baseline
# abi/libnetra.abi (abidiff, Debian's abigail-tools). Any change fails, an
# added function too: a change that keeps callers working is recorded on
# purpose by updating the baseline; one that breaks them also bumps
# NETRA_ABI_VERSION and the SONAME. DEVELOPERS.md has the procedure.
# Usage: abi_check.sh SOURCE_DIR LIBNETRA_SO
set -euo pipefail
src=$1 so=$2
baseline=$src/abi/libnetra.abi
if [[ ! -f $baseline ]]; then
  echo "abi_check: no baseline; make it with: abidw --no-corpus-path --exported-interfaces-only --headers-dir include/netra --drop-private-types --out-file abi/libnetra.abi $so"
  exit 1
fi
rc=0
out=$(abidiff --exported-interfaces-only --drop-private-types --hd2 "$src/include/netra" "$baseline" "$so" 2>&1) || rc=$?
echo "$out"
# abidiff exits 0 when it cannot parse the baseline: never a pass.
if grep -q "parser error" <<<"$out"; then
  echo "abi_check: abi/libnetra.abi does not parse"
  exit 1
fi
if ((rc == 0)); then
  echo "abi_check: libnetra.so matches abi/libnetra.abi"
  exit 0
fi
echo "abi_check: the exported ABI differs from abi/libnetra.abi (abidiff exit $rc)."
echo "If the change is intended: abidw --no-corpus-path --exported-interfaces-only --headers-dir include/netra --drop-private-types --out-file abi/libnetra.abi $so (see DEVELOPERS.md)"
exit 1
