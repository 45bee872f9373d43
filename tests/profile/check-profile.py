#!/usr/bin/env python3
"""check-profile.py - exact tests of loongbt's run-time counters (CONFIG_PROFILE, issue 8).

Usage: check-profile.py LOONGBT BIN_DIR [--plain | --qemu]

BIN_DIR holds the crafted guest programs of tests/profile, each .S built twice, with N = BASE
and N = BASE + K (name-BASE, name-BASE+K), plus forkexec. Every program runs natively first
(the oracle for its exit status), then under LOONGBT with -stats-json. The counters are
checked exactly: absolute values where the program has no libc (every executed instruction is
in the .S file), and differences of exactly K (or 2K...) between the two N.
--plain: LOONGBT is a build without CONFIG_PROFILE: only the static figures and the
"profile": false shape of the JSON are checked.
--qemu: LOONGBT is the .run wrapper of a LoongArch build (qemu-loongarch64 command on its exec
line): host_insns and prologue_epilogue_insns are also compared with qemu's own count of the
instructions run in the code buffer (qemu-count.py), which must be equal.
Prints one line per check and "profile-tests: N passed, N failed"; exits 1 on a failure.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BASE, K = 2, 1000
N1, N2 = BASE, BASE + K

loongbt = sys.argv[1]
bindir = sys.argv[2]
plain = "--plain" in sys.argv[3:]
with_qemu = "--qemu" in sys.argv[3:]
tmp = tempfile.mkdtemp(prefix="check-profile.")
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS", name)
    else:
        failed += 1
        print("FAIL", name, detail)


def run(prog, n=None, opts=(), env=None, args=()):
    """Native run, then loongbt run; returns (native rc, loongbt rc, json dict or None, stderr)."""
    path = os.path.join(bindir, prog if n is None else "%s-%d" % (prog, n))
    native = subprocess.run([path, *args], capture_output=True, timeout=60).returncode
    out = os.path.join(tmp, "%s-%s%s.json" % (prog, n, "".join(o.strip("-") for o in opts)))
    if os.path.exists(out):
        os.unlink(out)
    e = dict(os.environ, **(env or {}))
    cmd = [loongbt, *opts] + ([] if env else ["-stats-json", out]) + [path, *args]
    if env:
        e["LOONGBT_STATS_JSON"] = out
    r = subprocess.run(cmd, capture_output=True, timeout=600, env=e)
    data = None
    if os.path.exists(out):
        with open(out) as f:
            data = json.load(f)
    return native, r.returncode, data, r.stderr.decode(errors="replace")


def pair(prog, opts=()):
    """Both N of prog: [(N, json)], checking exit status against the native run."""
    res = []
    for n in (N1, N2):
        native, rc, data, err = run(prog, n, opts)
        # under an emulator a signal death may show as 128+sig instead of -sig
        same = rc == native or (native < 0 and rc == 128 - native)
        check("%s N=%d %s: exit status %d as natively" % (prog, n, " ".join(opts), native),
              same and data is not None, "(loongbt %d, json %s) %s" % (rc, data is not None, err[-300:]))
        res.append((n, data or {}))
    return res


def ind(d):
    return d.get("transitions", {}).get("indirect") or {}


def tr(d, key):
    return d.get("transitions", {}).get(key)


def expect(name, got, want):
    check("%s = %s" % (name, want), got == want, "(got %s)" % (got,))


def profile_checks():
    # direct jumps: exact guest instruction count, the chained / via-loop split
    (a, da), (b, db) = pair("direct")
    for n, d in ((a, da), (b, db)):
        expect("direct N=%d guest_insns" % n, d.get("guest_insns"), 3 * n + 4)
        expect("direct N=%d goto_tb_reached" % n, d.get("goto_tb_reached"), 2 * n)
        expect("direct N=%d chained+direct_via_loop" % n,
               (tr(d, "chained") or 0) + (tr(d, "direct_via_loop") or 0), 2 * n)
        expect("direct N=%d indirect" % n, sum(ind(d).values()), 0)
        expect("direct N=%d syscalls" % n, d.get("syscalls"), 1)
    chain = db.get("config", {}).get("chain")      # false in a CONFIG_TB_CHAIN=n build
    # 4 returns to the main loop (the first run of each goto_tb exit, or every one unchained)
    # and the exit syscall
    for n, d in ((a, da), (b, db)):
        rets = 4 if chain else 2 * n
        expect("direct N=%d main_loop_exits" % n, d.get("main_loop_exits"), rets + 1)
        pro, epi = d.get("prologue_insns") or 0, d.get("epilogue_insns") or 0
        check("direct N=%d prologue/epilogue sizes known" % n, pro > 3 and epi > 3)
        expect("direct N=%d prologue_epilogue_insns" % n, d.get("prologue_epilogue_insns"),
               (rets + 1) * pro + rets * (epi - 1))
    expect("direct chained difference", tr(db, "chained") - tr(da, "chained"), 2 * K if chain else 0)
    expect("direct direct_via_loop difference", tr(db, "direct_via_loop") - tr(da, "direct_via_loop"),
           0 if chain else 2 * K)
    # K more runs of the chained loop body; the exit paths run once in both runs but their
    # length may differ by a few instructions (constants such as the TB address are loaded
    # with 1 to 4 instructions on LoongArch, and addresses change from run to run)
    hd = (db.get("host_insns") or 0) - (da.get("host_insns") or 0)
    near = min(hd % K, K - hd % K)
    check("direct host_insns difference is K times the loop's code (+-8)", hd > K and near <= 8, "(%d)" % hd)
    check("direct inflation = host_insns / guest_insns",
          abs(db.get("inflation", 0) - db["host_insns"] / db["guest_insns"]) < 1e-3)
    hot = db.get("hot_tbs") or [{}]
    expect("direct hottest TB executions", hot[0].get("executions"), N2)
    expect("direct hottest TB guest_insns", hot[0].get("guest_insns"), 2 * N2)
    check("direct hot_tbs pc format", all(re.fullmatch(r"0x[0-9a-f]{8}", h.get("pc", "")) for h in hot))
    check("direct hot_tbs has symbol strings", all(isinstance(h.get("symbol"), str) for h in hot))
    check("direct hottest TB symbol is _start+0x...", re.fullmatch(r"_start\+0x[0-9a-f]+", hot[0].get("symbol", "")),
          "(%r)" % hot[0].get("symbol"))

    (a, da), (b, db) = pair("direct", ["-no-chain"])
    for n, d in ((a, da), (b, db)):
        expect("direct -no-chain N=%d config.chain" % n, d.get("config", {}).get("chain"), False)
        expect("direct -no-chain N=%d chained" % n, tr(d, "chained"), 0)
        expect("direct -no-chain N=%d direct_via_loop" % n, tr(d, "direct_via_loop"), 2 * n)
        expect("direct -no-chain N=%d guest_insns" % n, d.get("guest_insns"), 3 * n + 4)

    # indirect calls through a table: N calls + N returns, all found in the jump cache
    (a, da), (b, db) = pair("calls")
    for n, d in ((a, da), (b, db)):
        expect("calls N=%d guest_insns" % n, d.get("guest_insns"), 6 * n + 4)
        expect("calls N=%d indirect" % n, sum(ind(d).values()), 2 * n)
    expect("calls jump_cache difference", ind(db).get("jump_cache", 0) - ind(da).get("jump_cache", 0), 2 * K)
    expect("calls translate difference", ind(db).get("translate", 0) - ind(da).get("translate", 0), 0)
    for lvl in ("return_stack", "prediction_slot", "cam", "dist_table", "phys_hash"):
        check("calls indirect level %s present" % lvl, lvl in ind(db))
    (a, da), (b, db) = pair("calls", ["-no-chain"])
    expect("calls -no-chain jump_cache difference (main loop)",
           ind(db).get("jump_cache", 0) - ind(da).get("jump_cache", 0), 2 * K)

    # returns: N direct calls, N returns
    (a, da), (b, db) = pair("returns")
    for n, d in ((a, da), (b, db)):
        expect("returns N=%d guest_insns" % n, d.get("guest_insns"), 4 * n + 4)
        expect("returns N=%d indirect" % n, sum(ind(d).values()), n)
        expect("returns N=%d goto_tb_reached" % n, d.get("goto_tb_reached"), 2 * n)

    # system calls
    (a, da), (b, db) = pair("syscalls")
    for n, d in ((a, da), (b, db)):
        expect("syscalls N=%d syscalls" % n, d.get("syscalls"), n + 1)
        expect("syscalls N=%d transitions.syscalls" % n, tr(d, "syscalls"), n + 1)
        expect("syscalls N=%d guest_insns" % n, d.get("guest_insns"), 4 * n + 4)

    # signals: N delivered, 2 syscalls each (kill, rt_sigreturn), 1 indirect (handler's ret)
    (a, da), (b, db) = pair("signals")
    for n, d in ((a, da), (b, db)):
        expect("signals N=%d signals" % n, tr(d, "signals"), n)
        expect("signals N=%d syscalls" % n, d.get("syscalls"), 2 * n + 3)
    expect("signals indirect difference", sum(ind(db).values()) - sum(ind(da).values()), K)
    expect("signals guest_insns difference", db.get("guest_insns", 0) - da.get("guest_insns", 0), 10 * K)

    # fatal guest signal: the report is still written
    for n, d in pair("fatal"):
        expect("fatal N=%d guest_insns" % n, d.get("guest_insns"), 2 * n + 2)
        expect("fatal N=%d exceptions" % n, tr(d, "exceptions"), 1)
        expect("fatal N=%d signals" % n, tr(d, "signals"), 1)

    # -d stats table
    native, rc, d, err = run("direct", N1, ["-d", "stats"])
    check("-d stats table: guest insns executed", re.search(r"^stats: guest insns executed +%d$" % (3 * N1 + 4),
                                                           err, re.M) is not None, err[-500:])
    check("-d stats table: translation statistics", "TBs," in err and "guest insns translated" in err)


def qemu_checks():
    """host_insns against qemu-loongarch64's count of the same run (see qemu-count.py)."""
    with open(loongbt) as f:
        line = [l for l in f if l.startswith("exec ")][-1].split()
    prefix, binary = line[1:-2], line[-2]          # exec QEMU -L ROOT LOONGBT "$@"
    here = os.path.dirname(os.path.abspath(__file__))
    for prog in ("direct-%d" % N2, "calls-%d" % N2, "returns-%d" % N2, "syscalls-%d" % N2,
                 "signals-%d" % N1, "fatal-%d" % N1):
        r = subprocess.run([sys.executable, os.path.join(here, "qemu-count.py"), *prefix, "--", binary,
                            os.path.join(bindir, prog)], capture_output=True, timeout=900)
        try:
            q = json.loads(r.stdout)
        except ValueError:
            q = {}
        lb = q.get("loongbt") or {}
        for key in ("host_insns", "prologue_epilogue_insns"):
            check("%s %s = qemu-loongarch64's count %s" % (prog, key, q.get(key)),
                  q.get(key) is not None and lb.get(key) == q.get(key), "(loongbt %s)" % lb.get(key))


def plain_checks():
    native, rc, d, err = run("direct", N1)
    check("plain direct: exit status and json", rc == native and d is not None)
    d = d or {}
    expect("plain profile", d.get("profile"), False)
    for key in ("guest_insns", "host_insns", "inflation", "main_loop_exits", "syscalls", "hot_tbs"):
        expect("plain %s" % key, d.get(key, "absent"), None)
    expect("plain transitions.chained", tr(d, "chained"), None)
    expect("plain tbs_translated", d.get("tbs_translated"), 4)
    expect("plain guest_insns_translated", d.get("guest_insns_translated"), 8)
    check("plain code_bytes > 0", (d.get("code_bytes") or 0) > 0)
    native, rc, d, err = run("direct", N1, ["-d", "stats"])
    check("plain -d stats says the counters are off", "run-time counters off" in err, err[-300:])


def forkexec_checks():
    for how in ("option", "env"):
        out = os.path.join(tmp, "fe-%s.json" % how)
        e = dict(os.environ)
        cmd = [loongbt, "-stats-json", out] if how == "option" else [loongbt]
        if how == "env":
            e["LOONGBT_STATS_JSON"] = out
        prog = os.path.join(bindir, "forkexec")
        r = subprocess.run(cmd + [prog, out], capture_output=True, timeout=600, env=e)
        check("forkexec (%s): children do not write the file" % how, r.returncode == 0,
              "(rc %d) %s %s" % (r.returncode, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")[-300:]))
        ok = os.path.exists(out)
        if ok:
            with open(out) as f:
                ok = "tbs_translated" in json.load(f)
        check("forkexec (%s): the parent wrote it" % how, ok)
        strays = [f for f in os.listdir(tmp) if f.startswith("fe-%s.json." % how)]
        check("forkexec (%s): no stray files" % how, not strays, str(strays))


if plain:
    plain_checks()
else:
    profile_checks()
    if with_qemu:
        qemu_checks()
forkexec_checks()
shutil.rmtree(tmp, ignore_errors=True)
print("profile-tests: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
