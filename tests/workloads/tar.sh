# tar: GNU tar (as root when the runner is root) creating an archive of a tree with owners,
# modes (set-id, sticky), symlinks, hard links, a fifo, a user xattr and fixed times, then
# extracting it (-x restores owners with fchownat/fchown/lchown, modes, times with utimensat,
# xattrs with lsetxattr), listing it with tar -tv and the extracted tree with coreutils ls -l;
# a gzip round trip makes tar run the sysroot's gzip (PATH) as a child.  Setup uses host tools.
# Not compared, so not listed: inode numbers and the scratch folder's own times.
export PATH=$ROOT/usr/bin:$ROOT/bin:$PATH LD_LIBRARY_PATH=$GUEST_LIBPATH
mkdir -p src/a/b src/c
gen_text 5 300 > src/a/text; printf 'x\n' > src/a/b/one; : > src/c/empty
ln -s ../a/text src/c/link; ln src/a/b/one src/c/hardone; mkfifo src/fifo
chown 1234:56 src/a/text; chown -h 77:88 src/c/link; chown 4321:4321 src/a/b
chmod 4711 src/a/text; chmod 1770 src/c; chmod 0400 src/a/b/one
python3 -c 'import os; os.setxattr("src/a/text", "user.origin", b"workload")'
find src -exec touch -h -d '2021-03-04 05:06:07' {} +
touch -d '2019-07-08 09:10:11' src/a/text
# --xattrs makes a pax archive: its extended headers carry atime, ctime and the pid by default.
pax='exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime'
guest tar --numeric-owner --xattrs --pax-option="$pax" --sort=name --mtime='2020-02-02 02:02:02' -cf plain.tar src
echo "tar -c status: $?, $(sum plain.tar)"
guest tar --numeric-owner --xattrs --sort=name -cf keep.tar src; echo "tar -c (keep times) status: $?"
guest tar --numeric-owner -tvf keep.tar; echo "tar -tv status: $?"
mkdir out && guest tar --xattrs -xpf keep.tar -C out; echo "tar -x status: $?"
guest ls -lnAR --time-style=+%Y-%m-%dT%T out; echo "ls status: $?"
python3 -c 'import os; print("xattr:", os.getxattr("out/src/a/text", "user.origin"))'
guest tar --numeric-owner --sort=name -czf z.tgz src; echo "tar -cz status: $?"
mkdir outz && guest tar -xzf z.tgz -C outz; echo "tar -xz status: $?"
diff -r -x fifo out outz && echo "same trees"
guest tar -xf missing.tar; echo "tar missing archive status: $?"
