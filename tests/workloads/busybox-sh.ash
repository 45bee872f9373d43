# busybox-sh.ash - the script busybox ash runs in the busybox-sh workload (see busybox-sh.sh).
# Integer-only applets: awk, seq, sort -n and printf %f need x87 (see busybox-awk.ash).
set -u
in=$1

count_words() {
    local f=$1
    tr ' ' '\n' < "$f" | grep -v '^[0-9]*$' | sort | uniq -c | sort -r | head -5
}

echo "== pipes and sort"
wc -l < "$in"
count_words "$in"
cut -d' ' -f2 "$in" | sort -u | tr 'a-z' 'A-Z' | tr '\n' ' '; echo
sort -k3,3 -k1,1r "$in" | head -3

echo "== sed and grep"
sed -n '10,12p' "$in"
sed 's/\(alpha\) \(beta\)/<\2 \1>/g' "$in" | grep -c '<beta alpha>'
grep -n 'mu mu mu' "$in" | head -3
grep -v -e alpha -e beta "$in" | wc -l
sed -e '/gamma/d' -e 's/^0*//' "$in" | tail -2

echo "== redirection, here-documents, subshells"
{ echo one; echo two >&2; echo three; } > out.txt 2> err.txt
cat out.txt err.txt
exec 3> fd3.txt; echo "via fd 3" >&3; exec 3>&-; cat fd3.txt
cat <<END | tr a-z A-Z
here document with $(echo substitution) and $((6 * 7))
END
x=$( (cd /; pwd) ); echo "subshell pwd: $x"
(exit 5); echo "subshell status: $?"

echo "== arithmetic and loops"
i=0; s=0
while [ $i -lt 500 ]; do s=$(( (s * 31 + i) % 1000003 )); i=$((i + 1)); done
echo "hash $s"
for w in alpha beta gamma; do printf '%s=%d ' "$w" "$(grep -c "$w" "$in")"; done; echo
case "$in" in *.txt) echo "case: text file";; *) echo "case: other";; esac
n=0; while read -r num rest; do n=$((n + ${#rest})); done < "$in"; echo "chars $n"

echo "== od, md5sum, sha256sum"
head -c 64 "$in" | od -A x -t x1 | head -4
md5sum "$in" | cut -c1-32
sha256sum "$in" | cut -c1-64

echo "== find and tar"
mkdir -p tree/a/b tree/c
for d in tree tree/a tree/a/b tree/c; do head -n 20 "$in" > "$d/file.txt"; echo "$d" > "$d/name"; done
find tree -type f | sort
find tree -name name -exec cat {} \; | sort
tar cf tree.tar tree
tar tf tree.tar | sort
mkdir -p unpacked && tar xf tree.tar -C unpacked && diff -r tree unpacked/tree && echo "tar round trip ok"
tar czf tree.tgz tree && tar tzf tree.tgz | wc -l

echo "== gzip round trips"
for lvl in 1 6 9; do
    gzip -$lvl -c "$in" > t$lvl.gz
    gunzip -c t$lvl.gz | cmp - "$in" && echo "gzip -$lvl round trip ok ($(wc -c < t$lvl.gz | tr -d ' ') bytes)"
done
gzip -t t9.gz && echo "gzip -t ok"
echo garbage > bad.gz; gunzip -c bad.gz > /dev/null 2>&1; echo "gunzip garbage: status $?"
zcat t6.gz | sha256sum | cut -c1-64

echo "== errors"
cat /nonexistent/file 2>&1 | sed 's/^[^:]*: //'
ls /nonexistent 2>/dev/null; echo "ls status $?"
exit 3
