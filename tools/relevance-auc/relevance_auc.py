"""AUC of a model's scores against a synthetic data set's true probabilities instead of its drawn labels.

Each row counts as a positive of weight p and a negative of weight 1 - p (never paired with itself), where p is a truth column that
`mlnetctr synth` writes beside the labels (e.g. oracle_click_relevance, the position-free P(click)). The result is
the expected AUC over label draws from p: how well the scores rank by the truth. Ties in the score count one half.

    AUC = (sum_g W+_g * (W-_below(g) + W-_g / 2) - S / 2) / (W+ * W- - S)     S = sum_i p_i (1 - p_i)
    g = groups of equal score, in ascending order

usage: relevance_auc.py <data.csv> <truth column> <scores.csv> <score column> [<score column> ...]
       (scores.csv from `mlnetctr predict`, one row per row of data.csv, same order; a truth column may be named as
       a score column too, which gives the oracle's own AUC)
Needs numpy only (Debian: /usr/bin/python3). Not used by the library or its tests.
"""
import csv
import sys

import numpy as np


def column(path, name):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        if name not in header:
            sys.exit(f"{path}: no column '{name}' (has {', '.join(header)})")
        i = header.index(name)
        return np.array([float(row[i]) for row in reader])


def soft_auc(scores, p):
    order = np.argsort(scores, kind="mergesort")
    s, pos = scores[order], p[order]
    neg = 1.0 - pos
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    w_pos, w_neg = np.add.reduceat(pos, starts), np.add.reduceat(neg, starts)
    below = np.cumsum(w_neg) - w_neg
    own = np.sum(pos * neg)                       # a row is never paired with itself
    return float((np.sum(w_pos * (below + 0.5 * w_neg)) - 0.5 * own) / (w_pos.sum() * w_neg.sum() - own))


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    data, truth, scores_path, names = argv[1], argv[2], argv[3], argv[4:]
    p = column(data, truth)
    for name in names:
        scores = column(data if name.startswith("oracle_") else scores_path, name)
        if len(scores) != len(p):
            sys.exit(f"{scores_path}: {len(scores)} rows, {data}: {len(p)}")
        print(f"{name} vs {truth}: AUC {soft_auc(scores, p):.4f}")


if __name__ == "__main__":
    main(sys.argv)
