#!/usr/bin/env python3
"""test_extract_hostile.py: `refuge extract` on broken and hostile input.
Each bad file gets one clear line naming it and the problem, never a crash
or a sanitizer report; the other files of the run are still read and
printed, and the exit status is 1 when any file failed (2 for bad usage)."""
import json
import os
import random

from harness import make_pdf, ok, refuge, run_tests, test, write

GOOD = ('Published: 2021-03-10\n\n'
        'Thai police detained the Uyghur teacher Abdulla Rozi in Bangkok on '
        '2 March, his wife said.\n')


def no_crash(r):
    for bad in ('Sanitizer', 'runtime error:', 'Segmentation', 'Aborted',
                'core dumped', 'Traceback'):
        assert bad not in r.err, r
    assert r.code in (0, 1, 2), r


def jsonl(r):
    return [json.loads(line) for line in r.out.splitlines() if line.strip()]


def error_lines(r):
    return [l for l in r.err.splitlines() if l.startswith('refuge extract: ')]


def expect_failure(tmp, name, content, reason):
    """The bad file alone fails with reason; next to a good file, the good
    one is still printed and the status is still 1."""
    bad = write(os.path.join(tmp, name), content) if content is not None \
        else os.path.join(tmp, name)
    r = refuge('extract', '--format', 'jsonl', bad)
    no_crash(r)
    ok(r, 1)
    assert r.out == '', r
    assert error_lines(r) == ['refuge extract: %s: %s' % (bad, reason)], r
    good = write(os.path.join(tmp, 'good.txt'), GOOD)
    r = refuge('extract', '--format', 'jsonl', good, bad)
    no_crash(r)
    ok(r, 1)
    found = jsonl(r)
    assert [i['doc'] for i in found] == ['good'], r
    assert error_lines(r) == ['refuge extract: %s: %s' % (bad, reason)], r


@test
def missing_file(tmp):
    expect_failure(tmp, 'missing.txt', None,
                   'cannot read: No such file or directory')


@test
def directory(tmp):
    os.makedirs(os.path.join(tmp, 'folder'))
    write(os.path.join(tmp, 'folder', 'inside.txt'), GOOD)
    r = refuge('extract', '--format', 'jsonl', os.path.join(tmp, 'folder'))
    no_crash(r)
    ok(r, 1)
    assert r.out == '', r
    lines = error_lines(r)
    assert len(lines) == 1 and lines[0].startswith(
        'refuge extract: %s: ' % os.path.join(tmp, 'folder')), r


@test
def empty_file(tmp):
    expect_failure(tmp, 'empty.txt', b'', 'empty file')


@test
def binary_file(tmp):
    rng = random.Random(11)
    blob = bytes(rng.randrange(256) for _ in range(5000)) + b'\0'
    expect_failure(tmp, 'photo.txt', blob, 'binary file: not text, HTML or PDF')


@test
def truncated_pdf(tmp):
    pdf = make_pdf(['Thai police detained the Uyghur teacher Abdulla Rozi.'])
    expect_failure(tmp, 'cut.pdf', pdf[:40],
                   'not a readable PDF (PDF document is damaged)')


@test
def pdf_is_read(tmp):
    pdf = make_pdf(['Thai police detained the Uyghur teacher Abdulla Rozi in '
                    'Bangkok on 2 March 2021, his wife said.'])
    r = ok(refuge('extract', '--format', 'jsonl',
                  write(os.path.join(tmp, 'report.pdf'), pdf)))
    found = jsonl(r)
    assert [i['persons'] for i in found] == [['Abdulla Rozi']], r


@test
def html_script_is_not_read(tmp):
    page = ('<html><head><title>Report</title><script>var s = "Police '
            'detained the activist Zhang Wei in Bangkok on 2 March.";'
            '</script><style>p { color: red }</style></head><body>'
            '<nav>Home | News</nav><p>Thai police detained the Uyghur teacher '
            'Abdulla Rozi in Bangkok on 2 March 2021, his wife said.</p>'
            '<script>document.write("Malaysia deported Chen Ming to China.")'
            '</script></body></html>')
    r = ok(refuge('extract', '--format', 'jsonl',
                  write(os.path.join(tmp, 'page.html'), page)))
    no_crash(r)
    found = jsonl(r)
    assert [i['persons'] for i in found] == [['Abdulla Rozi']], r
    assert 'Zhang Wei' not in r.out and 'Chen Ming' not in r.out, r


@test
def invalid_utf8(tmp):
    text = (b'Published: 2021-03-10\n\n'
            b'Thai police detained the Uyghur teacher Abdulla Rozi in Bangkok '
            b'on 2 March. \xff\xfe\xc3\xed\xa0\x80 Malaysian police arrested '
            b'the activist Chen Ming in Penang on 4 March\xf8\x88\x80.\n')
    r = ok(refuge('extract', '--format', 'jsonl',
                  write(os.path.join(tmp, 'mixed.txt'), text)))
    no_crash(r)
    found = jsonl(r)
    assert sorted(p for i in found for p in i['persons']) == \
        ['Abdulla Rozi', 'Chen Ming'], r
    for i in found:
        assert i['quote_start'] < i['quote_end'], i
        assert i['date'] in ('2021-03-02', '2021-03-04'), i


@test
def five_megabytes_on_one_line(tmp):
    rng = random.Random(5)
    words = ['police', 'detained', 'the', 'activist', 'in', 'Bangkok', 'on',
             'March', 'and', 'Uyghur', 'men', 'were', 'deported', 'to',
             'China', 'Zhang', 'Wei', 'said', 'not', 'urge', 'he', 'they']
    parts, size = [], 0
    while size < 5 << 20:
        w = rng.choice(words)
        parts.append(w)
        size += len(w) + 1
    path = write(os.path.join(tmp, 'line.txt'), ' '.join(parts))
    assert os.path.getsize(path) >= 5 << 20
    r = ok(refuge('extract', '--format', 'jsonl', path, timeout=600))
    no_crash(r)
    size_chars = os.path.getsize(path)
    for i in jsonl(r):
        assert 0 <= i['quote_start'] < i['quote_end'] <= size_chars, i


@test
def bogus_format(tmp):
    good = write(os.path.join(tmp, 'good.txt'), GOOD)
    r = refuge('extract', '--format', 'bogus', good)
    no_crash(r)
    ok(r, 2)
    assert r.out == '', r
    assert 'must be jsonl or text, not "bogus"' in r.err, r


@test
def unprintable_format(tmp):
    good = write(os.path.join(tmp, 'good.txt'), GOOD)
    r = refuge('extract', '--format', b'\x1b[31m\xff', good)
    no_crash(r)
    ok(r, 2)
    assert '\x1b' not in r.err, r


@test
def bad_published_date(tmp):
    good = write(os.path.join(tmp, 'good.txt'), GOOD)
    for value in ('notadate', '2021-13-01', '2021-02-30', ''):
        r = refuge('extract', '--published', value, good)
        no_crash(r)
        ok(r, 2)
        assert r.out == '', r
        assert '--published' in r.err, r


@test
def no_files(tmp):
    r = refuge('extract')
    no_crash(r)
    ok(r, 2)
    assert 'name at least one file' in r.err, r


@test
def one_of_several_fails(tmp):
    first = write(os.path.join(tmp, 'first.txt'), GOOD)
    empty = write(os.path.join(tmp, 'empty.txt'), b'')
    second = write(os.path.join(tmp, 'second.txt'), GOOD.replace(
        'Abdulla Rozi', 'Memet Tohti'))
    missing = os.path.join(tmp, 'missing.txt')
    for fmt in ('jsonl', 'text'):
        r = refuge('extract', '--format', fmt, first, empty, missing, second)
        no_crash(r)
        ok(r, 1)
        assert error_lines(r) == [
            'refuge extract: %s: empty file' % empty,
            'refuge extract: %s: cannot read: No such file or directory'
            % missing], r
        if fmt == 'jsonl':
            assert [i['doc'] for i in jsonl(r)] == ['first', 'second'], r
        else:
            assert 'Abdulla Rozi' in r.out and 'Memet Tohti' in r.out, r
            assert '(some failed)' in r.err, r


@test
def published_option_overrides_header(tmp):
    good = write(os.path.join(tmp, 'good.txt'), GOOD)
    r = ok(refuge('extract', '--format', 'jsonl', '--published', '2019-12-10',
                  good))
    assert [i['date'] for i in jsonl(r)] == ['2019-03-02'], r


if __name__ == '__main__':
    run_tests()
