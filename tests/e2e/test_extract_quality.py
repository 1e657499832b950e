#!/usr/bin/env python3
"""test_extract_quality.py: a floor under extraction quality. Runs
`refuge extract --format jsonl` over the shared development set
(SHARED/corpus/docs, gold in SHARED/corpus/gold) and over our own test
documents (tests/extract/docs, gold in tests/extract/gold), the
documents written blind (tests/extract/fresh, worked on; fresh2, not)
and the held-out documents (tests/extract/heldout), scores each with
SHARED/eval/score.py and expects the overall F1 to stay at or above the
floors in tests/e2e/extract-floor.json, and the recall of every type
of the development set at or above its floor. Raise the floors as the rules
improve; never lower them to let a change through."""
import glob
import json
import os
import subprocess
import sys

from harness import ROOT, SHARED, ok, refuge, run_tests, test, write

FLOOR_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          'extract-floor.json')


def floor(key):
    with open(FLOOR_FILE, encoding='utf-8') as f:
        value = json.load(f)[key]
    assert isinstance(value, (int, float)) and 0 <= value <= 1, \
        '%s: %s must be a number from 0 to 1' % (FLOOR_FILE, key)
    return value


def score(tmp, docs_dir, gold_dir, name):
    """Extracts every document of docs_dir and scores it against gold_dir;
    returns score.py's JSON report."""
    docs = sorted(glob.glob(os.path.join(docs_dir, '*.txt')))
    assert docs, 'no documents in %s' % docs_dir
    r = ok(refuge('extract', '--format', 'jsonl', *docs))
    for n, line in enumerate(r.out.splitlines(), 1):
        incident = json.loads(line)
        assert incident['doc'] and incident['type'], 'line %d: %s' % (n, line)
    pred = write(os.path.join(tmp, name + '.jsonl'), r.out)
    scorer = os.path.join(SHARED, 'eval', 'score.py')
    proc = subprocess.run([sys.executable, scorer, gold_dir, pred, '--json'],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr.decode('utf-8', 'replace')
    report = json.loads(proc.stdout)
    print('# %s: %d documents, gold %d, predicted %d, matched %d, '
          'P %.3f R %.3f F1 %.3f' % (
              name, report['docs'], report['gold'], report['predicted'],
              report['matched'], report['precision'], report['recall'],
              report['f1']))
    return report


@test
def floor_file_is_sane(tmp):
    assert floor('dev_f1') >= 0 and floor('own_f1') >= 0 and \
        floor('heldout_f1') >= 0 and floor('dev_type_recall') >= 0


def assert_above_floor(tmp, docs, gold, key, what):
    """Scores the documents of docs against gold and fails when the F1 is
    below the floor stored under key; returns the report."""
    assert os.path.isdir(docs) and os.path.isdir(gold), \
        '%s are missing: %s or %s' % (what, docs, gold)
    report = score(tmp, docs, gold, key.split('_')[0])
    assert report['docs'] > 0, report
    want = floor(key)
    assert report['f1'] >= want, '%s: F1 %.4f is below the floor %.4f (%s)' % (
        what, report['f1'], want, FLOOR_FILE)
    return report


@test
def development_set_f1_above_floor(tmp):
    report = assert_above_floor(tmp, os.path.join(SHARED, 'corpus', 'docs'),
                                os.path.join(SHARED, 'corpus', 'gold'),
                                'dev_f1', 'the shared development set')
    # the second target: recall of every type present
    want = floor('dev_type_recall')
    low = {name: round(figures[1], 3)
           for name, figures in report['per_type'].items()
           if figures[3] > 0 and figures[1] < want}
    assert not low, 'development set: recall below %.2f for %s (%s)' % (
        want, low, FLOOR_FILE)


def assert_set_above_floor(tmp, folder, key, what):
    """assert_above_floor for a set of ours: tests/extract/FOLDER/docs and
    its gold beside them."""
    base = os.path.join(ROOT, 'tests', 'extract', folder)
    return assert_above_floor(tmp, os.path.join(base, 'docs'),
                              os.path.join(base, 'gold'), key, what)


@test
def own_test_documents_f1_above_floor(tmp):
    assert_set_above_floor(tmp, '', 'own_f1', 'our own test documents')


@test
def fresh_documents_f1_above_floor(tmp):
    # tests/extract/fresh/README.md: written blind, then used to find
    # what the rules missed
    assert_set_above_floor(tmp, 'fresh', 'fresh_f1',
                           'the documents written blind')


@test
def second_blind_documents_f1_above_floor(tmp):
    # tests/extract/fresh2/README.md: written blind, never tuned on
    assert_set_above_floor(tmp, 'fresh2', 'fresh2_f1',
                           'the second set written blind')


@test
def held_out_documents_f1_above_floor(tmp):
    # tests/extract/heldout/README.md: never tuned on; this floor only
    # catches a change that makes the extractor generalise worse
    assert_set_above_floor(tmp, 'heldout', 'heldout_f1',
                           'the held-out documents')


if __name__ == '__main__':
    run_tests()
