#!/usr/bin/env python3
"""check-own-words.py: checks that no project file repeats a sentence of
the shared development corpus. The corpus may be read, and facts carry
over from it, but its sentences must not: tests, comments, docs and demo
documents use examples written in our own words. A file fails when it
shares a run of RUN_WORDS consecutive words with a corpus document. Names
of organisations, courts and laws are facts; they are shorter than that,
except in the word lists of FACT_FILES, which are not checked.

Usage: check-own-words.py PROJECT_DIR CORPUS_DOCS_DIR
Prints TAP: one case per top-level folder (and one for the files at the
top), listing the files and runs that repeat the corpus; skips when the
corpus is missing."""
import os
import re
import sys

RUN_WORDS = 8
CHECKED = re.compile(r'\.(c|h|py|md|tsv|txt|jsonl|build|sh)$')
SKIPPED_DIRS = {'.git', 'node_modules', 'subprojects'}
# word lists of names (organisations, laws): a long official name is a fact
FACT_FILES = {os.path.join('data', 'extract', 'orgs.tsv')}
WORD = re.compile(r"[a-z0-9']+")


def words(text):
    return WORD.findall(text.lower().replace('\u2019', "'"))


def runs(text):
    w = words(text)
    return {' '.join(w[i:i + RUN_WORDS]) for i in range(len(w) - RUN_WORDS + 1)}


def read(path):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except (UnicodeDecodeError, OSError):
        return None


def project_files(root):
    for top, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and
                         not d.startswith('build'))
        for name in sorted(names):
            path = os.path.join(top, name)
            rel = os.path.relpath(path, root)
            if CHECKED.search(name) and rel not in FACT_FILES:
                yield path, rel


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    root, corpus_dir = sys.argv[1], sys.argv[2]
    if not os.path.isdir(corpus_dir):
        print('1..0 # SKIP no corpus at %s' % corpus_dir)
        return 0
    corpus = set()
    for name in sorted(os.listdir(corpus_dir)):
        text = read(os.path.join(corpus_dir, name))
        if text:
            corpus |= runs(text)
    areas = {}
    for path, rel in project_files(root):
        area = rel.split(os.sep)[0] if os.sep in rel else '(top level)'
        areas.setdefault(area, []).append((path, rel))
    print('1..%d' % len(areas))
    failed = 0
    for i, (area, files) in enumerate(sorted(areas.items()), 1):
        problems = []
        for path, rel in files:
            text = read(path)
            shared = sorted(runs(text) & corpus) if text else []
            if shared:
                problems.append('%s repeats the corpus in %d runs of %d '
                                'words, first: "%s"' % (
                                    rel, len(shared), RUN_WORDS, shared[0]))
        print('%s %d - %s: %d files checked' % (
            'not ok' if problems else 'ok', i, area, len(files)))
        for p in problems:
            print('# ' + p)
        failed += bool(problems)
    return 1 if failed else 0

if __name__ == '__main__':
    sys.exit(main())
