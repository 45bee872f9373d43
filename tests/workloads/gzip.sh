# gzip: Debian's gzip (dynamic) compressing generated text and binary data at several levels,
# decompressing, testing (gzip -l is left out: its ratio is computed in x87), and failing on corrupt input.
gen_text 3 20000 > text
gen_binary 5 256 > bin
for f in text bin; do
    for lvl in 1 6 9; do
        guest gzip -n -$lvl -c $f > $f.$lvl.gz; echo "gzip -$lvl $f: status $?, $(sum $f.$lvl.gz)"
        guest gzip -d -c $f.$lvl.gz | cmp - $f && echo "  round trip ok"
    done
done
cp text t2 && touch -d @1000000000 t2 && guest gzip -9 t2 && ls t2* && sum t2.gz && guest gzip -t t2.gz && echo "gzip -t ok"
guest gzip -d t2.gz && cmp t2 text && echo "in-place round trip ok"
head -c 1000 text.9.gz > trunc.gz
guest gzip -d -c trunc.gz > /dev/null; echo "truncated: status $?"
guest gzip -d -c nonexistent.gz; echo "missing: status $?"
