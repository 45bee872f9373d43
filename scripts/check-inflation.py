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
the instrumentation can be checked against it). The two runs must have the same code layout:
under qemu the code buffer mostly cannot go next to loongbt's text (qemu holds that area), so a
helper call from translated code is pcaddu18i+jirl in most runs and bl in some; the -d page line
also gives the text address, and the plain build is rerun until its layout matches.

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
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU = os.path.join(ROOT, "sysroots/qemu-trixie/usr/bin/qemu-loongarch64")
LAROOT = os.path.join(ROOT, "sysroots/loongarch64/usr/loongarch64-linux-gnu")

BUFFER_LINE = re.compile(r"page: code buffer 0x([0-9a-f]+)-0x([0-9a-f]+), prologue 0x([0-9a-f]+)-0x([0-9a-f]+)"
                         r"(?:, asked for 0x[0-9a-f]+ \(text 0x([0-9a-f]+)\))?")
BL_REACH = 128 << 20    # LoongArch bl: +-128 MiB; beyond it a helper call takes two instructions


def layout(buf):
    """Whether translated code reaches loongbt's helpers with one-instruction calls."""
    start, end, _, text = buf
    if text is None:
        return "unknown"
    d = [abs(start - text), abs(end - text)]
    return "near" if max(d) < BL_REACH - (8 << 20) else "far" if min(d) > BL_REACH + (8 << 20) else "mixed"


class QemuCount:
    """Executed LoongArch instructions per qemu block, from a qemu in_asm+exec log (read as
    bytes; the Trace lines are most of it, so their loop does one dictionary update)."""

    def __init__(self):
        self.block_insns = {}   # block pc (16 hex digits, as in Trace lines) -> insns, latest
        self.runs = defaultdict(int)    # block pc -> executions of its latest translation
        self.retired = defaultdict(int)  # block pc -> insns executed by older translations
        self.unknown = 0        # executions of blocks never seen translated (must stay 0)

    def read(self, stream):
        runs = self.runs
        block_pc = None         # inside an IN: listing (b"" until its first address)
        block_n = 0
        for line in stream:
            if line.startswith(b"Trace"):
                i = line.find(b"[")
                runs[line[i + 10:i + 26]] += 1
            elif block_pc is not None:
                if line.startswith(b"0x"):
                    if block_n == 0:
                        block_pc = b"%016x" % int(line[2:line.index(b":")], 16)
                    block_n += 1
                elif not line.strip():
                    self.translated(block_pc, block_n)
                    block_pc = None
            elif line.startswith(b"IN:"):
                block_pc, block_n = b"", 0
        if block_pc:
            self.translated(block_pc, block_n)
        self.unknown = sum(n for pc, n in runs.items() if pc not in self.block_insns)

    def translated(self, pc, n):
        # A retranslation (qemu saw the code page written) applies to the executions after it.
        if not n:
            return
        old = self.block_insns.get(pc)
        if old is not None and self.runs.get(pc):
            self.retired[pc] += old * self.runs.pop(pc)
        self.block_insns[pc] = n

    def executed(self):
        """(block pc as int, instructions executed there)."""
        for pc in set(self.runs) | set(self.retired):
            n = self.retired.get(pc, 0) + self.block_insns.get(pc, 0) * self.runs.get(pc, 0)
            yield int(pc, 16), n

    def insns_in(self, lo, hi):
        return sum(n for pc, n in self.executed() if lo <= pc < hi)

    def insns_all(self):
        return sum(n for _, n in self.executed())


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
                with open(fifo, "rb", buffering=1 << 20) as f:
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
        if not os.path.exists(lbt_log):
            raise RuntimeError(f"loongbt exited (status {status}) before opening its log"
                               + (" - does this build know -stats-json?" if stats_json else ""))
        with open(lbt_log, errors="replace") as f:
            m = BUFFER_LINE.search(f.read())
        if not m:
            raise RuntimeError("no 'page: code buffer' line in loongbt's -d page log")
        start, end, _, prologue_end, text = (int(g, 16) if g else None for g in m.groups())
        return count, (start, end, prologue_end, text), status


def describe(count, buf):
    start, end, prologue_end, _ = buf
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
        # The code buffer lands at a different place in each run under qemu (where loongbt asks
        # for it, next to its text, is mostly taken by qemu): helper calls are one or two
        # instructions. Compare runs with the same layout: rerun the plain build if needed.
        tries = 0
        while layout(buf) != layout(pbuf) and tries < 6:
            tries += 1
            plain, buf, status = run_under_qemu(o.plain, prog, args)
            p = describe(plain, buf)
        if layout(buf) != layout(pbuf):
            print(f"FAIL {name}: no plain run with the profile run's code layout ({layout(pbuf)})", flush=True)
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
              f"prologue/epilogue {p['prologue']}; helper calls {layout(pbuf)}", flush=True)
        passed += ok
        failed += not ok
    print(f"check-inflation: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
