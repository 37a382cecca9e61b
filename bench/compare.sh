#!/bin/sh
# Ours vs PyTorch on every BENCHMARKS.md configuration; prints the markdown ratio table (see bench/compare.py).
# Usage: bench/compare.sh [config|all] [--threads N] [--window seconds] [--dir results-folder]
exec /usr/bin/python3 "$(dirname "$0")/compare.py" "$@"
