#!/usr/bin/env python3
"""Scores a `contactpoint link` run against ground truth (bench/linkage.sh).

Reads the clusters the run wrote (id,cluster_id[,file]), its candidate pairs
(id_a,id_b) and its --stats-json figures, and the truth as one of:
  --truth febrl            entity = N in ids rec-N-org / rec-N-dup-K
  --truth column:FILE:ID:COL  entity = column COL of FILE, keyed by column ID
  --truth ground:FILE      FILE has source,source_record_id,child_id; record ids
                           in the run are "source:source_record_id"
Prints one JSON object: pairwise precision, recall and F1 over all pairs of
records of one entity, B-cubed F1 over clusters, blocking recall (the share of
true pairs among the candidate pairs) and the run's figures.
"""
import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict


def read_rows(path):
    with open(path, newline='', encoding='utf-8-sig') as f:
        reader = csv.reader(f, skipinitialspace=True)
        header = [h.strip() for h in next(reader)]
        for row in reader:
            if row:
                yield dict(zip(header, (c.strip() for c in row)))


def truth_of(spec, ids):
    if spec == 'febrl':
        entity = {}
        for i in ids:
            m = re.match(r'rec-(\d+)-', i)
            if not m:
                sys.exit(f'linkage_eval: id {i!r} is not a FEBRL id')
            entity[i] = m.group(1)
        return entity
    kind, _, rest = spec.partition(':')
    if kind == 'column':
        path, id_col, col = rest.rsplit(':', 2)
        return {r[id_col]: r[col] for r in read_rows(path)}
    if kind == 'ground':
        return {f"{r['source']}:{r['source_record_id']}": r['child_id'] for r in read_rows(rest)}
    sys.exit(f'linkage_eval: unknown truth {spec!r}')


def pairs_within(groups):
    return sum(n * (n - 1) // 2 for n in groups)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--dataset', required=True)
    ap.add_argument('--clusters', required=True)
    ap.add_argument('--candidates', required=True)
    ap.add_argument('--stats', required=True)
    ap.add_argument('--truth', required=True)
    ap.add_argument('--seconds', type=float, required=True)
    a = ap.parse_args()

    cluster = {r['id']: r['cluster_id'] for r in read_rows(a.clusters)}
    ids = list(cluster)
    truth = truth_of(a.truth, ids)
    missing = [i for i in ids if i not in truth]
    if missing:
        sys.exit(f'linkage_eval: {len(missing)} records have no ground truth, e.g. {missing[0]!r}')
    entity = {i: truth[i] for i in ids}

    entity_sizes = Counter(entity.values())
    cluster_sizes = Counter(cluster.values())
    both = Counter((cluster[i], entity[i]) for i in ids)
    true_pairs = pairs_within(entity_sizes.values())
    predicted_pairs = pairs_within(cluster_sizes.values())
    tp = pairs_within(both.values())
    precision = tp / predicted_pairs if predicted_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    bp = br = 0.0
    for i in ids:
        shared = both[(cluster[i], entity[i])]
        bp += shared / cluster_sizes[cluster[i]]
        br += shared / entity_sizes[entity[i]]
    bp /= len(ids)
    br /= len(ids)
    bcubed = 2 * bp * br / (bp + br) if bp + br else 0.0

    found = 0
    seen = set()
    for r in read_rows(a.candidates):
        x, y = r['id_a'], r['id_b']
        key = (x, y) if x < y else (y, x)
        if key in seen:
            continue
        seen.add(key)
        if entity.get(x) is not None and entity.get(x) == entity.get(y):
            found += 1
    blocking_recall = found / true_pairs if true_pairs else 1.0

    with open(a.stats) as f:
        stats = json.load(f)
    print(json.dumps({
        'dataset': a.dataset,
        'records': len(ids),
        'candidate_pairs': stats['candidate_pairs'],
        'blocking_recall': round(blocking_recall, 4),
        'precision': round(precision, 4),
        'recall': round(recall, 4),
        'f1': round(f1, 4),
        'bcubed_f1': round(bcubed, 4),
        'pairs_per_s': int(stats['pairs_per_s']),
        'seconds': round(a.seconds, 2),
    }))


if __name__ == '__main__':
    main()
