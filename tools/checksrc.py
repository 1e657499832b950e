#!/usr/bin/env python3
"""checksrc.py: bans C calls that have caused overflows and injection in
code like ours (as curl's checksrc does), and checks that every source file
opens with a comment saying what it is for.

Usage: checksrc.py SRC_DIR...  Prints TAP: one case per file."""
import os
import re
import sys

BANNED = {
    'sprintf': 'use snprintf or rw_buf_appendf',
    'vsprintf': 'use vsnprintf',
    'strcpy': 'use snprintf or memcpy with a length',
    'strcat': 'use rw_buf_append',
    'strncpy': 'use snprintf (strncpy may leave no NUL)',
    'gets': 'never',
    'atoi': 'use strtol with error checks (cli_int_option)',
    'atol': 'use strtol with error checks',
    'rand': 'use libsodium randombytes for anything secret',
    'system': 'no shell from the library or CLI',
    'tmpnam': 'use mkstemp',
}
CALL = re.compile(r'\b(%s)\s*\(' % '|'.join(BANNED))


def strip_comments_and_strings(text):
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def check(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    problems = []
    if not text.lstrip().startswith('/*'):
        problems.append('no opening comment saying what the file is for')
    for n, line in enumerate(strip_comments_and_strings(text).splitlines(), 1):
        for m in CALL.finditer(line):
            if re.search(r'(\.|->)\s*$', line[:m.start()]):
                continue
            problems.append('line %d: %s() is banned: %s' % (n, m.group(1), BANNED[m.group(1)]))
    return problems


def main():
    files = []
    for top in sys.argv[1:]:
        for root, _, names in os.walk(top):
            files += [os.path.join(root, n) for n in sorted(names) if n.endswith(('.c', '.h'))]
    files.sort()
    print('1..%d' % len(files))
    failed = 0
    for i, path in enumerate(files, 1):
        problems = check(path)
        print('%s %d - %s' % ('not ok' if problems else 'ok', i, path))
        for p in problems:
            print('# ' + p)
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
