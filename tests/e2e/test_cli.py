#!/usr/bin/env python3
"""test_cli.py: the command line itself: verbs, help, global options and
usage errors."""
import os

from harness import ROOT, new_store, ok, refuge, run_tests, test, write

VERBS = ['init', 'ingest', 'search', 'sources', 'show', 'export', 'check',
         'incidents', 'incident', 'entities', 'people']


@test
def every_verb_has_help(tmp):
    for verb in VERBS:
        r = ok(refuge(verb, '--help'))
        assert r.out.startswith('# refuge %s' % verb), (verb, r.out[:80])
        assert 'Exit status' in r.out or 'EXIT STATUS' in r.out.upper(), verb


@test
def help_and_version(tmp):
    r = ok(refuge('--help'))
    for verb in VERBS:
        assert verb in r.out
    r = ok(refuge('--version'))
    assert r.out.startswith('refuge ')


@test
def unknown_verb_and_option_are_usage_errors(tmp):
    r = ok(refuge('frobnicate'), 2)
    assert 'unknown verb' in r.err
    r = ok(refuge('sources', '--bogus', data=tmp), 2)
    assert 'see `refuge sources --help`' in r.err
    ok(refuge(), 2)


@test
def missing_data_directory_is_explained(tmp):
    r = ok(refuge('sources'), 1)
    assert '--data' in r.err and 'REFUGE_DATA' in r.err
    r = ok(refuge('sources', data=os.path.join(tmp, 'nowhere')), 1)
    assert 'init' in r.err


@test
def refuge_data_sets_the_directory(tmp):
    data = new_store(tmp)
    r = ok(refuge('sources', env={'REFUGE_DATA': data}))
    assert '0 sources' in r.out


@test
def init_is_idempotent_and_private(tmp):
    data = new_store(tmp)
    r = ok(refuge('init', data=data))
    assert 'schema 5' in r.out
    assert oct(os.stat(data).st_mode & 0o777) == '0o700'
    assert oct(os.stat(os.path.join(data, 'refuge.db')).st_mode & 0o777) == '0o600'


@test
def ingest_without_a_store_asks_for_init(tmp):
    f = write(os.path.join(tmp, 'a.txt'), 'Some text.\n')
    r = ok(refuge('ingest', f, data=os.path.join(tmp, 'missing')), 1)
    assert 'refuge --data' in r.err and 'init' in r.err


@test
def option_values_are_checked(tmp):
    data = new_store(tmp)
    f = write(os.path.join(tmp, 'a.txt'), 'Some text.\n')
    cases = [
        ('ingest', '--published', '2019-02-30', f),
        ('ingest', '--published', 'yesterday', f),
        ('ingest', '--max-size', '0', f),
        ('ingest', '--publisher', 'bad\x01name', f),
        ('search', '--limit', '0', 'x'),
        ('search', '--limit', 'many', 'x'),
        ('search', '--since', '2019-13', 'x'),
        ('show', 'abc'),
        ('show', '-5'),
        ('show', "1; DROP TABLE source"),
        ('export', 'sources', '--format', 'xml'),
        ('export', 'everything', '--format', 'jsonl'),
        ('ingest',),
        ('search',),
    ]
    for args in cases:
        r = refuge(*args, data=data)
        assert r.code == 2, (args, r)
        assert r.err.startswith('refuge '), (args, r)
        assert len(r.err.strip().splitlines()) == 1, (args, r)
    ok(refuge('sources', data=data))


@test
def non_utf8_arguments_are_refused(tmp):
    data = new_store(tmp)
    r = refuge('search', b'\xff\xfe', data=data)
    assert r.code == 2, r
    assert 'UTF-8' in r.err


@test
def help_pages_exist_in_docs(tmp):
    for verb in VERBS:
        assert os.path.exists(os.path.join(ROOT, 'docs', 'cli', verb + '.md')), verb


if __name__ == '__main__':
    run_tests()
