#!/usr/bin/env python3
"""Whole-process measurements of the dossier browser through a pseudo-terminal.

    bench/measure.py first-frame  [--size 160x48] [--runs 5] -- DOSSIER ARGS...
    bench/measure.py cursor-bytes [--size 160x48] [--steps 40] [--pane 1] -- DOSSIER ARGS...
    bench/measure.py idle         [--size 160x48] [--seconds 10] -- DOSSIER ARGS...
    bench/measure.py memory       [--size 160x48] -- DOSSIER ARGS...

first-frame   time from start until the first complete frame is on the terminal (the status line
              is drawn last), as a user sees it.
cursor-bytes  bytes the program writes to the terminal for each cursor step (j, or k back from the
              end of the list) in a list: what a slow SSH link pays per key.
idle          CPU time and context switches (wake-ups) of the process while nobody types.
memory        peak resident memory (VmHWM) of the browser once its first interactive frame is
              drawn, and its ratio to the size on disk of the articles under --corpus.

Standard library only. Prints one JSON object per measurement.
"""
from __future__ import annotations

import argparse
import fcntl
import json
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time

STATUS_MARK = b"help"  # the status line's hints end every full frame; it is drawn last


def spawn(cmd: list[str], cols: int, rows: int) -> tuple[subprocess.Popen, int]:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True, close_fds=True)
    os.close(slave)
    return proc, master


def read_until(master: int, predicate, timeout: float) -> tuple[bytes, float]:
    """Read until predicate(data) holds; return the data and the time it took."""
    start = time.monotonic()
    data = b""
    while time.monotonic() - start < timeout:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
            if predicate(data):
                return data, time.monotonic() - start
    raise TimeoutError(f"no frame after {timeout}s; got {len(data)} bytes")


def drain(master: int, quiet: float = 0.15) -> bytes:
    """Everything written until the terminal has been quiet for `quiet` seconds."""
    data = b""
    while True:
        ready, _, _ = select.select([master], [], [], quiet)
        if not ready:
            return data
        try:
            chunk = os.read(master, 65536)
        except OSError:
            return data
        if not chunk:
            return data
        data += chunk


def stop(proc: subprocess.Popen, master: int) -> None:
    try:
        os.write(master, b"q")
        proc.wait(timeout=5)
    except Exception:
        proc.kill()
        proc.wait()
    os.close(master)


def parse_size(text: str) -> tuple[int, int]:
    cols, rows = text.lower().split("x")
    return int(cols), int(rows)


def first_frame(cmd, cols, rows, runs):
    """Time to the first paint (the window, which may show loading progress) and to the first
    interactive frame of the browser."""
    paints, frames = [], []
    for _ in range(runs):
        proc, master = spawn(cmd, cols, rows)
        start = time.monotonic()
        data, _ = read_until(master, lambda d: b"dossier" in d or STATUS_MARK in d, timeout=120)
        paints.append(time.monotonic() - start)
        if STATUS_MARK not in data:
            read_until(master, lambda d: STATUS_MARK in d, timeout=300)
        frames.append(time.monotonic() - start)
        drain(master)
        stop(proc, master)
    return {"measure": "first-frame", "size": f"{cols}x{rows}", "runs": runs,
            "first_paint_median_s": round(statistics.median(paints), 3),
            "interactive_median_s": round(statistics.median(frames), 3),
            "interactive_min_s": round(min(frames), 3), "interactive_max_s": round(max(frames), 3)}


def cursor_bytes(cmd, cols, rows, steps, pane):
    proc, master = spawn(cmd, cols, rows)
    read_until(master, lambda d: STATUS_MARK in d, timeout=120)
    drain(master)
    for key in pane:
        os.write(master, key.encode())
        drain(master)
    sizes = []
    key, turns = b"j", 0
    while len(sizes) < steps and turns < 3:
        os.write(master, key)
        written = len(drain(master))
        if written == 0:
            # The end of the list: walk back the other way.
            key, turns = (b"k" if key == b"j" else b"j"), turns + 1
            continue
        sizes.append(written)
    stop(proc, master)
    if not sizes:
        return {"measure": "cursor-bytes", "size": f"{cols}x{rows}", "pane": pane,
                "error": "the cursor could not move: the list has one item"}
    return {"measure": "cursor-bytes", "size": f"{cols}x{rows}", "pane": pane, "steps": len(sizes),
            "median_bytes": statistics.median(sizes), "max_bytes": max(sizes),
            "mean_bytes": round(statistics.mean(sizes), 1)}


def proc_stats(pid: int) -> tuple[int, int]:
    """(CPU ticks, context switches) of every thread of the process."""
    ticks = switches = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
        with open(f"/proc/{pid}/task/{task}/status") as f:
            for line in f:
                if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                    switches += int(line.split()[1])
    return ticks, switches


def idle(cmd, cols, rows, seconds):
    proc, master = spawn(cmd, cols, rows)
    read_until(master, lambda d: STATUS_MARK in d, timeout=120)
    drain(master, quiet=0.5)
    before = proc_stats(proc.pid)
    time.sleep(seconds)
    after = proc_stats(proc.pid)
    written = drain(master, quiet=0.05)
    stop(proc, master)
    hz = os.sysconf("SC_CLK_TCK")
    cpu = (after[0] - before[0]) / hz
    return {"measure": "idle", "seconds": seconds, "cpu_seconds": cpu,
            "cpu_percent": round(100 * cpu / seconds, 3), "wakeups": after[1] - before[1],
            "bytes_written": len(written)}


def corpus_bytes(cmd: list[str]) -> int | None:
    """Bytes of the article files under the --corpus of the command, if it names one."""
    if "--corpus" not in cmd:
        return None
    root = cmd[cmd.index("--corpus") + 1]
    if os.path.isfile(root):
        return os.path.getsize(root)
    total = 0
    for folder, _, files in os.walk(root):
        for name in files:
            if name.lower().endswith((".txt", ".md", ".markdown", ".html", ".htm")):
                total += os.path.getsize(os.path.join(folder, name))
    return total


def memory(cmd, cols, rows):
    proc, master = spawn(cmd, cols, rows)
    read_until(master, lambda d: STATUS_MARK in d, timeout=300)
    drain(master, quiet=0.5)
    with open(f"/proc/{proc.pid}/status") as f:
        status = dict(line.split(":", 1) for line in f if ":" in line)
    stop(proc, master)
    peak = int(status["VmHWM"].split()[0]) * 1024
    result = {"measure": "memory", "peak_mb": round(peak / 1e6, 1)}
    size = corpus_bytes(cmd)
    if size:
        result["corpus_mb"] = round(size / 1e6, 1)
        result["peak_over_corpus"] = round(peak / size, 2)
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["first-frame", "cursor-bytes", "idle", "memory"])
    ap.add_argument("--size", default="160x48")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--pane", default="1g", help="keys that focus the list to step through (1g: Timeline, from its top)")
    ap.add_argument("--seconds", type=float, default=10)
    argv = sys.argv[1:] if argv is None else argv
    if "--" not in argv:
        ap.error("give the dossier command after --")
    split = argv.index("--")
    args = ap.parse_args(argv[:split])
    cmd = argv[split + 1:]
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    cols, rows = parse_size(args.size)
    if args.what == "first-frame":
        result = first_frame(cmd, cols, rows, args.runs)
    elif args.what == "cursor-bytes":
        result = cursor_bytes(cmd, cols, rows, args.steps, args.pane)
    elif args.what == "memory":
        result = memory(cmd, cols, rows)
    else:
        result = idle(cmd, cols, rows, args.seconds)
    result["command"] = " ".join(cmd)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
