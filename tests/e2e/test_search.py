#!/usr/bin/env python3
"""test_search.py: ranked full-text search: ranking, syntax, filters,
snippets and the JSON shape of a hit."""
import json
import os

from harness import SHARED, new_store, ok, refuge, run_tests, test, write

CORPUS = os.path.join(SHARED, 'corpus', 'docs')


def hits(data, *args):
    r = ok(refuge('search', '--json', *args, data=data))
    return [json.loads(line) for line in r.out.splitlines() if line.strip()]


def corpus_store(tmp):
    data = new_store(tmp)
    ok(refuge('ingest', CORPUS, data=data))
    return data


def files_naming(words):
    names = []
    for name in sorted(os.listdir(CORPUS)):
        with open(os.path.join(CORPUS, name), encoding='utf-8') as f:
            if words in f.read():
                names.append(os.path.join(CORPUS, name))
    return names


@test
def name_search_ranks_the_documents_that_name_him(tmp):
    data = corpus_store(tmp)
    expected = files_naming('Gui Minhai')
    assert len(expected) == 2, expected
    found = hits(data, 'Gui Minhai')
    assert sorted(h['file'] for h in found[:2]) == expected, found
    assert len(found) == 2, [h['file'] for h in found]
    assert found[0]['score'] >= found[1]['score'] > 0


@test
def a_hit_carries_its_provenance(tmp):
    data = corpus_store(tmp)
    h = hits(data, '--limit', '1', 'Pakistan')[0]
    for key in ['id', 'title', 'file', 'url', 'publisher', 'published', 'sha256',
                'score', 'snippet', 'highlights']:
        assert key in h, key
    start, length = h['highlights'][0]
    assert h['snippet'][start:start + length].lower() == 'pakistan', h


@test
def phrases_prefixes_and_boolean_operators(tmp):
    data = new_store(tmp)
    write(os.path.join(tmp, 'd', 'a.txt'), 'Police deported the blogger to his home country.\n')
    write(os.path.join(tmp, 'd', 'b.txt'), 'The court halted the deportation of the blogger.\n')
    write(os.path.join(tmp, 'd', 'c.txt'), 'Home affairs said the blogger would stay.\n')
    ok(refuge('ingest', os.path.join(tmp, 'd'), data=data))

    def files(*q):
        return sorted(os.path.basename(h['file']) for h in hits(data, *q))
    assert files('deport*') == ['a.txt', 'b.txt']
    assert files('"home country"') == ['a.txt']
    assert files('home') == ['a.txt', 'c.txt']
    assert files('deported OR halted') == ['a.txt', 'b.txt']
    assert files('blogger NOT court') == ['a.txt', 'c.txt']
    assert files('blogger AND court') == ['b.txt']
    assert files('BLOGGER', 'COURT') == ['b.txt']


@test
def diacritics_and_case_fold(tmp):
    data = new_store(tmp)
    write(os.path.join(tmp, 'd', 'a.txt'), 'Nurmämät Güler was held in İzmir.\n')
    write(os.path.join(tmp, 'd', 'b.txt'), 'Reporters met Ayse Ozturk in Ankara.\n')
    ok(refuge('ingest', os.path.join(tmp, 'd'), data=data))
    assert [os.path.basename(h['file']) for h in hits(data, 'guler')] == ['a.txt']
    assert [os.path.basename(h['file']) for h in hits(data, 'Nurmamat')] == ['a.txt']
    assert [os.path.basename(h['file']) for h in hits(data, 'Öztürk')] == ['b.txt']


@test
def filters_by_date_and_publisher(tmp):
    data = new_store(tmp)
    for i, (pub, date) in enumerate([('Alpha', '2015-07-09'), ('Beta', '2019-12-12'),
                                     ('alpha', '2023-01-05'), ('Beta', '2023')]):
        write(os.path.join(tmp, 'd', '%d.txt' % i),
              'Publisher: %s\nPublished: %s\n\nA detention was reported, item %d.\n'
              % (pub, date, i))
    ok(refuge('ingest', os.path.join(tmp, 'd'), data=data))

    def names(*q):
        return sorted(os.path.basename(h['file']) for h in hits(data, *q, 'detention'))
    assert names('--since', '2019') == ['1.txt', '2.txt', '3.txt']
    assert names('--until', '2019-12') == ['0.txt', '1.txt']
    assert names('--since', '2019-12-13', '--until', '2023-12-31') == ['2.txt', '3.txt']
    assert names('--publisher', 'ALPHA') == ['0.txt', '2.txt']
    assert names('--publisher', 'Beta', '--since', '2020') == ['3.txt']
    assert names('--limit', '2') != []
    assert len(names('--limit', '2')) == 2


@test
def a_small_store_is_never_windowed(tmp):
    data = corpus_store(tmp)
    plain = hits(data, 'Uyghur*')
    every = hits(data, '--all', 'Uyghur*')
    assert plain and [h['id'] for h in plain] == [h['id'] for h in every]
    assert not any(h['windowed'] for h in plain + every)
    r = ok(refuge('search', 'Uyghur*', data=data))
    assert 'most recently ingested' not in r.err


@test
def text_output_marks_the_matches(tmp):
    data = corpus_store(tmp)
    r = ok(refuge('search', '--limit', '3', 'Kazakhstan', data=data))
    assert '«Kazakhstan»' in r.out, r.out
    assert r.out.startswith('1. ')


@test
def broken_syntax_falls_back_to_plain_words(tmp):
    data = corpus_store(tmp)
    r = ok(refuge('search', '"Gui Minhai', data=data))
    assert 'searching for the words as written' in r.err
    assert 'Gui' in r.out
    r = ok(refuge('search', 'AND OR (', data=data))
    r = ok(refuge('search', "'; DROP TABLE source; --", data=data))
    assert 'no source matches' in r.err or r.out
    ok(refuge('sources', data=data))
    ok(refuge('check', data=data))


@test
def no_match_is_not_an_error(tmp):
    data = corpus_store(tmp)
    r = ok(refuge('search', 'xylophonequartz', data=data))
    assert r.out == '' and 'no source matches' in r.err
    assert hits(data, 'xylophonequartz') == []


@test
def oversized_query_is_refused(tmp):
    data = new_store(tmp)
    r = ok(refuge('search', 'word ' * 2000, data=data), 2)
    assert 'at most' in r.err


if __name__ == '__main__':
    run_tests()
