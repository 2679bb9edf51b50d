#!/usr/bin/env python3
"""CuPy's side of `cugo bench`: the same workloads, sizes, names and units.

Prints one `name<TAB>value<TAB>unit` line per workload, as `cugo bench
--tsv` does, so that compare.py can join the two:

    cugo bench --tsv > cugo.tsv
    python3 bench/cupy_ref.py > cupy.tsv
    python3 bench/compare.py cugo.tsv cupy.tsv

Options: --size full|small (default full; names say the size run, as
cugo's do) and --only name,... (full-size names or the names printed).
Each workload is defined in bench/README.md. Needs CuPy and NumPy.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

try:
    import cupy as cp
except ImportError:
    sys.exit("cupy_ref.py needs CuPy (for example: pip install cupy-cuda12x)")


def device_time(iters, f):
    """Mean device time of one call of f over iters back-to-back calls,
    after two warm-up calls, between two CUDA events."""
    for _ in range(2):
        f()
    cp.cuda.Device().synchronize()
    start, stop = cp.cuda.Event(), cp.cuda.Event()
    start.record()
    for _ in range(iters):
        f()
    stop.record()
    stop.synchronize()
    return cp.cuda.get_elapsed_time(start, stop) / 1e3 / iters


def host_time(iters, f):
    """Wall-clock time per call of f in a tight loop (small workloads),
    after 200 warm-up calls, synchronised once at the end."""
    for _ in range(200):
        f()
    cp.cuda.Device().synchronize()
    t0 = time.perf_counter()
    for _ in range(iters):
        f()
    cp.cuda.Device().synchronize()
    return (time.perf_counter() - t0) / iters


def gbs(nbytes, seconds):
    return nbytes / seconds / 1e9


def random(seed, *shape):
    """Uniform float32 values in [0, 1), made on the host as cugo's are."""
    return cp.asarray(np.random.default_rng(seed).random(shape, dtype=np.float32))


def copy(env):
    a, out = random(1, env.n), cp.empty(env.n, cp.float32)
    return gbs(2 * 4 * env.n, device_time(50, lambda: cp.copyto(out, a)))


def add(env):
    a, b, out = random(1, env.n), random(2, env.n), cp.empty(env.n, cp.float32)
    return gbs(3 * 4 * env.n, device_time(50, lambda: cp.add(a, b, out=out)))


def add_alloc(env):
    a, b = random(1, env.n), random(2, env.n)
    return gbs(3 * 4 * env.n, device_time(50, lambda: a + b))


def chain(env):
    x, y = random(1, env.n), random(2, env.n)
    return gbs(3 * 4 * env.n, device_time(20, lambda: x * 2 + y * y - 1))


def fused(env):
    x, y, out = random(1, env.n), random(2, env.n), cp.empty(env.n, cp.float32)
    kernel = cp.ElementwiseKernel("float32 x, float32 y", "float32 z", "z = x * 2 + y * y - 1", "fused_expr")
    return gbs(3 * 4 * env.n, device_time(50, lambda: kernel(x, y, out)))


def transpose(env):
    m = random(1, env.side, env.side)
    return gbs(2 * 4 * env.side ** 2, device_time(20, lambda: m.T.copy()))


def reduce_all(name):
    def run(env):
        a = random(1, env.n)
        return gbs(4 * env.n, device_time(50, getattr(a, name)))
    return run


def sum_axis(axis):
    def run(env):
        m = random(1, env.side, env.side)
        return gbs(4 * env.side ** 2, device_time(20, lambda: m.sum(axis=axis)))
    return run


def pinned_pair(env):
    host = cp.cuda.alloc_pinned_memory(4 * env.n)
    h = np.frombuffer(host, np.float32, env.n)
    h[:] = (np.arange(env.n) % 1000) / 1000
    return cp.empty(env.n, cp.float32), h


def h2d(env):
    d, h = pinned_pair(env)
    return gbs(4 * env.n, device_time(10, lambda: d.set(h)))


def d2h(env):
    d, h = pinned_pair(env)
    return gbs(4 * env.n, device_time(10, lambda: d.get(out=h)))


def small_add(env):
    a, b, out = random(1, 1024), random(2, 1024), cp.empty(1024, cp.float32)
    return host_time(20000, lambda: cp.add(a, b, out=out)) * 1e6


def small_alloc_add(env):
    a, b = random(1, 1024), random(2, 1024)
    return host_time(20000, lambda: a + b) * 1e6


def small_expr(env):
    a, b = random(1, 1024), random(2, 1024)
    return host_time(20000, lambda: (a * 2 + b).sum()) * 1e6


def gemm(dtype):
    def run(env):
        n = env.side // 2
        a, b = random(1, n, n).astype(dtype), random(2, n, n).astype(dtype)
        out = cp.empty((n, n), dtype)
        return 2 * n ** 3 / device_time(10, lambda: cp.matmul(a, b, out=out)) / 1e12
    return run


def spd(dtype, n):
    """n x n symmetric, diagonally dominant (so positive definite and well
    conditioned) matrices of dtype, made as cugo's are."""
    r = random(7, n, n)
    return (r + r.T + cp.identity(n, cp.float32) * (2 * n)).astype(dtype)


def ms(seconds):
    return seconds * 1e3


def solve(env):
    n = env.side // 2
    a, b = spd(cp.float64, n), random(8, n, 16).astype(cp.float64)
    return ms(device_time(5, lambda: cp.linalg.solve(a, b)))


def cholesky(env):
    a = spd(cp.float64, env.side // 2)
    return ms(device_time(5, lambda: cp.linalg.cholesky(a)))


def eigh(env):
    a = spd(cp.float32, env.side // 4)
    return ms(device_time(3, lambda: cp.linalg.eigh(a, UPLO="L")))


def svd(env):
    a = random(9, env.side // 4, env.side // 4)
    return ms(device_time(2, lambda: cp.linalg.svd(a, full_matrices=True)))


def einsum_bmm(env):
    n = env.side // 16
    x = random(1, 64, n, n)
    return 2 * 64 * n ** 3 / device_time(20, lambda: cp.einsum("bij,bjk->bik", x, x)) / 1e12


def draw(method):
    """A draw of env.n float32 into a new array each call from a generator
    of NumPy's Generator API, as cugo's random.Generator: output bytes."""
    def run(env):
        f = getattr(cp.random.default_rng(1), method)
        return gbs(4 * env.n, device_time(20, lambda: f(env.n, dtype=cp.float32)))
    return run


def order(f):
    """f, a sort or order statistic of env.n16M uniform float32, a new
    result each call, in microseconds."""
    def run(env):
        a = random(1, env.n16M)
        return device_time(10, lambda: f(a)) * 1e6
    return run


def unique(env):
    a = (random(3, env.n16M) * (1 << 20)).astype(cp.int32)
    return device_time(10, lambda: cp.unique(a)) * 1e6


def fft(transform, dtype, ndim):
    """A transform into a new result each call: env.n16M points in one
    axis, or side/2 x side/2 in two, in microseconds."""
    def run(env):
        shape = (env.n16M,) if ndim == 1 else (env.side // 2, env.side // 2)
        x = random(1, *shape).astype(dtype)
        return device_time(10, lambda: transform(x)) * 1e6
    return run


def compile_probe():
    """The fresh process of compile_cold/warm: with the device ready and
    an input on it, time the first multiply by 3 (a kernel this process
    has not compiled) to its launch done, and print ms."""
    a = cp.ones(1024, cp.float32)
    out = cp.empty(1024, cp.float32)
    cp.cuda.Device().synchronize()
    t0 = time.perf_counter()
    cp.multiply(a, 3, out=out)
    cp.cuda.Device().synchronize()
    print("%.3f" % ((time.perf_counter() - t0) * 1e3))


def compile_child(cache_dir):
    env = dict(os.environ, CUPY_CACHE_DIR=cache_dir)
    out = subprocess.run([sys.executable, __file__, "--compile-probe"], env=env,
                         check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def compile_cold(env):
    env.cache_dir = tempfile.mkdtemp(prefix="cupy-compile-")
    return compile_child(env.cache_dir)


def compile_warm(env):
    if not getattr(env, "cache_dir", None):
        compile_cold(env)
    return compile_child(env.cache_dir)


# The workloads of `cugo bench` that CuPy can run (peer_copy_256MB is
# cugo's own), by their full-size names, in cugo's order.
WORKLOADS = [
    ("copy_f32_64M", "GB/s", copy),
    ("add_f32_64M", "GB/s", add),
    ("add_alloc_f32_64M", "GB/s", add_alloc),
    ("chain_f32_64M", "GB/s", chain),
    ("fused_f32_64M", "GB/s", fused),
    ("transpose_8192", "GB/s", transpose),
    ("sum_f32_64M", "GB/s", reduce_all("sum")),
    ("max_f32_64M", "GB/s", reduce_all("max")),
    ("sum_axis0_8192", "GB/s", sum_axis(0)),
    ("sum_axis1_8192", "GB/s", sum_axis(1)),
    ("h2d_pinned_256MB", "GB/s", h2d),
    ("d2h_pinned_256MB", "GB/s", d2h),
    ("small_add_1k", "us", small_add),
    ("small_alloc_add_1k", "us", small_alloc_add),
    ("small_expr_1k", "us", small_expr),
    ("compile_cold", "ms", compile_cold),
    ("compile_warm", "ms", compile_warm),
    ("sgemm_4096", "TFLOP/s", gemm(np.float32)),
    ("dgemm_4096", "TFLOP/s", gemm(np.float64)),
    ("hgemm_4096", "TFLOP/s", gemm(np.float16)),
    ("solve_f64_4096", "ms", solve),
    ("cholesky_f64_4096", "ms", cholesky),
    ("eigh_f32_2048", "ms", eigh),
    ("svd_f32_2048", "ms", svd),
    ("einsum_bmm_f32", "TFLOP/s", einsum_bmm),
    ("rand_f32_64M", "GB/s", draw("random")),
    ("randn_f32_64M", "GB/s", draw("standard_normal")),
    ("sort_f32_16M", "us", order(cp.sort)),
    ("argsort_f32_16M", "us", order(cp.argsort)),
    ("unique_i32_16M", "us", unique),
    ("median_f32_16M", "us", order(cp.median)),
    ("histogram_f32_16M", "us", order(lambda a: cp.histogram(a, bins=256, range=(0, 1)))),
    ("fft_c64_16M", "us", fft(cp.fft.fft, cp.complex64, 1)),
    ("rfft_f32_16M", "us", fft(cp.fft.rfft, cp.float32, 1)),
    ("fft2_c64_4096", "us", fft(cp.fft.fft2, cp.complex64, 2)),
]



def axpy_kernel():
    return cp.ElementwiseKernel("float32 x, float32 y", "float32 z", "z = x * 2.0f + y * y - 1.0f", "axpy")


def elementwise_kernel(env):
    x, y, out = random(1, env.n), random(2, env.n), cp.empty(env.n, cp.float32)
    kernel = axpy_kernel()
    return gbs(3 * 4 * env.n, device_time(50, lambda: kernel(x, y, out)))


def reduction_kernel(env):
    x = random(1, env.n)
    l2 = cp.ReductionKernel("float32 x", "float32 y", "x * x", "a + b", "y = sqrt(a)", "0", "l2norm")
    return gbs(4 * env.n, device_time(50, lambda: l2(x)))


def small_kernel(env):
    x, y, out = random(1, 1024), random(2, 1024), cp.empty(1024, cp.float32)
    kernel = axpy_kernel()
    return host_time(20000, lambda: kernel(x, y, out)) * 1e6


WORKLOADS += [
    ("elementwise_kernel_f32_64M", "GB/s", elementwise_kernel),
    ("reduction_kernel_l2_f32_64M", "GB/s", reduction_kernel),
    ("small_kernel_1k", "us", small_kernel),
]


class Env:
    def __init__(self, size):
        self.n, self.side = (1 << 26, 8192) if size == "full" else (1 << 20, 1024)
        # The workloads named 16M at full size: 2^24 elements, 2^18 small.
        self.n16M = self.n // 4

    def sized_name(self, name):
        """The name for this run's size, as cugo bench writes it."""
        stem, _, size = name.rpartition("_")
        label = {
            "64M": count_label(self.n),
            "16M": count_label(self.n16M),
            "256MB": "%dMB" % (4 * self.n >> 20),
            "8192": str(self.side),
            "4096": str(self.side // 2),
            "2048": str(self.side // 4),
        }.get(size)
        return name if label is None else stem + "_" + label


def count_label(n):
    """n as the names write it: 64M, 1M, 256k."""
    return "%dM" % (n >> 20) if n >= 1 << 20 else "%dk" % (n >> 10)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", choices=["full", "small"], default="full")
    p.add_argument("--only", default="", help="comma-separated workload names")
    p.add_argument("--compile-probe", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.compile_probe:
        compile_probe()
        return
    env = Env(args.size)
    wanted = {s.strip() for s in args.only.split(",") if s.strip()}
    known = {w[0] for w in WORKLOADS} | {env.sized_name(w[0]) for w in WORKLOADS}
    if wanted - known:
        p.error("unknown workload %s; the workloads are: %s" % (
            ", ".join(sorted(wanted - known)), ", ".join(w[0] for w in WORKLOADS)))
    dev = cp.cuda.Device()
    props = cp.cuda.runtime.getDeviceProperties(dev.id)
    print("# CuPy %s on %s, size %s" % (cp.__version__, props["name"].decode(), args.size))
    for name, unit, run in WORKLOADS:
        sized = env.sized_name(name)
        if wanted and name not in wanted and sized not in wanted:
            continue
        value = run(env)
        print("%s\t%.3f\t%s" % (sized, value, unit), flush=True)
        cp.get_default_memory_pool().free_all_blocks()


if __name__ == "__main__":
    main()
