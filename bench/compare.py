#!/usr/bin/python3
"""Runs every throughput configuration on both sides, back to back per configuration, and prints the ratio table.

    bench/compare.sh [config|all] [--threads N] [--window seconds] [--dir results-folder] [--table-only]

Ours: bench/MLNetCtr.Benchmarks `throughput` mode (built once in Release); PyTorch: bench/pytorch/throughput.py under
the fair environment of BENCHMARKS.md. Threads default to all cores. Each side's JSON is kept in the results folder
(default /tmp/mlnetctr-bench/<UTC time>), the table (markdown) goes to stdout and to table.md there. Ratio = ours / PyTorch
(above 1: we are faster); `train` on the PyTorch side is the faster of sparse and dense embedding gradients.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OURS = os.path.join(ROOT, "bench/MLNetCtr.Benchmarks/bin/Release/net10.0/MLNetCtr.Benchmarks.dll")
CONFIGS = ["gemm", "mlp", "two-tower", "esmm", "mmoe", "fgbert", "srp4ctr", "bahe", "two-tower-serve", "srp4ctr-serve"]


def run(command):
    print("+ " + " ".join(command), file=sys.stderr)
    subprocess.run(command, check=True, cwd=ROOT)


def load():
    return open("/proc/loadavg").read().split()[0]


def table(pairs, threads, loads):
    ours_machine, torch_machine = pairs[0][0]["machine"], pairs[0][1]["machine"]
    lines = [f"Machine: {ours_machine['cpu']}, {threads} threads (= cores: {ours_machine['cores']}); {ours_machine['runtime']} vs "
             f"{torch_machine['runtime']} (OpenBLAS OpenMP, jemalloc); {ours_machine['date'][:10]}; 1-min load before/after: {loads[0]} / {loads[1]}.",
             "",
             "| config | pass | ours /s | PyTorch /s | ratio | ours µs/sample | ours GFLOP/s | PyTorch GFLOP/s | peak MiB ours / PyTorch |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for ours, torch in pairs:
        a, b = ours["results"][0], torch["results"][0]
        theirs = {p["name"]: p for p in b["passes"]}
        for p in a["passes"]:
            q = theirs.get(p["name"])
            if q is None:
                continue
            variant = f" ({q['variant']})" if "variant" in q else ""
            lines.append(f"| {a['config']} | {p['name']} | {p['samplesPerSecond']:,.0f} | {q['samplesPerSecond']:,.0f}{variant} | "
                         f"**{p['samplesPerSecond'] / q['samplesPerSecond']:.2f}** | {p['microsecondsPerSample']:.1f} | {p['gflops']:.1f} | "
                         f"{q['gflops']:.1f} | {a['peakMemoryMiB']:,.0f} / {b['peakMemoryMiB']:,.0f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("config", nargs="?", default="all")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--window", default="1.0")
    parser.add_argument("--dir", default=os.path.join("/tmp/mlnetctr-bench", datetime.datetime.utcnow().strftime("%Y%m%dT%H%M%SZ")))
    parser.add_argument("--table-only", action="store_true", help="only print the table of the results already in --dir")
    args = parser.parse_args()
    configs = CONFIGS if args.config == "all" else [args.config]
    if args.table_only:
        pairs = [(json.load(open(os.path.join(args.dir, f"ours-{c}.json"))), json.load(open(os.path.join(args.dir, f"pytorch-{c}.json"))))
                 for c in CONFIGS if os.path.exists(os.path.join(args.dir, f"pytorch-{c}.json"))]
        loads = [min(p[0]["machine"]["loadAverage"].split()[0] for p in pairs), max(p[1]["machine"]["loadAverage"].split()[0] for p in pairs)]
        print(table(pairs, args.threads, loads))
        return
    os.makedirs(args.dir, exist_ok=True)
    run(["dotnet", "build", "bench/MLNetCtr.Benchmarks", "-c", "Release", "-nodeReuse:false", "-v", "quiet", "-nologo"])
    loads, pairs = [load()], []
    for config in configs:
        ours, torch = os.path.join(args.dir, f"ours-{config}.json"), os.path.join(args.dir, f"pytorch-{config}.json")
        common = [config, "--threads", str(args.threads), "--window", args.window, "--out"]
        run(["dotnet", OURS, "throughput", *common, ours])
        run(["/usr/bin/python3", os.path.join(ROOT, "bench/pytorch/throughput.py"), *common, torch])
        pairs.append((json.load(open(ours)), json.load(open(torch))))
    loads.append(load())
    text = table(pairs, args.threads, loads)
    with open(os.path.join(args.dir, "table.md"), "w") as f:
        f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
