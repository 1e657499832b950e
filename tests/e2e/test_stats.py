#!/usr/bin/env python3
"""test_stats.py: `refuge stats` with the real binary on a store built by
ingesting three short reports and reviewing their incidents: the counts
per incident and per person checked by hand in the table, CSV and JSON
forms, proposed and rejected incidents left out, a formula in a group
neutralised in CSV, and wrong or hostile options refused (exit 2) before
the store is touched."""
import csv
import io
import json
import os

from harness import new_store, ok, refuge, run_tests, test, write

# Written for this test. Extraction reads them as: 1 a return from TH in
# 2019 of three Uyghur men (count 3), 2 a detention in TH in 2019 naming
# one man, 3 a return from KG in 2021 of 12 Kazakhs (count 12), 4 a
# detention in NP in 2021 naming one monk, 5 a threatened return in NP.
DOCS = {
    'a.txt': 'Title: Three Uyghur men sent back from Bangkok\n'
             'Publisher: Example Monitor\nPublished: 2019-07-02\n\n'
             'Thai immigration police deported three Uyghur men, Abdurehim '
             'Tohti, Yasin Kerim and Nurmemet Sabir, to China on 28 June '
             '2019, a relative said. A fourth man, Alim Osman, was detained '
             'in Bangkok on 3 May 2019 and is still held.\n',
    'b.txt': 'Title: Kazakh families describe forced returns from '
             'Kyrgyzstan\nPublisher: Other Watch\nPublished: 2021-04-11\n\n'
             'Kyrgyz authorities deported 12 Kazakhs to China in March '
             '2021, according to family members who spoke to us.\n',
    'c.txt': 'Title: Tibetan monk arrested in Nepal\n'
             'Publisher: Example Monitor\nPublished: 2021-09-20\n\n'
             'Nepali police arrested a Tibetan monk, Tenzin Dorje, in '
             'Kathmandu on 14 September 2021. He faces deportation to '
             'China.\n',
}

FORMULA = '=HYPERLINK("http://example.invalid")'


def reviewed_store(tmp):
    """Incident 2 gets a formula for a group and loses its named man (so
    it counts as one person by the last rule), incident 3 loses its group
    (unknown); 1-4 are accepted, 5 stays proposed."""
    data = new_store(tmp)
    paths = [write(os.path.join(tmp, 'docs', name), text)
             for name, text in sorted(DOCS.items())]
    ok(refuge('ingest', *paths, data=data))
    found = [json.loads(line) for line in
             ok(refuge('incidents', '--json', data=data)).out.splitlines()]
    assert [(i['id'], i['type'], i['host'], i['count'], len(i['persons']))
            for i in found] == [
        (1, 'return', 'TH', 3, 1), (2, 'detention', 'TH', None, 1),
        (3, 'return', 'KG', 12, 0), (4, 'detention', 'NP', None, 1),
        (5, 'threatened_return', 'NP', None, 1)], found
    ok(refuge('incident', 'edit', '2', '--group', FORMULA, '--persons', '',
              data=data))
    ok(refuge('incident', 'edit', '3', '--group', '', data=data))
    for n in ('1', '2', '3', '4'):
        ok(refuge('incident', 'accept', n, data=data))
    return data


def stats(data, *args):
    return ok(refuge('stats', *args, data=data)).out


def stats_json(data, *args):
    return json.loads(stats(data, '--format', 'json', *args))


# By hand: TH 2019 return 3 persons; TH 2019 detention 1 (nobody named, no
# count); KG 2021 return 12; NP 2021 detention 1 (one named).
BY_HOST_YEAR_TYPE = [
    {'host': 'KG', 'year': 2021, 'type': 'return', 'incidents': 1,
     'persons': 12},
    {'host': 'NP', 'year': 2021, 'type': 'detention', 'incidents': 1,
     'persons': 1},
    {'host': 'TH', 'year': 2019, 'type': 'detention', 'incidents': 1,
     'persons': 1},
    {'host': 'TH', 'year': 2019, 'type': 'return', 'incidents': 1,
     'persons': 3},
]


@test
def json_counts_incidents_and_persons(tmp):
    data = reviewed_store(tmp)
    out = stats_json(data)
    assert out == {'by': ['host', 'year', 'type'], 'rows': BY_HOST_YEAR_TYPE,
                   'total': {'incidents': 4, 'persons': 17}}, out
    assert json.loads(stats(data, '--json')) == out
    out = stats_json(data, '--by', 'year')
    assert out['rows'] == [{'year': 2019, 'incidents': 2, 'persons': 4},
                           {'year': 2021, 'incidents': 2, 'persons': 13}], out
    # The order --by gives is the sort order; unknown groups come last.
    out = stats_json(data, '--by', 'group,host')
    assert out['by'] == ['group', 'host'], out
    assert [(r['group'], r['host'], r['incidents'], r['persons'])
            for r in out['rows']] == [
        (FORMULA, 'TH', 1, 1), ('Tibetan', 'NP', 1, 1),
        ('Uyghur', 'TH', 1, 3), (None, 'KG', 1, 12)], out
    assert stats_json(data, '--by', 'type,group,year,host')['total'] == \
        {'incidents': 4, 'persons': 17}


@test
def proposed_and_rejected_are_left_out(tmp):
    data = reviewed_store(tmp)
    before = stats_json(data, '--by', 'host')
    assert [(r['host'], r['incidents']) for r in before['rows']] == \
        [('KG', 1), ('NP', 1), ('TH', 2)], before
    ok(refuge('incident', 'reject', '5', data=data))
    assert stats_json(data, '--by', 'host') == before
    ok(refuge('incident', 'reject', '1', data=data))
    after = stats_json(data, '--by', 'host')
    assert after['total'] == {'incidents': 3, 'persons': 14}, after


@test
def table_is_aligned_with_a_total(tmp):
    data = reviewed_store(tmp)
    lines = stats(data).splitlines()
    assert lines[0].split() == ['host', 'year', 'type', 'incidents',
                                'persons'], lines
    assert [line.split() for line in lines[1:]] == [
        ['KG', '2021', 'return', '1', '12'],
        ['NP', '2021', 'detention', '1', '1'],
        ['TH', '2019', 'detention', '1', '1'],
        ['TH', '2019', 'return', '1', '3'],
        ['total', '4', '17']], lines
    assert len({len(line) for line in lines}) == 1, lines
    text = stats(data, '--by', 'group')
    assert '(unknown)' in text.splitlines()[-2], text


@test
def csv_is_rfc4180_and_formula_safe(tmp):
    data = reviewed_store(tmp)
    raw = stats(data, '--format', 'csv', '--by', 'group,year')
    assert raw.endswith('\r\n') and '\n' not in raw.replace('\r\n', ''), raw
    assert raw.split('\r\n')[1] == \
        '"\'=HYPERLINK(""http://example.invalid"")",2019,1,1', raw
    rows = list(csv.reader(io.StringIO(raw, newline='')))
    assert rows == [
        ['group', 'year', 'incidents', 'persons'],
        ["'" + FORMULA, '2019', '1', '1'],
        ['Tibetan', '2021', '1', '1'],
        ['Uyghur', '2019', '1', '3'],
        ['', '2021', '1', '12']], rows
    assert not any(cell[:1] in ('=', '+', '-', '@')
                   for row in rows for cell in row), rows


@test
def empty_store_gives_zero_totals(tmp):
    data = new_store(tmp)
    assert stats_json(data) == {'by': ['host', 'year', 'type'], 'rows': [],
                                'total': {'incidents': 0, 'persons': 0}}
    assert stats(data, '--format', 'csv') == 'host,year,type,incidents,' \
        'persons\r\n'
    assert stats(data).splitlines()[-1].split() == ['total', '0', '0']


@test
def wrong_options_are_refused(tmp):
    data = reviewed_store(tmp)
    before = os.stat(os.path.join(data, 'refuge.db')).st_mtime_ns
    cases = [
        (['--by', 'country'], '"country" is not a statistics dimension'),
        (['--by', ''], 'at least one of host, year, type, group'),
        (['--by', 'host,,year'], 'an empty item'),
        (['--by', 'host,'], 'an empty item'),
        (['--by', ',host'], 'an empty item'),
        (['--by', 'year,host,year'], 'year is named twice'),
        (['--by', 'Host'], '"Host" is not a statistics dimension'),
        (['--by', "host' OR 1=1 --"], 'is not a statistics dimension'),
        (['--by', 'host;DROP TABLE incident'], 'is not a statistics'),
        (['--by', 'host\x1b[31m'], 'holds characters no dimension has'),
        (['--by', 'h\u00f6st'], 'holds characters no dimension has'),
        (['--by', 'host,' * 40], 'too long'),
        (['--format', 'x'], '--format is table, csv or json, not x'),
        (['--format', 'JSON'], 'not JSON'),
        (['--format', ''], 'table, csv or json'),
        (['--format', '\x1b]0;pwned\x07'], 'not that'),
        (['--format'], 'lacks its value'),
        (['--limit', '3'], 'unknown option --limit'),
        (['extra'], 'takes no arguments'),
    ]
    for args, message in cases:
        r = ok(refuge('stats', *args, data=data), 2)
        assert message in r.err, (args, r)
        assert '\x1b' not in r.err and r.out == '', (args, r)
    r = ok(refuge('stats', b'--by', b'host,\xff\xfe', data=data), 2)
    assert 'holds characters no dimension has' in r.err, r
    assert os.stat(os.path.join(data, 'refuge.db')).st_mtime_ns == before
    assert stats_json(data)['total'] == {'incidents': 4, 'persons': 17}


@test
def missing_store_and_help(tmp):
    r = ok(refuge('stats', data=os.path.join(tmp, 'nowhere')), 1)
    assert 'no data directory' in r.err, r
    r = ok(refuge('stats', '--help'))
    assert r.out.startswith('# refuge stats'), r
    assert 'stats' in ok(refuge('--help')).out


if __name__ == '__main__':
    run_tests()
