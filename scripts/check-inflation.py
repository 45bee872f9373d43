#!/usr/bin/env python3
"""check-inflation.py - dynamic inflation from loongbt's own counters against an independent count.

The LoongArch build of loongbt runs a guest program under qemu-loongarch64 with qemu's
`-d in_asm,exec,nochain`: in_asm prints every LoongArch block qemu translates (its instructions
with addresses), exec prints "Trace ... [.../pc/...]" before every block it executes, and
nochain makes that every block, so the LoongArch instructions executed at any address are
counted exactly (a block left early by a fault would be over-counted; the programs here do not
fault). Of those, the ones inside loongbt's code buffer are the host instructions of translated
code; loongbt's `-d page` line "page: code buffer A-B, prologue A-C" says where the buffer and
its prologue/epilogue (entered and left once per cpu_exec round trip, not part of any TB) lie.
qemu's log goes through a FIFO to this script, so the (huge) log never reaches the disk.

Which build: the plain build (CONFIG_PROFILE=n) is the one whose inflation the counters are
meant to describe, so its count is the reference. The CONFIG_PROFILE=y build, which emits the
counter updates as code of its own, gives guest_insns / host_insns through -stats-json; its
qemu count is printed too, so the instrumentation's cost is visible (and a count that includes
the instrumentation can be checked against it).

    scripts/check-inflation.py --plain build/loongarch64/loongbt-i386 \\
        --profile build/loongarch64-profile/loongbt-i386 [--tolerance 5] PROG[:ARGS] ...

PROG may carry arguments after ':' (comma-separated). Prints one line per program and a last
line "check-inflation: N passed, N failed"; a program passes when the counters' host_insns is
within the tolerance (percent) of the plain build's qemu count. Without --profile only the qemu
counts are printed and nothing is counted as passed.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU = os.path.join(ROOT, "sysroots/qemu-trixie/usr/bin/qemu-loongarch64")
LAROOT = os.path.join(ROOT, "sysroots/loongarch64/usr/loongarch64-linux-gnu")

TRACE_PC = re.compile(r"^Trace \d+: 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/")
INSN_ADDR = re.compile(r"^0x([0-9a-f]+):")
BUFFER_LINE = re.compile(r"page: code buffer 0x([0-9a-f]+)-0x([0-9a-f]+), prologue 0x([0-9a-f]+)-0x([0-9a-f]+)")


class QemuCount:
    """Executed LoongArch instructions per qemu block, from a qemu in_asm+exec log."""

    def __init__(self):
        self.block_insns = {}   # qemu block pc -> instructions of its latest translation
        self.executed = {}      # qemu block pc -> instructions executed there so far
        self.unknown = 0        # executions of blocks never seen translated (must stay 0)

    def read(self, stream):
        block_pc = None         # inside an IN: listing (0 until its first address)
        block_n = 0
        for line in stream:
            c = line[:1]
            if c == "T":
                m = TRACE_PC.match(line)
                if m:
                    pc = int(m.group(1), 16)
                    n = self.block_insns.get(pc)
                    if n is None:
                        self.unknown += 1
                    else:
                        self.executed[pc] = self.executed.get(pc, 0) + n
            elif c == "0" and block_pc is not None:
                if INSN_ADDR.match(line):
                    if block_n == 0:
                        block_pc = int(line[2:line.index(":")], 16)
                    block_n += 1
            elif line.startswith("IN:"):
                block_pc, block_n = 0, 0
            elif block_pc is not None and not line.strip():
                # A retranslation (qemu saw the page written) replaces the count for later runs.
                if block_n:
                    self.block_insns[block_pc] = block_n
                block_pc = None
        if block_pc and block_n:
            self.block_insns[block_pc] = block_n

    def insns_in(self, lo, hi):
        return sum(n for pc, n in self.executed.items() if lo <= pc < hi)

    def insns_all(self):
        return sum(self.executed.values())


def run_under_qemu(loongbt, prog, args, stats_json=None):
    """Run loongbt on prog under qemu with qemu's in_asm/exec log; return (QemuCount, buffer
    (start, end, prologue_end), loongbt's exit status)."""
    with tempfile.TemporaryDirectory(prefix="check-inflation.") as tmp:
        fifo = os.path.join(tmp, "qemu.log")
        lbt_log = os.path.join(tmp, "loongbt.log")
        os.mkfifo(fifo)
        cmd = [QEMU, "-L", LAROOT, "-d", "in_asm,exec,nochain", "-D", fifo,
               loongbt, "-d", "page", "-D", lbt_log]
        if stats_json:
            cmd += ["-stats-json", stats_json]
        cmd += [prog] + args
        count = QemuCount()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        reader_error = []

        def reader():
            try:
                with open(fifo, "r", errors="replace", buffering=1 << 20) as f:
                    count.read(f)
            except Exception as e:   # reported by the caller
                reader_error.append(e)
        t = threading.Thread(target=reader)
        t.start()
        status = proc.wait()
        if t.is_alive():
            # qemu exited without opening the log (bad command line): unblock the reader.
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                os.close(fd)
            except OSError:
                pass
        t.join()
        if reader_error:
            raise reader_error[0]
        with open(lbt_log, errors="replace") as f:
            m = BUFFER_LINE.search(f.read())
        if not m:
            raise RuntimeError("no 'page: code buffer' line in loongbt's -d page log")
        start, end, _, prologue_end = (int(g, 16) for g in m.groups())
        return count, (start, end, prologue_end), status


def describe(count, buf):
    start, end, prologue_end = buf
    return {
        "tb_code": count.insns_in(prologue_end, end),
        "prologue": count.insns_in(start, prologue_end),
        "all": count.insns_all(),
        "unknown_blocks": count.unknown,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plain", required=True, help="LoongArch loongbt-i386, CONFIG_PROFILE=n")
    ap.add_argument("--profile", help="LoongArch loongbt-i386 built with CONFIG_PROFILE=y")
    ap.add_argument("--tolerance", type=float, default=5.0, help="percent (default 5)")
    ap.add_argument("programs", nargs="+", help="PROG[:ARG,ARG...]")
    o = ap.parse_args()

    passed = failed = 0
    for spec in o.programs:
        prog, _, argstr = spec.partition(":")
        args = argstr.split(",") if argstr else []
        name = os.path.basename(prog) + (" " + " ".join(args) if args else "")
        try:
            plain, buf, status = run_under_qemu(o.plain, prog, args)
        except Exception as e:
            print(f"FAIL {name}: plain build under qemu: {e}", flush=True)
            failed += 1
            continue
        p = describe(plain, buf)
        line = (f"{name}: plain build: {p['tb_code']} host insns executed in TBs "
                f"(+{p['prologue']} prologue/epilogue, {p['all']} in all)")
        if status != 0 or p["unknown_blocks"]:
            print(f"FAIL {line}: exit status {status}, {p['unknown_blocks']} untranslated blocks", flush=True)
            failed += 1
            continue
        if not o.profile:
            print(f"not checked {line}: no CONFIG_PROFILE build given", flush=True)
            continue
        with tempfile.NamedTemporaryFile(suffix=".json", prefix="check-inflation.") as js:
            try:
                prof, pbuf, pstatus = run_under_qemu(o.profile, prog, args, js.name)
                with open(js.name) as f:
                    text = f.read()
                if not text:
                    raise RuntimeError("no -stats-json written (is it a CONFIG_PROFILE=y build?)")
                stats = json.loads(text)
            except Exception as e:
                print(f"FAIL {line}; profile build: {e}", flush=True)
                failed += 1
                continue
        q = describe(prof, pbuf)
        gi, hi = stats.get("guest_insns"), stats.get("host_insns")
        if not gi or hi is None or pstatus != 0:
            print(f"FAIL {line}; profile build: exit status {pstatus}, guest_insns {gi}, host_insns {hi}", flush=True)
            failed += 1
            continue
        diff = 100.0 * (hi - p["tb_code"]) / p["tb_code"]
        ok = abs(diff) <= o.tolerance
        print(f"{'PASS' if ok else 'FAIL'} {name}: guest_insns {gi}, counters host_insns {hi} "
              f"(inflation {hi / gi:.2f}); qemu count of the plain build {p['tb_code']} "
              f"(inflation {p['tb_code'] / gi:.2f}), difference {diff:+.2f}%; "
              f"profile build's own code {q['tb_code']} ({q['tb_code'] / gi:.2f} per guest insn, "
              f"instrumentation {100.0 * (q['tb_code'] - p['tb_code']) / p['tb_code']:+.1f}%); "
              f"prologue/epilogue {p['prologue']}", flush=True)
        passed += ok
        failed += not ok
    print(f"check-inflation: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
