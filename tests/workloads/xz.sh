# xz: Debian's xz (dynamic, liblzma) round trips on generated data, in .xz and .lzma formats,
# with integrity checks and a corrupt input.
gen_text 9 20000 > text
gen_binary 8 256 > bin
for f in text bin; do
    for lvl in 0 6; do
        guest xz -$lvl -c $f > $f.$lvl.xz; echo "xz -$lvl $f: status $?, $(sum $f.$lvl.xz)"
        guest xz -d -c $f.$lvl.xz | cmp - $f && echo "  round trip ok"
    done
done
guest xz --format=lzma -c text > text.lzma; echo "lzma: status $?, $(sum text.lzma)"
guest xz --format=lzma -d -c text.lzma | cmp - text && echo "  round trip ok"
guest xz --check=sha256 -c bin > bin.sha.xz && guest xz -t bin.sha.xz && echo "xz -t sha256 ok"
head -c 3000 text.6.xz > trunc.xz
guest xz -d -c trunc.xz > /dev/null; echo "truncated: status $?"
