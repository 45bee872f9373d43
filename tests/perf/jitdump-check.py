#!/usr/bin/env python3
"""jitdump-check.py DUMP LOONGBT [NAME] - check a jit-<pid>.dump against perf's jitdump format.

The format is perf's (tools/perf/Documentation/jitdump-specification.txt): a file header
(magic 0x4A695444, version 1, header size, ELF machine, pad, pid, timestamp, flags), then
records of {id, total_size, timestamp} + body. JIT_CODE_LOAD (id 0) bodies are pid, tid, vma,
code_addr, code_size, code_index, a NUL-terminated name, then code_size bytes of code.

Checks: the header fields (the machine must be the one in LOONGBT's own ELF header, the pid the
one in the file name); every record fits the file exactly; code loads have consecutive indexes,
vma == code_addr, non-decreasing timestamps, names "guest:..."; and NAME (if given) is among
the names. Prints one summary line; exit status 1 on the first problem.
"""
import os
import re
import struct
import sys

HEADER = struct.Struct("<IIIIIIQQ")
RECORD = struct.Struct("<IIQ")
CODE_LOAD = struct.Struct("<IIQQQQ")
KNOWN_IDS = {0: "code_load", 1: "code_move", 2: "code_debug_info", 3: "code_close", 4: "unwinding_info"}


def fail(msg):
    print("jitdump-check: FAIL: " + msg)
    sys.exit(1)


def elf_machine(path):
    with open(path, "rb") as f:
        ident = f.read(20)
    if ident[:4] != b"\x7fELF":
        fail("%s is not an ELF file" % path)
    return struct.unpack_from("<H", ident, 18)[0]


def main():
    if len(sys.argv) < 3:
        fail("usage: jitdump-check.py DUMP LOONGBT [NAME]")
    dump, loongbt = sys.argv[1], sys.argv[2]
    want = sys.argv[3] if len(sys.argv) > 3 else None
    data = open(dump, "rb").read()
    if len(data) < HEADER.size:
        fail("file shorter than the header")
    magic, version, hsize, mach, _pad, pid, _ts, _flags = HEADER.unpack_from(data, 0)
    if magic != 0x4A695444:
        fail("magic %#x" % magic)
    if version != 1 or hsize != HEADER.size:
        fail("version %d / header size %d" % (version, hsize))
    if mach != elf_machine(loongbt):
        fail("ELF machine %d, loongbt is %d" % (mach, elf_machine(loongbt)))
    m = re.search(r"jit-(\d+)\.dump$", dump)
    if not m or int(m.group(1)) != pid:
        fail("pid %d does not match the file name %s" % (pid, dump))

    pos, loads, last_ts, names = hsize, 0, 0, set()
    while pos < len(data):
        if pos + RECORD.size > len(data):
            fail("record header cut at offset %d" % pos)
        rid, size, ts = RECORD.unpack_from(data, pos)
        if rid not in KNOWN_IDS or size < RECORD.size or pos + size > len(data):
            fail("bad record id %d size %d at offset %d" % (rid, size, pos))
        if ts < last_ts:
            fail("timestamp goes back at offset %d" % pos)
        last_ts = ts
        if rid == 0:
            body = pos + RECORD.size
            rpid, _tid, vma, addr, csize, index = CODE_LOAD.unpack_from(data, body)
            end = data.index(b"\0", body + CODE_LOAD.size)
            name = data[body + CODE_LOAD.size:end].decode()
            if rpid != pid or vma != addr or index != loads:
                fail("code load %d: pid %d vma %#x addr %#x index %d" % (loads, rpid, vma, addr, index))
            if end + 1 + csize != pos + size or csize == 0:
                fail("code load %d (%s): sizes do not add up" % (loads, name))
            if not name.startswith("guest:"):
                fail("code load %d: name %r" % (loads, name))
            names.add(name.split("+")[0][len("guest:"):])
            loads += 1
        pos += size
    if want and want not in names:
        fail("no block of %s among %d code loads" % (want, loads))
    print("jitdump-check: ok: %d code loads, %d function names%s" %
          (loads, len(names), ", %s present" % want if want else ""))


if __name__ == "__main__":
    main()
