#!/usr/bin/env python3
"""Counts every test case in Meson test logs and prints the closing line.

Usage: count-tests.py TESTLOG.json...

TAP tests count one per `ok`/`not ok` line (a `# SKIP` counts as skipped);
a test that crashed or timed out without reporting a failing case counts
one failure more. Prints `N passed, N failed, N skipped` and exits 1 when
anything failed."""
import json
import re
import sys

TAP = re.compile(r'^(not ok|ok)\b(.*)$')


def count(path):
    passed = failed = skipped = 0
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            entry = json.loads(line)
            result = entry.get('result', 'FAIL')
            stdout = entry.get('stdout', '') or ''
            t_pass = t_fail = t_skip = 0
            for out in stdout.splitlines():
                m = TAP.match(out.strip())
                if not m:
                    continue
                if '# SKIP' in m.group(2).upper():
                    t_skip += 1
                elif m.group(1) == 'ok':
                    t_pass += 1
                else:
                    t_fail += 1
            if t_pass + t_fail + t_skip == 0:
                if result == 'SKIP':
                    t_skip = 1
                elif result in ('OK', 'EXPECTEDFAIL'):
                    t_pass = 1
                else:
                    t_fail = 1
            elif result not in ('OK', 'EXPECTEDFAIL', 'SKIP') and t_fail == 0:
                t_fail = 1
            passed += t_pass
            failed += t_fail
            skipped += t_skip
    return passed, failed, skipped


def main():
    totals = [0, 0, 0]
    for path in sys.argv[1:]:
        for i, n in enumerate(count(path)):
            totals[i] += n
    print('%d passed, %d failed, %d skipped' % tuple(totals))
    return 1 if totals[1] else 0


if __name__ == '__main__':
    sys.exit(main())
