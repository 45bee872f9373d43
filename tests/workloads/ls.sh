# ls: coreutils ls -l on a tree with owners, permissions, special files, symlinks, fixed times,
# a POSIX ACL (ls reads it with lgetxattr/getxattr and prints '+') and a user xattr; sorting
# by size and time, -R.  Not compared, so not listed: inode numbers (-i) and the scratch
# folder's own times (".."): they differ between the two scratch folders.
# Setup uses host tools (python3 for the xattrs); only ls is the program under test.
mkdir -p tree/sub/deep tree/empty
printf 'abc\n' > tree/small; gen_text 3 400 > tree/big; : > tree/zero
ln -s small tree/link; ln -s missing tree/dangling; mkfifo tree/fifo; ln tree/small tree/hard
chown 1234:56 tree/small 2>/dev/null; chown 0:7 tree/big 2>/dev/null   # (chown clears set-id bits)
chmod 4755 tree/big; chmod 1777 tree/empty; chmod 0640 tree/small; chmod 2750 tree/sub
python3 - <<'PY'
import os, struct
# system.posix_acl_access: version 2, then (tag, perm, id): USER_OBJ rw-, USER 1234 r--,
# GROUP_OBJ r--, MASK r--, OTHER ---.
acl = struct.pack('<I', 2) + b''.join(struct.pack('<HHI', *e) for e in
      [(1, 6, 0xffffffff), (2, 4, 1234), (4, 4, 0xffffffff), (0x10, 4, 0xffffffff), (0x20, 0, 0xffffffff)])
for p in ('tree/zero', 'tree/sub/deep'):
    os.setxattr(p, 'system.posix_acl_access', acl)
os.setxattr('tree/big', 'user.note', b'hello')
PY
find tree -exec touch -h -d '2021-03-04 05:06:07' {} +
touch -d '2020-01-01 00:00:00' tree/zero; touch -d '2022-12-31 23:59:59' tree/big
guest ls -l --time-style=long-iso tree; echo "ls -l status: $?"
guest ls -lA --time-style=+%Y-%m-%dT%T -R tree; echo "ls -lAR status: $?"
guest ls -lS --time-style=full-iso tree; echo "ls -lS status: $?"
guest ls -lt -n --time-style=long-iso tree; echo "ls -ltn status: $?"
guest ls -ld --time-style=long-iso tree/sub tree/link tree/dangling tree/fifo; echo "ls -ld status: $?"
guest ls -lL --time-style=long-iso tree/link tree/dangling; echo "ls -lL dangling status: $?"
guest ls -F1 --color=always tree; echo "ls -F status: $?"
guest ls -l --time-style=long-iso tree/nonexistent; echo "ls missing status: $?"
