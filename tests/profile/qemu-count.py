#!/usr/bin/env python3
"""qemu-count.py - the independent count of host instructions for check-profile: run the
LoongArch build of loongbt under qemu-loongarch64 with `-d in_asm,exec,nochain` (qemu logs
every block it translates and every block it runs) and loongbt's own `-d out_asm` (whose
addresses give the code buffer and its prologue), then sum the instructions qemu ran inside
loongbt's code buffer. The counter sequences of the profile build (an address into $t8 (r20),
ld.d $t7 (r19), addi.d +1, st.d) are left out, so the sum is what loongbt's host_insns must be.

Usage: qemu-count.py QEMU_PREFIX... -- LOONGBT [loongbt options] PROGRAM
Prints one JSON object: {"host_insns": N, "prologue_epilogue_insns": N, "loongbt": {...}} with
loongbt's own -stats-json of the same run. For small programs only: the log holds every block
loongbt itself runs too.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

split = sys.argv.index("--")
qemu, rest = sys.argv[1:split], sys.argv[split + 1:]
tmp = tempfile.mkdtemp(prefix="qemu-count.")
qlog, lblog, js = (os.path.join(tmp, n) for n in ("qemu.log", "loongbt.log", "stats.json"))
cmd = [qemu[0], "-d", "in_asm,exec,nochain", "-D", qlog] + qemu[1:] + \
      [rest[0], "-d", "out_asm", "-D", lblog, "-stats-json", js] + rest[1:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)

text = open(lblog).read()
addrs = [int(a, 16) for a in re.findall(r"^0x([0-9a-f]+):", text, re.M)]
buf_lo, buf_hi = min(addrs), max(addrs) + 4
m = re.search(r"PROLOGUE: \[size=(\d+)\]\n0x([0-9a-f]+):", text)
pro_lo = int(m.group(2), 16)
pro_hi = pro_lo + int(m.group(1))

ADDR_INSN = re.compile(r"(lu12i_w|ori|lu32i_d|lu52i_d|addi_w|addi_d|pcaddu12i|pcaddu18i|pcalau12i)\s+r20,")


def counter_insns(insns):
    """Instructions of the count_exec sequences in one qemu block."""
    excl = set()
    for i in range(len(insns) - 2):
        if (re.match(r"ld_d\s+r19, r20,", insns[i]) and re.match(r"addi_d\s+r19, r19, 1$", insns[i + 1])
                and re.match(r"st_d\s+r19, r20,", insns[i + 2])):
            excl.update((i, i + 1, i + 2))
            j = i - 1
            while j >= 0 and ADDR_INSN.match(insns[j]):
                excl.add(j)
                j -= 1
    return len(excl)


blocks = {}                 # qemu block pc -> (instructions, counter instructions); latest wins
start, insns = None, []
code = pro = 0


def close_block():
    global start, insns
    if start is not None:
        blocks[start] = (len(insns), counter_insns(insns))
    start, insns = None, []


with open(qlog, errors="replace") as f:
    for line in f:
        m = re.match(r"0x([0-9a-f]+):\s+[0-9a-f]{8}\s+(.*)", line)
        if line.startswith("IN:"):
            close_block()
        elif m:
            if start is None:
                start = int(m.group(1), 16)
            insns.append(re.sub(r"\s+", " ", m.group(2)).split("#")[0].strip())
        else:
            close_block()
            if line.startswith("Trace"):
                pc = int(re.search(r"\[[0-9a-f]+/([0-9a-f]+)/", line).group(1), 16)
                if buf_lo <= pc < buf_hi:
                    n, c = blocks[pc]
                    if pro_lo <= pc < pro_hi:
                        pro += n
                    else:
                        code += n - c
stats = json.load(open(js)) if os.path.exists(js) else None
for p in (qlog, lblog, js):
    if os.path.exists(p):
        os.unlink(p)
os.rmdir(tmp)
print(json.dumps({"host_insns": code, "prologue_epilogue_insns": pro, "loongbt": stats}))
