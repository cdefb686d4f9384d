#!/usr/bin/env bash
# Nothing outside src/ includes a header from src/ (the internals): tests,
# benchmarks, bindings and examples reach the library through include/netra/
# only. White-box tests of internals sit beside them in src/. Usage:
# sealed_headers.sh SOURCE_DIR. Prints each offending line; exit 1 if any.
set -euo pipefail
cd "$1"
bad=0
while IFS= read -r -d '' file; do
  dir=$(dirname "$file")
  while IFS= read -r header; do
    # A quoted include that names a file under src/, and neither a public
    # header nor one beside the including file.
    if [[ -e "src/$header" && ! -e "include/$header" && ! -e "$dir/$header" ]]; then
      echo "$file: includes \"$header\" from src/"
      bad=1
    fi
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file")
done < <(find tests benchmarks bindings examples include -type f \
           \( -name '*.cc' -o -name '*.h' -o -name '*.c' -o -name '*.cpp' \) -print0)
exit "$bad"
