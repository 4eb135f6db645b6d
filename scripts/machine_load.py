"""The machine's 1-minute load average, and a wait for a quieter machine: shared by the Python
benchmarks (scripts/bench_native.sh, scripts/bench_stream.sh, scripts/bench_python.py), whose
timed runs each start when the load is low or a time limit has passed."""
import time


def load():
    """The 1-minute load average."""
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def wait_quiet(below, limit_s, step_s=5):
    """Waits (at most `limit_s` seconds) while the load is above `below`; returns the load then."""
    start = time.time()
    while load() > below and time.time() - start < limit_s:
        time.sleep(step_s)
    return load()
