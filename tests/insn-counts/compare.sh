#!/bin/bash
# compare.sh EXPECTED.txt NEW.txt HOST - compare one host's instruction counts with the
# checked-in file: prints each changed, added or removed form ("-" expected, "+" now), then a
# last line "PASSED FAILED" (one per form: a form passes when its line is unchanged).
set -u
exp=$1 new=$2 host=$3
body() { grep -v '^#' "$1" 2>/dev/null; }
declare -A want
while IFS= read -r line; do want[${line%% |*}]=$line; done < <(body "$exp")
p=0 f=0
declare -A seen
while IFS= read -r line; do
  name=${line%% |*}; seen[$name]=1
  if [ "${want[$name]-}" = "$line" ]; then p=$((p+1)); continue; fi
  f=$((f+1))
  [ -n "${want[$name]-}" ] && echo "$host: - ${want[$name]}"
  echo "$host: + $line"
done < <(body "$new")
for name in "${!want[@]}"; do
  [ -n "${seen[$name]-}" ] || { f=$((f+1)); echo "$host: - ${want[$name]}   (form removed)"; }
done
[ -s "$exp" ] || echo "$host: no $exp yet (make update-insn-counts)"
echo "$p $f"
