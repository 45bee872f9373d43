# busybox-sh: busybox-static's ash running a shell script that uses the integer-only applets:
# pipes, redirections, here-documents, subshells, functions, arithmetic, sort, sed, grep, cut,
# tr, uniq, wc, od, find, tar, sha256sum/md5sum and gzip round trips (busybox applets fork and
# re-exec /proc/self/exe, so execve and /proc/self/exe are exercised too).
gen_text 7 3000 > text.txt
guest busybox sh "$WORKLOAD_DIR/busybox-sh.ash" text.txt
echo "ash exit status: $?"
