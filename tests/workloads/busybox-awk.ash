# busybox-awk.ash - the script busybox ash runs in the busybox-awk workload (see busybox-awk.sh).
in=$1
awk '{ n[$2]++ } END { for (w in n) print w, n[w] }' "$in" | sort
awk '{ s += length($0) } END { printf "avg %.3f\n", s / NR }' "$in"
awk -F' ' 'NR % 500 == 0 { print NR, $1 + 0.5, toupper($3) }' "$in"
awk 'BEGIN { printf "%.6f %d %s\n", 2 / 3, int(-3.7), 1e6 * 1e6 }'
seq 1 15 | sort -n -r | head -3
seq 0 0.25 2 | tr '\n' ' '; echo
printf '%f %e %g\n' 3.25 12345.678 0.0001
sleep 0.05 && echo slept
