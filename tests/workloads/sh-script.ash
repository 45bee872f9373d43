#!/bin/sh
# sh-script.ash - the #! script of tests/workloads/sh-script.sh: POSIX sh (dash) calling i386
# programs from the sysroot through PATH, a nested #! script, pipes, command substitution,
# here-documents, traps and exit statuses.  $1: input text file.
set -u
in=$1
echo "script: $(basename "$0") args=$# first=$(basename "$1")"
lines=$(wc -l < "$in"); echo "lines: $lines"
gawk '{ n[$2]++ } END { for (w in n) print w, n[w] }' "$in" | sort -k2,2nr -k1,1 | head -n 4
sort -k3,3 -k1,1n "$in" | head -n 3 | cut -c1-30
gzip -9 -n -c "$in" | gzip -dc | cmp - "$in" && echo "gzip round trip ok"
mkdir -p t/x && cp "$in" t/x/copy && tar --sort=name --mtime=2020-01-01 --numeric-owner -cf t.tar t
tar -tvf t.tar | gawk '{ print $1, $2, $3, $6 }'
ls t/x | tr a-z A-Z
./inner.sh one "two words" three; echo "inner status: $?"
count=0
while read -r num rest; do
    case $num in *5) count=$((count + 1)) ;; esac
done < "$in"
echo "numbers ending in 5: $count"
cat <<END | sed 's/^/  here: /'
$(echo expanded) $((6 * 7))
END
trap 'echo "trap on exit, status $?"' EXIT
( exit 4 ); echo "subshell status: $?"
false | true; echo "pipeline status: $?"
nosuchcommand 2>/dev/null; echo "missing command status: $?"
exit 5
