# lua: Debian's lua5.4 (dynamic) running a script with tables, closures, coroutines, string
# library patterns, integer and float arithmetic, string.format, sorting and error handling.
gen_text 21 500 > text
guest lua5.4 "$WORKLOAD_DIR/workload.lua" text
echo "lua status: $?"
guest lua5.4 -e 'error("deliberate")'
echo "lua error status: $?"
guest_in_root lua5.4 -e 'print(("%.6f %d"):format(math.pi, 6 * 7))'
echo "lua by root path status: $?"
