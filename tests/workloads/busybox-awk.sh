# busybox-awk: the busybox applets that compute in floating point (x87 in busybox-static): awk,
# seq, sort -n, printf %f, sleep with a fraction.
gen_text 11 2000 > text.txt
guest busybox sh "$WORKLOAD_DIR/busybox-awk.ash" text.txt
echo "ash exit status: $?"
