#!/usr/bin/env python3
"""test_country.py: `refuge country` with the real binary on a real store:
the profile from the compiled-in table, the record counted from ingested
incidents (rejected ones left out), the empty place for people at risk,
and hostile or malformed codes refused with a clear message."""
import json
import os

from harness import new_store, ok, refuge, run_tests, test, write

# Written for this test: a return and a detention, both hosted in Thailand.
DOC = ('Title: Two Uyghur men sent back from Bangkok\n'
       'Publisher: Example Watch\nPublished: 2022-06-20\n\n'
       'Thai immigration police deported two Uyghur men, Abdulla Tursun and '
       'Memet Ablet, to China on 15 June 2022, relatives told us. A third '
       'man, Ekber Yasin, was arrested in Bangkok on 2 May 2021 and is '
       'still held.\n')


def store_with_document(tmp):
    data = new_store(tmp)
    ok(refuge('ingest', write(os.path.join(tmp, 'doc.txt'), DOC), data=data))
    return data


def country(data, code):
    return json.loads(ok(refuge('country', code, '--json', data=data)).out)


@test
def profile_and_record(tmp):
    data = store_with_document(tmp)
    th = country(data, 'TH')
    assert th['iso'] == 'TH' and th['name'] == 'Thailand', th
    assert th['refugee_convention'] == 'not party', th
    assert th['cat'] == 'party', th
    assert {'state': 'CN', 'status': 'in force'}.items() <= \
        th['extradition'][0].items(), th['extradition']
    assert th['sources'], th
    record = th['record']
    assert record['incidents'] == 2, record
    assert record['accepted'] == 0, record
    assert [(r['type'], r['year'], r['incidents'], r['people'])
            for r in record['by_type_year']] == \
        [('detention', 2021, 1, 1), ('return', 2022, 1, 2)], record
    assert [(r['dest'], r['incidents'], r['people'])
            for r in record['returns_by_destination']] == [('CN', 1, 2)], record
    assert th['at_risk'] == [], th
    # Lower case is the same country; the text form names every part.
    text = ok(refuge('country', 'th', data=data)).out
    assert 'Thailand (TH)' in text, text
    assert 'return            2022  1 incident (0 accepted), 2 people' in text, text
    assert 'people currently at risk there' in text, text


@test
def reviews_change_the_record(tmp):
    data = store_with_document(tmp)
    incidents = [json.loads(line) for line in
                 ok(refuge('incidents', '--json', data=data)).out.splitlines()]
    ids = {i['type']: i['id'] for i in incidents}
    ok(refuge('incident', 'reject', ids['detention'], data=data))
    ok(refuge('incident', 'accept', ids['return'], data=data))
    record = country(data, 'TH')['record']
    assert record['incidents'] == 1 and record['accepted'] == 1, record
    assert [r['type'] for r in record['by_type_year']] == ['return'], record


@test
def other_hosts_and_pacts(tmp):
    data = store_with_document(tmp)
    kz = country(data, 'KZ')
    assert kz['record'] == {'incidents': 0, 'accepted': 0, 'by_type_year': [],
                            'returns_by_destination': []}, kz
    assert any(p['state'] == 'CN' and p['note'] == 'SCO'
               for p in kz['pacts']), kz['pacts']
    assert 'SCO with' in ok(refuge('country', 'KZ', data=data)).out


@test
def unknown_and_hostile_codes(tmp):
    data = store_with_document(tmp)
    before = ok(refuge('country', 'TH', '--json', data=data)).out
    r = refuge('country', 'FI', data=data)
    assert r.code == 1 and 'no row for FI' in r.err, r
    for bad in ['', "'; DROP TABLE incident; --", '../etc', 'THA', 'T',
                b'\xff\xfe', 'T\x1bH', 'ZZ', '12']:
        r = refuge('country', bad, data=data)
        assert r.code == 2, (bad, r)
        assert r.out == '', (bad, r)
        assert 'refuge country:' in r.err and '\x1b' not in r.err, (bad, r)
        assert len(r.err.splitlines()) == 1, (bad, r)
    for args in [(), ('TH', 'KZ'), ('--bogus', 'TH')]:
        assert refuge('country', *args, data=data).code == 2, args
    # Nothing was changed by any of it.
    assert ok(refuge('country', 'TH', '--json', data=data)).out == before


@test
def needs_a_store(tmp):
    r = refuge('country', 'TH')
    assert r.code == 1 and 'no data directory' in r.err, r
    assert '# refuge country' in ok(refuge('country', '--help')).out


run_tests()
