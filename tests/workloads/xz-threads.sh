# xz-threads: xz's multi-threaded block compressor (-T2 uses pthreads: clone with CLONE_VM,
# futexes, a shared code cache); output must equal the native one byte for byte.
gen_text 12 40000 > text
guest xz -T2 --block-size=200000 -6 -c text > text.xz; echo "xz -T2: status $?, $(sum text.xz)"
guest xz -T2 -d -c text.xz | cmp - text && echo "  round trip ok"
