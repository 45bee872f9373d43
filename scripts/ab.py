#!/usr/bin/env python3
"""ab.py - A/B and benchmark harness of loongbt (make ab, make bench).

  ab.py ab    --a "MAKE VARS" --b "MAKE VARS" [options]   two loongbt builds against each other
  ab.py bench --loongbt CMD [options]                      native vs loongbt vs qemu-i386

Each loongbt variant is built with make (its CONFIG_* combination lands in its own build folder)
together with a CONFIG_PROFILE=y twin when the tree has that switch.  The plain builds are timed;
the twins are run once per workload with -stats-json for the transition counters, so the timed
builds pay nothing for counting.  Workloads come from tests/bench/set.txt; they run round by
round, every runner once per round (A B A B ...), so machine noise hits the runners alike.
Every run's standard output and exit status must equal the native run's.

Under an emulator (a cross build such as HOST=loongarch64 runs under qemu-loongarch64) wall
time says nothing about the target machine, so the figure is the dynamic host-instruction count
from the counters (its ratio to native is the dynamic inflation); without counters, the static
inflation of -d stats; the emulated time is still shown, labelled as such.

The report goes to build/ab/<run>/: report.txt (the terminal table), report.json, report.csv,
ratios.svg (drawn here, no plotting library) and ratios.png when rsvg-convert or ImageMagick is
installed.  Python 3 standard library only.
"""
import argparse
import csv
import datetime
import hashlib
import json
import math
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
from xml.sax.saxutils import escape

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SET_FILE = os.path.join(TOP, "tests", "bench", "set.txt")
ROOT = os.path.join(TOP, "sysroots", "i386")
GUEST_LIBPATH = ROOT + "/lib/i386-linux-gnu:" + ROOT + "/usr/lib/i386-linux-gnu"
PERF_EVENTS = ["task-clock", "page-faults", "context-switches"]
# Scalar counters of the -stats-json file: (column name, path of keys).  The indirect
# transfers are an object keyed by lookup level; its keys are read from the files themselves.
COUNTERS = [
    ("guest_insns", ("guest_insns",)),
    ("host_insns", ("host_insns",)),
    ("inflation", ("inflation",)),
    ("tbs_translated", ("tbs_translated",)),
    ("main_loop_exits", ("main_loop_exits",)),
    ("syscalls", ("syscalls",)),
    ("tb_executions", ("tb_executions",)),
    ("chained", ("transitions", "chained")),
    ("direct_via_loop", ("transitions", "direct_via_loop")),
    ("other_via_loop", ("transitions", "other_via_loop")),
    ("helper_exits", ("transitions", "helper_exits")),
    ("exceptions", ("transitions", "exceptions")),
    ("signals", ("transitions", "signals")),
    ("tbs_flushed", ("tbs_flushed",)),
    ("tbs_invalidated", ("tbs_invalidated",)),
    ("translate_time_ns", ("translate_time_ns",)),
    ("code_bytes", ("code_bytes",)),
]
REPORT_ONLY = {"tbs_flushed", "tbs_invalidated", "translate_time_ns", "code_bytes"}  # JSON/CSV
INDIRECT_AFTER = "direct_via_loop"      # where the indirect.<level> columns go
RUN_TIMEOUT = 900


def log(msg):
    print(msg, flush=True)


def die(msg):
    print("ab: " + msg, file=sys.stderr)
    sys.exit(2)


# ---- builds --------------------------------------------------------------------------------

def make_env():
    """The environment for sub-makes: no MAKEFLAGS from an outer make (its A=/B= and CONFIG_*
    command-line variables would leak into every variant)."""
    env = dict(os.environ)
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"):
        env.pop(k, None)
    return env


def tree_has_profile():
    with open(os.path.join(TOP, "configs.mk")) as f:
        return any(re.match(r"CONFIG_PROFILE\s*\?=", line) for line in f)


def build_variant(make_vars, host):
    """Build one variant; return the command that runs it (print-loongbt: the .run wrapper of a
    cross build, the binary otherwise) as an absolute path."""
    args = ["make", "-j2", "--no-print-directory", "HOST=" + host] + make_vars
    res = subprocess.run(args + ["all"], cwd=TOP, env=make_env(), stdout=subprocess.DEVNULL)
    if res.returncode != 0:
        die("build failed: " + " ".join(args))
    out = subprocess.run(["make", "-s"] + args[2:] + ["print-loongbt"], cwd=TOP, env=make_env(),
                         stdout=subprocess.PIPE, text=True, check=True).stdout
    return os.path.join(TOP, out.strip().splitlines()[-1])


def build_bench_programs():
    res = subprocess.run(["make", "-j2", "--no-print-directory", "bench-bins"], cwd=TOP,
                         env=make_env(), stdout=subprocess.DEVNULL)
    if res.returncode != 0:
        die("building the micro-benchmarks (make bench-bins) failed")


class Runner:
    """One way of running a guest program: natively, under a loongbt build, under qemu-i386."""

    def __init__(self, name, kind, label, command=None, profile_command=None, make_vars=None):
        self.name, self.kind, self.label = name, kind, label
        self.command, self.profile_command = command, profile_command
        self.make_vars = make_vars or []

    def argv(self, prog, args, dynamic, extra=()):
        """The command line running prog; extra: translator options before the program."""
        if self.kind == "native":
            if dynamic:
                return [ROOT + "/lib/ld-linux.so.2", "--library-path", GUEST_LIBPATH, prog] + args
            return [prog] + args
        return [self.command] + list(extra) + ["-L", ROOT, prog] + args

    def describe(self):
        d = {"name": self.name, "kind": self.kind, "label": self.label}
        if self.command:
            d["command"] = self.command
        if self.profile_command:
            d["profile_command"] = self.profile_command
        if self.kind == "loongbt":
            d["make_vars"] = self.make_vars
        return d


# ---- benchmark set and inputs -------------------------------------------------------------

def load_set(selection):
    """Workloads of tests/bench/set.txt in a set, or named one by one (comma-separated)."""
    all_w = []
    with open(SET_FILE) as f:
        for line in f:
            line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
            if not line:
                continue
            name, sets, stdin, *cmd = line.split()
            all_w.append({"name": name, "sets": sets.split(","), "stdin": stdin, "cmd": cmd})
    picked = [w for w in all_w if selection in w["sets"]]
    if not picked:
        names = selection.split(",")
        picked = [w for w in all_w if w["name"] in names]
        unknown = set(names) - {w["name"] for w in picked}
        if unknown:
            die("unknown benchmark set or workload: " + ", ".join(sorted(unknown)) +
                " (sets: " + ", ".join(sorted({s for w in all_w for s in w["sets"]})) + ")")
    return picked


def expand(word, subst, scale):
    def one(m):
        key = m.group(1)
        if key == "scale":
            return "%g" % scale
        if key.startswith("scale*"):
            return "%g" % (scale * float(key[6:]))
        return subst[key]
    return re.sub(r"\{([a-z]+(?:\*[0-9.]+)?)\}", one, word)


def resolve(w, subst, scale):
    """Program path, arguments, stdin path and whether the program is dynamic."""
    words = []
    for x in w["cmd"]:
        x = expand(x, subst, scale)
        m = re.fullmatch(r"(.+)\*([0-9]+)", x)
        words += [m.group(1)] * int(m.group(2)) if m else [x]
    prog = words[0]
    if prog.startswith("@"):
        for d in ("usr/bin", "bin", "usr/sbin", "sbin"):
            p = os.path.join(ROOT, d, prog[1:])
            if os.path.isfile(p):
                prog = p
                break
        else:
            die("no program '%s' in %s (run 'make deps' or scripts/fetch-i386-sysroot.sh)"
                % (prog[1:], ROOT))
    with open(prog, "rb") as f:
        dynamic = b"/ld-linux.so.2" in f.read(8192)
    stdin = None if w["stdin"] == "-" else expand(w["stdin"], subst, scale)
    return prog, words[1:], stdin, dynamic


class Lcg:
    """Deterministic numbers for the inputs (same bytes on every machine and Python)."""

    def __init__(self, seed):
        self.x = seed

    def next(self):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return self.x >> 33


INPUTS_VERSION = "2"


def make_inputs(folder, scale):
    """Generate the inputs of one scale into folder (kept between runs; a stamp says they are
    complete): text (words with a skewed distribution and numbers), a smaller slice of it,
    compressed copies (Python's own bz2/lzma/zlib), binary data, the SQL script."""
    stamp = os.path.join(folder, ".complete")
    if os.path.exists(stamp) and open(stamp).read() == INPUTS_VERSION:
        return
    os.makedirs(folder, exist_ok=True)
    log("ab: generating inputs for scale %g in %s" % (scale, os.path.relpath(folder, TOP)))
    rng = Lcg(20261204)
    syll = ["ka", "lo", "mi", "ne", "ru", "ta", "shi", "bo", "ge", "pa", "zu", "de", "an", "or", "il"]
    vocab = []
    for i in range(6000):
        n, w = 1 + i % 4, ""
        for _ in range(n):
            w += syll[rng.next() % len(syll)]
        vocab.append(w + ("" if i % 5 else str(i % 97)))
    target = int(12_000_000 * scale) + 1000
    lines, size, lineno = [], 0, 0
    while size < target:
        lineno += 1
        words = ["%07d" % lineno] if lineno % 3 == 0 else []
        for _ in range(6 + rng.next() % 9):
            u = (rng.next() % 1_000_000) / 1_000_000.0
            words.append(vocab[int(len(vocab) * u * u * u)])
        line = " ".join(words) + "\n"
        lines.append(line)
        size += len(line)
    text = "".join(lines).encode()
    import bz2
    import gzip
    import lzma
    files = {
        "text": text,
        "text-small": text[:len(text) // 6],
        "text.bz2": bz2.compress(text, 9),
        "text.xz": lzma.compress(text, preset=6),
        "text.gz": gzip.compress(text, 9, mtime=0),
    }
    blocks = []
    for i in range(max(1, int(8192 * scale))):            # 4 KiB blocks: random half, runs half
        blocks.append(bytes(rng.next() & 255 for _ in range(64)) * 32 if i % 2
                      else bytes([rng.next() & 255]) * 4096)
    files["binary"] = b"".join(blocks)
    with open(os.path.join(TOP, "tests", "bench", "bench.sql.in")) as f:
        files["bench.sql"] = f.read().replace("@ROWS@", str(int(375_000 * scale) + 100)).encode()
    for name, data in files.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    with open(stamp, "w") as f:
        f.write(INPUTS_VERSION)


# ---- running -------------------------------------------------------------------------------

def perf_usable():
    if not shutil.which("perf"):
        return False
    r = subprocess.run(["perf", "stat", "-x,", "-e", ",".join(PERF_EVENTS), "--", "true"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


def parse_perf(path):
    vals = {}
    try:
        with open(path) as f:
            for line in f:
                parts = line.strip().split(",")
                if len(parts) > 2 and parts[2] in PERF_EVENTS:
                    try:
                        vals[parts[2]] = float(parts[0])
                    except ValueError:
                        vals[parts[2]] = None            # <not supported> / <not counted>
    except OSError:
        pass
    return vals


def run_once(argv, stdin, workdir, tag, perf=False):
    """Run one command; return wall seconds, exit status, stdout digest, rusage figures, perf
    counters.  Standard output goes to a file (hashed), standard error to another."""
    out_path = os.path.join(workdir, tag + ".out")
    err_path = os.path.join(workdir, tag + ".err")
    perf_path = os.path.join(workdir, tag + ".perf")
    if perf:
        argv = ["perf", "stat", "-x,", "-e", ",".join(PERF_EVENTS), "-o", perf_path, "--"] + argv
    env = dict(os.environ, LC_ALL="C", TZ="UTC")
    with open(stdin or os.devnull, "rb") as fin, open(out_path, "wb") as fout, \
            open(err_path, "wb") as ferr:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=fin, stdout=fout, stderr=ferr, cwd=workdir, env=env)
        deadline = t0 + RUN_TIMEOUT
        try:
            while True:
                pid, status, ru = os.wait4(p.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    p.kill()
                time.sleep(0.002)
        except BaseException:             # interrupted (^C, SIGTERM): leave no run behind
            p.kill()
            os.wait4(p.pid, 0)
            raise
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    h = hashlib.sha256()
    with open(out_path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    os.unlink(out_path)
    return {"wall": wall, "status": p.returncode, "digest": h.hexdigest(),
            "cpu": ru.ru_utime + ru.ru_stime, "faults": ru.ru_minflt + ru.ru_majflt,
            "ctxsw": ru.ru_nvcsw + ru.ru_nivcsw, "perf": parse_perf(perf_path) if perf else {},
            "stderr": err_path}


def get_path(d, path):
    for k in path:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d if isinstance(d, (int, float)) and not isinstance(d, bool) else None


def flatten_stats(js):
    """The counters of one -stats-json file as a flat dict (indirect.<level> for the levels)."""
    flat = {name: get_path(js, path) for name, path in COUNTERS}
    ind = js.get("transitions", {}).get("indirect") if isinstance(js.get("transitions"), dict) else None
    if isinstance(ind, dict):
        for level, v in ind.items():
            if isinstance(v, (int, float)):
                flat["indirect." + level] = v
    return flat


def static_inflation(path):
    """'static inflation X' from a -d stats log (the translation-time figure every build has)."""
    try:
        with open(path) as f:
            found = re.findall(r"static inflation ([0-9.]+)", f.read())
        return float(found[-1]) if found else None
    except OSError:
        return None


def stats_run(runner, prog, args, stdin, workdir, tag, fake_stats, has_profile):
    """One run of the runner's CONFIG_PROFILE twin with -stats-json (and its -d stats table in
    the work folder).  Returns the flat counters (None for what is not available), hot_tbs and
    where they came from; nothing runs when the tree has no CONFIG_PROFILE."""
    json_path = os.path.join(workdir, tag + ".profile.json")
    log_path = os.path.join(workdir, tag + ".profile.log")
    r = {"status": None, "digest": None, "wall": None}
    if has_profile:
        argv = [runner.profile_command, "-d", "stats", "-D", log_path, "-stats-json", json_path,
                "-L", ROOT, prog] + args
        r = run_once(argv, stdin, workdir, tag + ".profile")
    js, source = {}, "n/a"
    if fake_stats:
        with open(fake_stats) as f:
            js, source = json.load(f), "fake (" + os.path.basename(fake_stats) + ")"
    elif has_profile:
        try:
            with open(json_path) as f:
                js, source = json.load(f), "CONFIG_PROFILE twin"
        except (OSError, ValueError):
            source = "n/a (no -stats-json output)"
    else:
        source = "n/a (no CONFIG_PROFILE in this tree)"
    flat = flatten_stats(js) if js else {name: None for name, _ in COUNTERS}
    return {"counters": flat, "hot_tbs": js.get("hot_tbs", [])[:20] if js else [],
            "source": source, "status": r["status"], "digest": r["digest"],
            "wall": r["wall"]}


# ---- statistics ----------------------------------------------------------------------------

def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def quartiles(xs):
    xs = sorted(xs)
    if len(xs) < 2:
        return (xs[0], xs[0]) if xs else (None, None)
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], q[2]


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def shown_path(p):
    """Paths inside the tree relative to it, others as they are."""
    return os.path.relpath(p, TOP) if p.startswith(TOP + "/") else p


def fmt(v, kind="num"):
    if v is None:
        return "n/a"
    if kind == "s":
        return "%.3fs" % v
    if kind == "x":
        return "%.3fx" % v
    if isinstance(v, float) and not v.is_integer():
        return "%.3f" % v if abs(v) < 100 else "%.0f" % v
    return "%d" % v


# ---- the run -------------------------------------------------------------------------------

def run_workloads(runners, workloads, opts, workdir, subst, has_profile, emulated):
    perf = opts.perf and perf_usable()
    if opts.perf and not perf:
        log("ab: perf stat cannot count here (not installed or not permitted): perf columns n/a")
    native = Runner("native", "native", "native")
    results = []
    for w in workloads:
        prog, args, stdin, dynamic = resolve(w, subst, opts.scale)
        shown = " ".join(shown_path(a) for a in [prog] + args)
        log("ab: %-12s %s%s" % (w["name"], shown, " < " + shown_path(stdin) if stdin else ""))
        ref = run_once(native.argv(prog, args, dynamic), stdin, workdir, w["name"] + ".native")
        entry = {"name": w["name"], "command": shown, "stdin": stdin and shown_path(stdin),
                 "native_reference": {"wall": ref["wall"], "status": ref["status"]},
                 "runs": {}, "mismatches": []}
        per = {r.name: [] for r in runners}
        for rnd in range(opts.rounds):
            line = []
            for r in runners:
                res = run_once(r.argv(prog, args, dynamic), stdin, workdir,
                               "%s.%s.%d" % (w["name"], r.name, rnd))
                if (res["status"], res["digest"]) != (ref["status"], ref["digest"]):
                    entry["mismatches"].append("%s round %d: status %d (native %d)%s" % (
                        r.name, rnd + 1, res["status"], ref["status"],
                        ", stdout differs" if res["digest"] != ref["digest"] else ""))
                per[r.name].append(res)
                line.append("%s %.3fs" % (r.name, res["wall"]))
            log("      round %d: %s" % (rnd + 1, "  ".join(line)))
        for r in runners:
            runs = per[r.name]
            d = {"times": [x["wall"] for x in runs], "median": median([x["wall"] for x in runs]),
                 "cpu": median([x["cpu"] for x in runs]),
                 "rusage": {"faults": median([x["faults"] for x in runs]),
                            "context_switches": median([x["ctxsw"] for x in runs])},
                 "perf": {}}
            if perf or r.kind == "loongbt":
                # A run of its own of the plain build: perf stat's start-up (tens of ms) must
                # not enter the times, and the static figures of -d stats must come from the
                # build measured, not from its counting twin (whose blocks carry the counters).
                tag = "%s.%s.plain" % (w["name"], r.name)
                stats_log = os.path.join(workdir, tag + ".stats.log")
                res = run_once(r.argv(prog, args, dynamic, extra=["-d", "stats", "-D", stats_log]
                                      if r.kind == "loongbt" else []),
                               stdin, workdir, tag, perf=perf)
                d["perf"] = res["perf"]
                if (res["status"], res["digest"]) != (ref["status"], ref["digest"]):
                    entry["mismatches"].append("%s perf stat / -d stats run: status %d (native %d)"
                                               % (r.name, res["status"], ref["status"]))
            if r.kind == "loongbt":
                st = stats_run(r, prog, args, stdin, workdir, w["name"] + "." + r.name,
                               opts.fake_stats, has_profile)
                if has_profile and (st["status"], st["digest"]) != (ref["status"], ref["digest"]):
                    entry["mismatches"].append("%s counting run: status %d (native %d)" % (
                        r.name, st["status"], ref["status"]))
                st["counters"]["static_inflation"] = static_inflation(stats_log)
                d.update(counters=st["counters"], hot_tbs=st["hot_tbs"], counters_source=st["source"])
            entry["runs"][r.name] = d
        compute_ratios(entry, runners, emulated)
        for m in entry["mismatches"]:
            log("ab: OUTPUT MISMATCH %s: %s" % (w["name"], m))
        results.append(entry)
    return results, perf


def compute_ratios(entry, runners, emulated):
    base = runners[0]
    entry["ratios"] = {}
    if not emulated:
        entry["metric"] = "wall time"
        bt = entry["runs"][base.name]["times"]
        for r in runners[1:]:
            per_round = [t / b for t, b in zip(entry["runs"][r.name]["times"], bt) if b > 0]
            q1, q3 = quartiles(per_round)
            bc = entry["runs"][base.name]["cpu"]
            entry["ratios"][r.name] = {
                "ratio": entry["runs"][r.name]["median"] / entry["runs"][base.name]["median"],
                "per_round": per_round, "min": min(per_round), "max": max(per_round),
                "q1": q1, "q3": q3,
                "cpu_ratio": entry["runs"][r.name]["cpu"] / bc if bc else None}
        return
    # Emulated: deterministic counts, one value per runner (no spread).
    def value(r, key):
        d = entry["runs"][r.name]
        if r.kind == "native":
            ref = next((x for x in runners if x.kind == "loongbt"), None)
            if key == "host_insns" and ref:
                return entry["runs"][ref.name]["counters"].get("guest_insns")
            return 1.0 if key == "static_inflation" else None
        return d.get("counters", {}).get(key)
    for key, metric in (("host_insns", "dynamic host instructions (counters)"),
                        ("static_inflation", "static inflation (-d stats)"), (None, "emulated time")):
        vals = [value(r, key) if key else entry["runs"][r.name]["median"] for r in runners]
        if all(v for v in vals):
            entry["metric"] = metric
            base_t = entry["runs"][runners[0].name]["median"]
            for r, v in zip(runners[1:], vals[1:]):
                entry["ratios"][r.name] = {"ratio": v / vals[0], "per_round": [], "min": None,
                                           "max": None, "q1": None, "q3": None,
                                           "emulated_time_ratio": entry["runs"][r.name]["median"] / base_t}
            return


# ---- report --------------------------------------------------------------------------------

def counter_names(results, runners):
    names = [n for n, _ in COUNTERS]
    extra = []
    for e in results:
        for r in runners:
            for k in e["runs"][r.name].get("counters", {}):
                if k.startswith("indirect.") and k not in extra:
                    extra.append(k)
    at = names.index(INDIRECT_AFTER) + 1
    return names[:at] + extra + names[at:] + ["static_inflation"]


def text_report(rep, runners, results, cnames, perf):
    out = []
    emulated = rep["emulated"]
    out.append("ab report %s  (host %s, set %s, scale %g, %d round(s), %s)" % (
        rep["run"], rep["host"], rep["bench"], rep["scale"], rep["rounds"], rep["date"]))
    for r in runners:
        out.append("  %-8s %s%s" % (r.name, r.label, "  [" + shown_path(r.command) + "]"
                                    if r.command else ""))
    if emulated:
        out.append("  EMULATED host: wall times are emulated time, not the target's; the ratios use "
                   "the figure named per workload (dynamic host instructions when counters exist).")
    base, others = runners[0], runners[1:]
    tw = max(11, 2 + max(len(r.name) for r in runners) + 4)
    rw = max(10, 2 + max(len(r.name) for r in runners) + 1 + len(base.name))
    hdr = "%-13s" % "workload" + "".join("%*s" % (tw, r.name + " med") for r in runners)
    for r in others:
        hdr += "%*s %-17s" % (rw, r.name + "/" + base.name, "spread(min-max)")
    if not emulated:            # user+sys time: steadier than wall time on a busy machine
        hdr += "".join("%*s" % (rw + 4, "cpu " + r.name + "/" + base.name) for r in others)
    out.append("")
    out.append(hdr + "  figure")
    for e in results:
        line = "%-13s" % e["name"] + "".join("%*s" % (tw, fmt(e["runs"][r.name]["median"], "s"))
                                             for r in runners)
        for r in others:
            ra = e["ratios"].get(r.name)
            sp = "n/a" if not ra or ra["min"] is None else "%.3f-%.3f" % (ra["min"], ra["max"])
            line += "%*s %-17s" % (rw, fmt(ra and ra["ratio"], "x"), sp)
        if not emulated:
            line += "".join("%*s" % (rw + 4, fmt(e["ratios"].get(r.name, {}).get("cpu_ratio"), "x"))
                            for r in others)
        line += "  " + e.get("metric", "n/a")
        if emulated:
            line += "".join("  (emulated time %s/%s %s)" % (r.name, base.name, fmt(
                e["ratios"].get(r.name, {}).get("emulated_time_ratio"), "x")) for r in others)
        line += "  MISMATCH" if e["mismatches"] else ""
        out.append(line)
    line = "%-13s" % "geomean" + " " * tw * len(runners)
    for r in others:
        line += "%*s %-17s" % (rw, fmt(rep["geomean"].get(r.name), "x"), "")
    if not emulated:
        line += "".join("%*s" % (rw + 4, fmt(rep["geomean_cpu"].get(r.name), "x")) for r in others)
    out.append(line)
    counted = [r for r in runners if r.kind == "loongbt"]
    if counted:
        out.append("")
        src = sorted({e["runs"][r.name].get("counters_source", "n/a") for e in results for r in counted})
        out.append("counters (one run of each runner's CONFIG_PROFILE twin; source: %s; static_infl:"
                   " -d stats of the plain build)" % ", ".join(src))
        short = {"guest_insns": "guest_ins", "host_insns": "host_ins", "inflation": "infl",
                 "tbs_translated": "tbs", "main_loop_exits": "loop_exits", "syscalls": "syscalls",
                 "direct_via_loop": "via_loop", "static_inflation": "static_infl",
                 "exceptions": "except", "tb_executions": "tb_execs",
                 "other_via_loop": "other_loop", "helper_exits": "helper_ex"}
        # The terminal leaves out the JSON/CSV-only counters and lookup levels that stayed 0.
        def shown(c):
            if c in REPORT_ONLY:
                return False
            return not c.startswith("indirect.") or any(
                e["runs"][r.name].get("counters", {}).get(c) for e in results for r in counted)
        cols = [(c, short.get(c, c.replace("indirect.", "ind."))) for c in cnames if shown(c)]
        widths = [max(11, len(s)) for _, s in cols]
        out.append("%-13s %-6s" % ("workload", "runner") +
                   "".join(" %*s" % (wd, s) for (_, s), wd in zip(cols, widths)))
        for e in results:
            for r in counted:
                c = e["runs"][r.name].get("counters", {})
                out.append("%-13s %-6s" % (e["name"], r.name) +
                           "".join(" %*s" % (wd, fmt(c.get(k))) for (k, _), wd in zip(cols, widths)))
        hot = [(e, r) for e in results for r in counted if e["runs"][r.name].get("hot_tbs")]
        if hot:
            out.append("")
            out.append("hottest blocks (top 3 of hot_tbs; all 20 in report.json)")
            for e, r in hot:
                for tb in e["runs"][r.name]["hot_tbs"][:3]:
                    out.append("%-13s %-6s %-28s %12s execs %10s guest %10s host insns" % (
                        e["name"], r.name, str(tb.get("symbol") or tb.get("pc") or tb.get("guest_pc")),
                        fmt(tb.get("executions")), fmt(tb.get("guest_insns")), fmt(tb.get("host_insns"))))
    out.append("")
    if perf:
        out.append("perf stat (software events, one run of each plain build; no hardware PMU here)")
    else:
        out.append("rusage of the timed runs, medians (perf stat %s)" % (
            "off" if not rep["perf_requested"] else "not usable here"))
    out.append("%-13s %-8s %12s %12s %12s %12s" % ("workload", "runner", "task-clock",
                                                   "page-faults", "ctx-switch", "cpu(rusage)"))
    for e in results:
        for r in runners:
            d = e["runs"][r.name]
            if perf:
                p = d["perf"]
                vals = (fmt(p.get("task-clock") and p["task-clock"] / 1000.0, "s"),
                        fmt(p.get("page-faults")), fmt(p.get("context-switches")))
            else:
                vals = (fmt(d["cpu"], "s"), fmt(d["rusage"]["faults"]),
                        fmt(d["rusage"]["context_switches"]))
            out.append("%-13s %-8s %12s %12s %12s %12s" % ((e["name"], r.name) + vals +
                                                         (fmt(d["cpu"], "s"),)))
    bad = [e["name"] for e in results if e["mismatches"]]
    out.append("")
    out.append("outputs: " + ("all identical to native" if not bad else
                              "DIFFER from native in " + ", ".join(bad)))
    return "\n".join(out) + "\n"


def write_csv(path, runners, results, cnames):
    base, others = runners[0], runners[1:]
    head = ["workload", "metric"] + ["%s_median_s" % r.name for r in runners]
    for r in others:
        head += ["%s_ratio" % r.name, "%s_ratio_min" % r.name, "%s_ratio_max" % r.name,
                 "%s_ratio_q1" % r.name, "%s_ratio_q3" % r.name, "%s_cpu_ratio" % r.name]
    for r in runners:
        head += ["%s_cpu_s" % r.name] + ["%s_%s" % (r.name, e) for e in PERF_EVENTS]
    counted = [r for r in runners if r.kind == "loongbt"]
    for r in counted:
        head += ["%s_%s" % (r.name, c) for c in cnames]
    head.append("output_ok")
    with open(path, "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(head)
        for e in results:
            row = [e["name"], e.get("metric", "n/a")] + [e["runs"][r.name]["median"] for r in runners]
            for r in others:
                ra = e["ratios"].get(r.name) or {}
                row += [ra.get(k) for k in ("ratio", "min", "max", "q1", "q3", "cpu_ratio")]
            for r in runners:
                row += [e["runs"][r.name]["cpu"]] + [e["runs"][r.name]["perf"].get(ev)
                                                     for ev in PERF_EVENTS]
            for r in counted:
                row += [e["runs"][r.name].get("counters", {}).get(c) for c in cnames]
            row.append("no" if e["mismatches"] else "yes")
            wr.writerow(["n/a" if v is None else (round(v, 6) if isinstance(v, float) else v)
                         for v in row])


COLOURS = ["#3b6fb6", "#d9822b", "#4a9a4a", "#a04aa0"]


def write_svg(path, rep, runners, results):
    """Horizontal bars: one group per workload (and the geometric mean), one bar per runner
    compared with the first, the min-max whisker of the per-round ratios, a line at 1."""
    others = runners[1:]
    rows = [(e["name"], {r.name: e["ratios"].get(r.name) for r in others}) for e in results]
    rows.append(("geomean", {r.name: {"ratio": rep["geomean"].get(r.name), "min": None,
                                      "max": None} for r in others}))
    vals = [x for _, ra in rows for r in ra.values() if r for x in (r["ratio"], r.get("max")) if x]
    vmax = max(vals + [1.0]) * 1.12
    left, width, bar, gap, top = 130, 560, 14, 10, 66
    group = bar * len(others) + gap
    height = top + group * len(rows) + 50
    sx = lambda v: left + width * v / vmax
    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
         'font-size="11">' % (left + width + 90, height),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="10" y="18" font-size="14" font-weight="bold">%s</text>' % escape(
             "loongbt %s: ratio to %s per workload (%s)" % (rep["mode"], runners[0].name,
                                                          rep["run"])),
         '<text x="10" y="34">%s</text>' % escape(
             "figure: %s%s" % (", ".join(sorted({e.get("metric", "n/a") for e in results})),
                               " (emulated host: not wall time)" if rep["emulated"] else
                               " (median wall time; whiskers: min-max of the per-round ratios)")),
         '<text x="10" y="48">%s</text>' % escape(
             "; ".join("%s = %s" % (r.name, r.label) for r in runners))]
    step = 10 ** math.floor(math.log10(vmax)) if vmax > 0 else 1
    step = step / 2 if vmax / step < 4 else step
    v = 0.0
    while v <= vmax:
        s.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (
            sx(v), top - 6, sx(v), height - 40))
        s.append('<text x="%.1f" y="%d" text-anchor="middle">%g</text>' % (sx(v), height - 26, v))
        v += step
    for i, (name, ra) in enumerate(rows):
        y = top + i * group
        s.append('<text x="%d" y="%d" text-anchor="end"%s>%s</text>' % (
            left - 6, y + group / 2, ' font-weight="bold"' if name == "geomean" else "", escape(name)))
        for j, r in enumerate(others):
            x = ra.get(r.name)
            yb = y + j * bar
            if not x or not x["ratio"]:
                s.append('<text x="%d" y="%d" fill="#888">n/a</text>' % (left + 4, yb + bar - 3))
                continue
            s.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>' % (
                left, yb + 1, sx(x["ratio"]) - left, bar - 2, COLOURS[j % len(COLOURS)]))
            if x.get("min") is not None and x.get("max") is not None:
                ym = yb + bar / 2
                s.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black"/>' % (
                    sx(x["min"]), ym, sx(x["max"]), ym))
                for e in (x["min"], x["max"]):
                    s.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="black"/>' % (
                        sx(e), yb + 3, sx(e), yb + bar - 3))
            s.append('<text x="%.1f" y="%d">%.3f</text>' % (
                max(sx(x["ratio"]), sx(x.get("max") or 0)) + 4, yb + bar - 3, x["ratio"]))
    s.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#c00" stroke-dasharray="4,3"/>' % (
        sx(1), top - 6, sx(1), height - 40))
    for j, r in enumerate(others):
        s.append('<rect x="%d" y="%d" width="12" height="10" fill="%s"/><text x="%d" y="%d">%s</text>'
                 % (left + 160 * j, height - 14, COLOURS[j % len(COLOURS)], left + 160 * j + 16,
                    height - 5, escape("%s / %s" % (r.name, runners[0].name))))
    s.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(s) + "\n")


def write_png(svg, png):
    if shutil.which("rsvg-convert"):
        cmd = ["rsvg-convert", "-o", png, svg]
    elif shutil.which("magick") or shutil.which("convert"):
        cmd = [shutil.which("magick") or "convert", svg, png]
    else:
        return None
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return png if r.returncode == 0 and os.path.exists(png) else None


def inflation_table(rep, results, runners):
    """The per-workload inflation table kept as tests/bench/inflation-<host>.txt (bench mode
    under an emulator), with its header."""
    lb = next(r for r in runners if r.kind == "loongbt")
    lines = [
        "# inflation-%s.txt - dynamic and static code inflation of the %s back end on the" % (
            rep["host"], rep["host"]),
        "# benchmark set (tests/bench/set.txt), recorded so that changes show in review.  Written by",
        "# `make bench HOST=%s` as build/ab/<run>/inflation.txt: copy it here with the change" % rep["host"],
        "# that moves the figures.  Run %s, scale %g." % (rep["run"], rep["scale"]),
        "# guest-insns / host-insns: instructions executed (CONFIG_PROFILE counters; host instructions",
        "# counted per executed block segment, see README), inflation = host / guest; static-infl:",
        "# host instructions on the fast path of every translated block per guest instruction",
        "# translated (-d stats, start-up included).  Times: wall seconds of one run on a shared",
        "# 2-core x86_64 VM, native i386 and loongbt under qemu-%s (emulated time)." % rep["host"],
        "# workload        guest-insns     host-insns  inflation  static-infl  native  loongbt-emu"]
    for e in results:
        c = e["runs"][lb.name].get("counters", {})
        lines.append("%-14s %14s %14s %10s %12s %6.3fs %11.3fs" % (
            e["name"], fmt(c.get("guest_insns")), fmt(c.get("host_insns")), fmt(c.get("inflation")),
            fmt(c.get("static_inflation")), e["native_reference"]["wall"],
            e["runs"][lb.name]["median"]))
    return "\n".join(lines) + "\n"


def report(rep, runners, results, perf, outdir):
    cnames = counter_names(results, runners)
    others = runners[1:]
    rep["geomean"] = {r.name: geomean([e["ratios"].get(r.name, {}).get("ratio") for e in results])
                      for r in others}
    rep["geomean_cpu"] = {r.name: geomean([e["ratios"].get(r.name, {}).get("cpu_ratio")
                                           for e in results]) for r in others}
    rep["runners"] = [r.describe() for r in runners]
    rep["counters"] = cnames
    rep["perf_events"] = PERF_EVENTS if perf else []
    rep["workloads"] = results
    text = text_report(rep, runners, results, cnames, perf)
    files = {"report.txt": None, "report.json": None, "report.csv": None, "ratios.svg": None}
    with open(os.path.join(outdir, "report.txt"), "w") as f:
        f.write(text)
    if rep["emulated"] and rep["mode"] == "bench":
        with open(os.path.join(outdir, "inflation.txt"), "w") as f:
            f.write(inflation_table(rep, results, runners))
        files["inflation.txt"] = None
    write_csv(os.path.join(outdir, "report.csv"), runners, results, cnames)
    write_svg(os.path.join(outdir, "ratios.svg"), rep, runners, results)
    if write_png(os.path.join(outdir, "ratios.svg"), os.path.join(outdir, "ratios.png")):
        files["ratios.png"] = None
    rep["files"] = sorted(files)
    with open(os.path.join(outdir, "report.json"), "w") as f:
        json.dump(rep, f, indent=1)
    sys.stdout.write("\n" + text)
    log("ab: report in %s/ (%s)" % (os.path.relpath(outdir, TOP), ", ".join(sorted(files))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["ab", "bench"])
    ap.add_argument("--a", default="", help="make variables of variant A (ab mode)")
    ap.add_argument("--b", default="", help="make variables of variant B (ab mode)")
    ap.add_argument("--loongbt", help="loongbt command (bench mode; default: the HOST build)")
    ap.add_argument("--host", default=os.uname().machine)
    ap.add_argument("--bench", default="", help="set name or comma-separated workloads")
    ap.add_argument("--rounds", type=int, default=0)
    ap.add_argument("--scale", type=float, default=0.0)
    ap.add_argument("--out", help="report folder (default build/ab/<run>)")
    ap.add_argument("--fake-stats", help="use this JSON as every counting run's -stats-json "
                    "(tests the plumbing before CONFIG_PROFILE exists)")
    ap.add_argument("--no-perf", dest="perf", action="store_false")
    opts = ap.parse_args()
    emulated = opts.host != os.uname().machine
    opts.bench = opts.bench or "full"
    quick = opts.bench == "quick"
    opts.rounds = opts.rounds or (1 if emulated or quick else 3)
    opts.scale = opts.scale or (0.05 if emulated else 1.0)
    has_profile = tree_has_profile()

    workloads = load_set(opts.bench)
    build_bench_programs()
    runners = []
    if opts.mode == "ab":
        for name, vs in (("A", opts.a), ("B", opts.b)):
            make_vars = shlex.split(vs)
            log("ab: building %s (%s) for %s" % (name, vs or "default", opts.host))
            cmd = build_variant(make_vars, opts.host)
            prof = build_variant(make_vars + ["CONFIG_PROFILE=y"], opts.host) if has_profile else None
            runners.append(Runner(name, "loongbt", vs or "default build", cmd, prof, make_vars))
    else:
        runners.append(Runner("native", "native", "native i386"))
        cmd = os.path.abspath(opts.loongbt) if opts.loongbt else build_variant([], opts.host)
        prof = build_variant(["CONFIG_PROFILE=y"], opts.host) if has_profile else None
        runners.append(Runner("loongbt", "loongbt", "loongbt (%s)" % opts.host, cmd, prof))
        if not emulated and shutil.which("qemu-i386"):
            runners.append(Runner("qemu", "qemu", "qemu-i386", shutil.which("qemu-i386")))
        elif not emulated:
            log("ab: qemu-i386 not installed: native and loongbt only")
    if not has_profile and not opts.fake_stats:
        log("ab: this tree has no CONFIG_PROFILE: transition counters show as n/a")

    stamp = datetime.datetime.now(datetime.timezone.utc)
    run = stamp.strftime("%Y%m%d-%H%M%S") + "-" + opts.mode + "-" + opts.host
    outdir = os.path.abspath(opts.out or os.path.join(TOP, "build", "ab", run))
    workdir = os.path.join(outdir, "work")
    os.makedirs(workdir, exist_ok=True)
    inputs = os.path.join(TOP, "build", "ab", "inputs", "scale-%g" % opts.scale)
    if any("{in}" in " ".join(w["cmd"]) + w["stdin"] for w in workloads):
        make_inputs(inputs, opts.scale)
    subst = {"bin": os.path.join(TOP, "build", "bench"), "src": os.path.join(TOP, "tests", "bench"),
             "in": inputs}
    results, perf = run_workloads(runners, workloads, opts, workdir, subst, has_profile, emulated)
    rep = {"run": run, "mode": opts.mode, "date": stamp.strftime("%Y-%m-%d %H:%M UTC"),
           "host": opts.host, "emulated": emulated, "bench": opts.bench, "scale": opts.scale,
           "rounds": opts.rounds, "fake_stats": bool(opts.fake_stats), "perf_requested": opts.perf}
    report(rep, runners, results, perf, outdir)
    latest = os.path.join(TOP, "build", "ab", "latest")
    if not opts.out:
        if os.path.islink(latest):
            os.unlink(latest)
        if not os.path.exists(latest):
            os.symlink(run, latest)
    return 1 if any(e["mismatches"] for e in results) else 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main())
