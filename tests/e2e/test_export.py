#!/usr/bin/env python3
"""test_export.py: `refuge export` end to end, on a store holding cases
(names, aliases, contacts, locations, notes, custody, charges) and
incidents that name the same people. The redacted export, in both formats
and for both nouns, must hold none of those strings in any spelling; one
person must carry one pseudonym across cases and incidents and across
runs; the full export must hold them all; CSV must parse and keep
formulas inert; hostile names must come back intact; wrong command lines
and a missing key must be refused with a clear message."""
import csv
import io
import json
import os
import unicodedata

from harness import new_store, ok, refuge, run_tests, test, write

# Written for this test. Extraction reads it as 1: a return from TH to CN
# naming three men, 2: a detention in TH naming a fourth.
DOC = ('Title: Three men sent back from Bangkok\n'
       'Publisher: Example Monitor\nPublished: 2019-07-02\n\n'
       'Thai immigration police deported three Uyghur men, Abdurehim '
       'Tohti, Yasin Kerim and Nurmemet Sabir, to China on 28 June 2019, '
       'a relative said. A fourth man, Alim Osman, was detained in Bangkok '
       'on 3 May 2019 and is still held.\n')

# Made-up people and details.
CASE_1 = {'name': 'Abdurehim Tohti', 'alias': 'Abdurexim Toxti',
          'contact': 'signal +66 81 555 0192', 'location': 'soi 14, Huai Khwang',
          'note': 'cousin keeps his documents',
          'custody': 'Suan Phlu immigration centre',
          'description': 'teacher from Kashgar'}
CASE_2 = {'name': 'Yasin Kerim', 'alias': 'Yasin Karim',
          'contact': 'yasin.k@example.invalid', 'location': 'Ratchada room 9',
          'note': 'wife in Istanbul', 'custody': 'Bangkok remand prison',
          'description': 'tailor, father of four'}
CHARGES = 'sheltering Nurmemet Sabir'
PERSONS_1 = 'ABDUREHIM TOHTI; Yasin Karim; Nurmemet Sabir'
# Named only by the incident rejected below, or by its quote.
OTHERS = ['Alim Osman', 'Nurmemet Sabir']

SECRETS = ([CASE_1[k] for k in sorted(CASE_1)] +
           [CASE_2[k] for k in sorted(CASE_2)] + [CHARGES] + OTHERS)


def add_case(data, c, *more):
    args = []
    for key in ('name', 'alias', 'contact', 'location', 'note', 'custody',
                'description'):
        args += ['--' + key, c[key]]
    r = ok(refuge('case', 'add', '--json', *args, *more, data=data))
    return json.loads(r.out)['id']


def fixture(tmp):
    """Two cases, incident 1 naming both (one by an alias spelling) and a
    third man, incident 2 rejected."""
    data = new_store(tmp)
    ok(refuge('ingest', write(os.path.join(tmp, 'doc.txt'), DOC), data=data))
    add_case(data, CASE_1, '--host', 'TH', '--dest', 'CN', '--group', 'Uyghur',
             '--status', 'detained', '--tag', 'teacher',
             '--deadline', 'deportation:2026-12-04',
             '--request', 'extradition:CN:' + CHARGES, '--assurances')
    add_case(data, CASE_2, '--host', 'TH', '--dest', 'CN')
    ok(refuge('incident', 'edit', '1', '--persons', PERSONS_1, data=data))
    ok(refuge('incident', 'accept', '1', data=data))
    ok(refuge('incident', 'reject', '2', data=data))
    return data


def export(data, *args, env=None):
    return ok(refuge('export', *args, data=data, env=env)).out


def fold(text):
    """Lower case, no diacritics, letters and digits only."""
    text = unicodedata.normalize('NFKD', text)
    return ''.join(ch for ch in text.lower()
                   if ch.isalnum() and not unicodedata.combining(ch))


def readable(out, fmt):
    """The output as written and, for JSON Lines, with every string
    decoded (the writer escapes all that is not ASCII)."""
    if fmt == 'csv':
        return out
    return out + '\n'.join(json.dumps(json.loads(line), ensure_ascii=False)
                           for line in out.splitlines())


def records(out, fmt):
    if fmt == 'jsonl':
        return [json.loads(line) for line in out.splitlines()]
    return list(csv.DictReader(io.StringIO(out, newline='')))


def names_of(record, field, fmt):
    value = record[field]
    if fmt == 'jsonl':
        return value
    return value.split('; ') if value else []


@test
def redacted_exports_hold_no_name_and_no_sensitive_value(tmp):
    data = fixture(tmp)
    for noun in ('cases', 'incidents'):
        for fmt in ('csv', 'jsonl'):
            out = export(data, noun, '--format', fmt, '--redact')
            text = readable(out, fmt)
            assert records(out, fmt), (noun, fmt, out)
            for secret in SECRETS:
                assert secret.lower() not in text.lower(), (noun, fmt, secret)
                assert fold(secret) not in fold(text), (noun, fmt, secret)
            for field in ('description', 'custody', 'contacts', 'locations',
                          'notes', 'quotes', 'charges'):
                assert field not in text, (noun, fmt, field)


@test
def one_person_one_pseudonym_across_cases_incidents_and_runs(tmp):
    data = fixture(tmp)
    for fmt in ('csv', 'jsonl'):
        cases = records(export(data, 'cases', '--format', fmt, '--redact'),
                        fmt)
        incidents = records(export(data, 'incidents', '--format', fmt,
                                   '--redact'), fmt)
        assert [str(i['id']) for i in incidents] == ['1'], incidents
        names = [names_of(c, 'names', fmt)[0] for c in cases]
        aliases = [names_of(c, 'aliases', fmt)[0] for c in cases]
        persons = names_of(incidents[0], 'persons', fmt)
        for p in names + aliases + persons:
            assert p.startswith('person-') and len(p) == 17, p
        # "ABDUREHIM TOHTI" folds to case 1's name, "Yasin Karim" is case
        # 2's alias, the third man is no one else
        assert persons[0] == names[0] and persons[1] == aliases[1], (
            persons, names, aliases)
        assert len(set(names + aliases + persons)) == 5, (names, aliases)
        for noun in ('cases', 'incidents'):
            first = export(data, noun, '--format', fmt, '--redact')
            assert export(data, noun, '--format', fmt, '--redact') == first


@test
def redacted_cases_keep_what_is_safe_to_publish(tmp):
    data = fixture(tmp)
    c = records(export(data, '--json', '--redact'), 'jsonl')[0]
    assert (c['id'], c['host'], c['dest'], c['group'], c['status']) == (
        1, 'TH', 'CN', 'Uyghur', 'detained'), c
    assert c['tags'] == ['teacher'] and c['count'] == 1, c
    assert c['deadlines'] == [{'kind': 'deportation', 'date': '2026-12-04'}]
    assert c['requests'] == [{'kind': 'extradition', 'state': 'CN',
                              'assurances': True}], c
    assert c['incidents'] == [1] and c['level'] is not None, c
    row = records(export(data, '--format', 'csv', '--redact'), 'csv')[0]
    assert row['requests'] == 'extradition:CN:assurances', row
    assert row['deadlines'] == 'deportation:2026-12-04', row


@test
def full_export_holds_everything(tmp):
    data = fixture(tmp)
    for fmt in ('csv', 'jsonl'):
        text = readable(export(data, 'cases', '--format', fmt), fmt)
        text += readable(export(data, 'incidents', '--format', fmt), fmt)
        for secret in SECRETS:
            if secret != 'Alim Osman':  # only in the rejected incident
                assert secret in text, (fmt, secret)
    c = records(export(data, '--json'), 'jsonl')[0]
    assert c['names'] == [CASE_1['name']] and c['notes'] == [CASE_1['note']]
    assert c['requests'][0]['charges'] == CHARGES, c
    inc = records(export(data, 'incidents', '--json'), 'jsonl')
    assert [(i['id'], i['status']) for i in inc] == [(1, 'accepted')], inc
    assert inc[0]['persons'] == PERSONS_1.split('; '), inc
    assert 'Abdurehim Tohti' in inc[0]['quotes'][0], inc


@test
def incidents_without_redaction_need_no_key(tmp):
    data = fixture(tmp)
    env = {'REFUGE_KEY': os.path.join(tmp, 'missing.key')}
    out = export(data, 'incidents', '--format', 'csv', env=env)
    assert len(records(out, 'csv')) == 1, out
    for args in (('incidents', '--json', '--redact'), ('--json',),
                 ('cases', '--format', 'csv')):
        r = refuge('export', *args, data=data, env=env)
        assert r.code == 1 and 'no key file' in r.err, (args, r)
        assert r.out == '', (args, r)


@test
def csv_parses_and_formulas_stay_inert(tmp):
    data = new_store(tmp)
    formula = '=HYPERLINK("http://e.invalid","Dilnoza Rahimova")'
    ok(refuge('case', 'add', '--name', formula, '--note', '+1, "two"',
              data=data))
    raw = export(data, '--format', 'csv')
    assert raw.endswith('\r\n'), raw
    rows = list(csv.reader(io.StringIO(raw, newline='')))
    assert len(rows) == 2 and len(rows[0]) == len(rows[1]), rows
    row = dict(zip(rows[0], rows[1]))
    assert row['names'] == "'" + formula, row
    assert row['notes'] == "'+1, \"two\"", row
    # an empty store: the header alone in CSV, nothing in JSON Lines
    os.mkdir(os.path.join(tmp, 'empty'))
    empty = new_store(os.path.join(tmp, 'empty'))
    assert export(empty, '--format', 'csv').startswith('id,names,aliases,')
    assert len(export(empty, 'incidents', '--format', 'csv').splitlines()) == 1
    assert export(empty, '--json') == ''


@test
def hostile_names_round_trip_in_jsonl(tmp):
    data = new_store(tmp)
    hostile = ['O\'Brien "the \\ quiet"', '<script>alert(1)</script>',
               "Robert'); DROP TABLE case_file;--", '\u202eAli Reza\u202c',
               'Zoë «Ka» 桂民海']
    args = []
    for name in hostile:
        args += ['--alias', name]
    ok(refuge('case', 'add', '--name', 'Kamal Hostile', *args, data=data))
    out = export(data, '--json')
    assert all(ord(ch) < 128 for ch in out), out
    c = records(out, 'jsonl')[0]
    assert c['aliases'] == hostile, c
    redacted = export(data, '--json', '--redact')
    assert '<script>' not in redacted and 'DROP' not in redacted
    c = records(redacted, 'jsonl')[0]
    assert len(set(c['aliases'])) == len(hostile), c
    # a "name" with no letter or digit has no pseudonym of its own
    ok(refuge('case', 'add', '--name', 'Kamal Other', '--alias', '*** ?',
              data=data))
    c = records(export(data, '--json', '--redact'), 'jsonl')[1]
    assert c['aliases'] == ['person-unnamed'], c
    # a name with a line break never enters the store
    r = refuge('case', 'add', '--name', 'two\nlines', data=data)
    assert r.code == 2, r


@test
def wrong_command_lines_are_refused_before_the_store(tmp):
    data = new_store(tmp)
    cases = [
        (('everything', '--json'), 'cannot export everything'),
        ((b'\xff\xfe', '--json'), 'cannot export that'),
        (('cases',), 'give --format csv or --format jsonl'),
        (('cases', '--format', 'xml'), 'csv or jsonl, not xml'),
        (('cases', '--format', 'csv; rm -rf'), 'csv or jsonl'),
        (('cases', 'incidents', '--json'), 'one of cases'),
        (('sources', '--json', '--redact'), 'sources cannot be redacted'),
        (('--json', '--bogus'), 'unknown option --bogus'),
    ]
    for args, message in cases:
        r = refuge('export', *args, data=data)
        assert r.code == 2, (args, r)
        assert message in r.err and len(r.err.splitlines()) == 1, (args, r)
        assert r.out == '', (args, r)
    r = refuge('export', '--json', data=os.path.join(tmp, 'nowhere'))
    assert r.code == 1 and r.err.startswith('refuge export: '), r
    assert '--redact' in ok(refuge('export', '--help')).out


@test
def sources_export_in_both_formats(tmp):
    data = new_store(tmp)
    ok(refuge('ingest', write(os.path.join(tmp, 'doc.txt'), DOC), data=data))
    line = json.loads(export(data, 'sources', '--format', 'jsonl'))
    assert line['id'] == 1 and 'Alim Osman' in line['text'], line
    rows = records(export(data, 'sources', '--format', 'csv'), 'csv')
    assert rows[0]['sha256'] == line['sha256'], rows
    assert rows[0]['text'] == line['text'], rows


if __name__ == '__main__':
    run_tests()
