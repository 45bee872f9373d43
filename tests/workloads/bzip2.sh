# bzip2: Debian's bzip2 (dynamic, libbz2) round trips on generated text and binary data.
gen_text 4 30000 > text
gen_binary 6 256 > bin
for f in text bin; do
    for lvl in 1 9; do
        guest bzip2 -$lvl -c $f > $f.$lvl.bz2; echo "bzip2 -$lvl $f: status $?, $(sum $f.$lvl.bz2)"
        guest bzip2 -d -c $f.$lvl.bz2 | cmp - $f && echo "  round trip ok"
    done
done
guest bzip2 -t text.9.bz2 && echo "bzip2 -t ok"
head -c 5000 text.9.bz2 > trunc.bz2
guest bzip2 -d -c trunc.bz2 > /dev/null; echo "truncated: status $?"
