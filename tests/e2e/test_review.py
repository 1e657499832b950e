#!/usr/bin/env python3
"""test_review.py: incidents from ingestion to review, with the real binary:
one incident from two sources, accept/reject/edit recorded with who and
what changed, the machine's proposal kept, `extract --all` keeping reviewed
incidents, split, people across spellings and decisions about them, and
hostile ids and values that must change nothing."""
import json
import os
import sqlite3

from harness import new_store, ok, refuge, run_tests, test, write

# Two reports of the same detention, in different words and name orders.
DOC_A = ('Title: Activist detained in Bangkok\nPublisher: Example Monitor\n'
         'Published: 2023-03-14\n\n'
         'Thai police detained Uyghur activist Zhang Xinyan in Bangkok on '
         '10 March 2023, her lawyer said. She faces deportation to China.\n')
DOC_B = ('Title: Rights group urges Thailand to free Xinyan Zhang\n'
         'Publisher: Other Watch\nPublished: 2023-03-16\n\n'
         'Xinyan Zhang, a Uyghur activist, was arrested by Thai immigration '
         'police in Bangkok in March 2023. Rights groups fear she will be '
         'deported to China.\n')


def two_sources(tmp):
    data = new_store(tmp)
    a = write(os.path.join(tmp, 'docs', 'a.txt'), DOC_A)
    b = write(os.path.join(tmp, 'docs', 'b.txt'), DOC_B)
    r = ok(refuge('ingest', a, b, data=data))
    assert 'incidents: 2 new' in r.out, r
    return data


def incidents(data, *args):
    r = ok(refuge('incidents', '--json', *args, data=data))
    return [json.loads(line) for line in r.out.splitlines()]


def show(data, incident_id):
    return json.loads(ok(refuge('incident', 'show', '--json', incident_id,
                                data=data)).out)


def people(data):
    r = ok(refuge('people', '--json', data=data))
    return [json.loads(line) for line in r.out.splitlines()]


def detentions(data):
    return [i for i in incidents(data) if i['type'] == 'detention']


def snapshot(data):
    """Everything review and extraction write, to compare before/after."""
    db = sqlite3.connect(os.path.join(data, 'refuge.db'))
    out = {}
    for table in ('incident', 'incident_source', 'incident_person', 'review',
                  'person', 'person_name', 'person_decision', 'entity'):
        out[table] = db.execute('SELECT * FROM %s ORDER BY 1' % table).fetchall()
    db.close()
    return out


@test
def two_sources_make_one_incident(tmp):
    data = two_sources(tmp)
    found = incidents(data)
    assert [len(i['sources']) for i in found] == [2, 2], found
    det = detentions(data)[0]
    assert det['status'] == 'proposed' and det['reviewed'] is False
    assert (det['host'], det['group']) == ('TH', 'Uyghur'), det
    assert [s['source_id'] for s in det['sources']] == [1, 2]
    quotes = [s['quote'] for s in det['sources']]
    assert quotes[0].startswith('Thai police detained'), quotes
    assert quotes[1].startswith('Xinyan Zhang, a Uyghur activist'), quotes
    assert det['sources'][1]['proposal']['persons'] == ['Xinyan Zhang']
    r = ok(refuge('incidents', data=data))
    assert 'sources 1, 2' in r.out and r.out.strip().endswith('2 incidents'), r
    r = ok(refuge('incidents', '--status', 'accepted', data=data))
    assert r.out == '0 accepted incidents\n', r
    ok(refuge('check', data=data))


@test
def reviews_are_recorded_and_the_proposal_kept(tmp):
    data = two_sources(tmp)
    det, threat = detentions(data)[0], [
        i for i in incidents(data) if i['type'] == 'threatened_return'][0]
    original = det['proposal']
    r = ok(refuge('incident', 'accept', det['id'], data=data,
                  env={'REFUGE_USER': 'alice'}))
    assert 'accepted by alice' in r.out, r
    r = ok(refuge('incident', 'accept', det['id'], data=data))
    assert 'already accepted' in r.out, r
    ok(refuge('incident', 'reject', threat['id'], data=data,
              env={'REFUGE_USER': 'bob'}))
    r = ok(refuge('incident', 'edit', det['id'], '--date', '2023-03-11',
                  '--persons', 'Zhang Xinyan; Li Wei', '--count', '2',
                  data=data, env={'REFUGE_USER': 'carol'}))
    assert 'edited by carol' in r.out, r
    s = show(data, det['id'])
    assert s['status'] == 'accepted' and s['reviewed'] is True
    assert (s['date'], s['persons'], s['count']) == (
        '2023-03-11', ['Zhang Xinyan', 'Li Wei'], 2), s
    assert s['proposal'] == original, (s['proposal'], original)
    assert s['proposal']['date'] == '2023-03-10'
    assert [(x['who'], x['action']) for x in s['reviews']] == [
        ('alice', 'accept'), ('carol', 'edit')], s['reviews']
    assert s['reviews'][0]['changes'] == {
        'status': {'before': 'proposed', 'after': 'accepted'}}
    assert s['reviews'][1]['changes'] == {
        'date': {'before': '2023-03-10', 'after': '2023-03-11'},
        'persons': {'before': ['Zhang Xinyan'],
                    'after': ['Zhang Xinyan', 'Li Wei']},
        'count': {'before': None, 'after': 2}}, s['reviews'][1]
    assert all(x['at'].endswith('Z') for x in s['reviews'])
    t = show(data, threat['id'])
    assert t['status'] == 'rejected' and t['reviews'][0]['who'] == 'bob'
    assert [i['id'] for i in incidents(data, '--status', 'rejected')] == [threat['id']]
    r = ok(refuge('incident', 'show', det['id'], data=data))
    for words in ('carol  edit', 'date "2023-03-10" -> "2023-03-11"',
                  'machine proposal: {', 'status       accepted (reviewed)'):
        assert words in r.out, (words, r.out)


@test
def extract_all_keeps_reviewed_incidents(tmp):
    data = two_sources(tmp)
    det = detentions(data)[0]
    ok(refuge('incident', 'edit', det['id'], '--host', 'MY', '--dest', 'CN',
              data=data))
    threat = [i for i in incidents(data) if i['type'] == 'threatened_return'][0]
    ok(refuge('incident', 'reject', threat['id'], data=data))
    before = incidents(data)
    r = ok(refuge('extract', '--all', data=data))
    assert r.out.startswith('2 sources read with rules '), r
    assert '0 incidents new' in r.out and 'withdrawn' in r.out, r
    assert '[2/2]' in r.err, r
    after = incidents(data)
    assert after == before, (before, after)
    s = show(data, det['id'])
    assert (s['host'], s['dest'], s['status']) == ('MY', 'CN', 'proposed')
    assert s['proposal']['host'] == 'TH'
    # Unreviewed incidents keep their ids across runs too.
    ok(refuge('extract', '--all', data=data))
    assert incidents(data) == before
    ok(refuge('check', data=data))


@test
def split_undoes_a_wrong_merge(tmp):
    data = two_sources(tmp)
    det = detentions(data)[0]
    r = ok(refuge('incident', 'split', det['id'], '--source', '2', data=data,
                  env={'REFUGE_USER': 'dora'}))
    assert 'is now incident 3' in r.out, r
    old, new = show(data, det['id']), show(data, 3)
    assert [x['source_id'] for x in old['sources']] == [1]
    assert [x['source_id'] for x in new['sources']] == [2]
    assert new['persons'] == ['Xinyan Zhang'] and new['date'] == '2023-03'
    assert new['reviews'][0]['who'] == 'dora'
    assert new['reviews'][0]['changes'] == {'split': {'source_id': 2, 'from': 1}}
    assert old['reviews'][-1]['changes'] == {'split': {'source_id': 2, 'into': 3}}
    ok(refuge('extract', '--all', data=data))
    assert len(detentions(data)) == 2
    r = ok(refuge('incident', 'split', det['id'], '--source', '1', data=data), 1)
    assert 'only source' in r.err, r
    r = ok(refuge('incident', 'split', det['id'], '--source', '7', data=data), 1)
    assert 'does not report' in r.err, r
    ok(refuge('incident', 'split', det['id'], data=data), 2)


@test
def people_match_across_spellings(tmp):
    data = two_sources(tmp)
    found = people(data)
    zhang = [p for p in found if p['name'] == 'Zhang Xinyan']
    assert len(zhang) == 1, found
    names = {n['name']: (n['rule'], n['via']) for n in zhang[0]['names']}
    assert names == {'Zhang Xinyan': ('canonical', None),
                     'Xinyan Zhang': ('name order', 'Zhang Xinyan')}, names
    assert zhang[0]['sources'] == [1, 2] and len(zhang[0]['incidents']) == 2
    r = ok(refuge('people', data=data))
    assert 'Xinyan Zhang  (name order, matched with "Zhang Xinyan")' in r.out, r


@test
def people_different_holds_after_reextraction(tmp):
    data = two_sources(tmp)
    r = ok(refuge('people', 'different', 'Zhang Xinyan', 'Xinyan Zhang',
                  data=data, env={'REFUGE_USER': 'erin'}))
    assert 'are not the same person (by erin)' in r.out, r
    assert sorted(p['name'] for p in people(data)) == ['Xinyan Zhang', 'Zhang Xinyan']
    for _ in range(2):
        ok(refuge('extract', '--all', data=data))
        det = detentions(data)
        assert len(det) == 2, det
        assert [[s['source_id'] for s in d['sources']] for d in det] == [[1], [2]]
        assert len(people(data)) == 2
    db = sqlite3.connect(os.path.join(data, 'refuge.db'))
    assert db.execute('SELECT who, same FROM person_decision').fetchall() == [('erin', 0)]
    db.close()
    # And back: the same person after all.
    ok(refuge('people', 'same', 'Xinyan Zhang', 'Zhang Xinyan', data=data))
    ok(refuge('extract', '--all', data=data))
    assert [len(d['sources']) for d in detentions(data)] == [2]
    names = {n['name']: n['rule'] for n in people(data)[0]['names']}
    assert names['Xinyan Zhang'] == 'alias', names
    ok(refuge('check', data=data))


@test
def entities_of_a_source(tmp):
    data = two_sources(tmp)
    r = ok(refuge('entities', '--json', 1, data=data))
    found = [json.loads(line) for line in r.out.splitlines()]
    person = [e for e in found if e['kind'] == 'person']
    assert person and person[0]['text'] == 'Zhang Xinyan', found
    text = json.loads(ok(refuge('show', '--json', 1, data=data)).out)['text']
    assert text[person[0]['start']:person[0]['end']] == 'Zhang Xinyan'
    r = ok(refuge('entities', 1, data=data))
    assert 'person' in r.out and 'entities in source 1' in r.out, r
    r = ok(refuge('entities', 999, data=data), 1)
    assert 'no source with id 999' in r.err, r
    ok(refuge('entities', 'abc', data=data), 2)


BAD_IDS = ['0', '-1', 'abc', '1; DROP TABLE incident', '99999999999999999999999',
           '1.5', '', ' 1', '0x1']


@test
def hostile_ids_are_refused_and_change_nothing(tmp):
    data = two_sources(tmp)
    before = snapshot(data)
    for bad in BAD_IDS:
        for args in (('incident', 'accept', bad), ('incident', 'reject', bad),
                     ('incident', 'show', bad),
                     ('incident', 'edit', bad, '--count', '3'),
                     ('incident', 'split', bad, '--source', '1'),
                     ('incident', 'split', '1', '--source', bad),
                     ('entities', bad)):
            r = ok(refuge(*args, data=data), 2)
            # "-1" reads as an option, and is refused as one.
            assert ('whole number' in r.err or 'unknown option -1' in r.err) \
                and r.out == '', (args, r)
    for args in (('incident', 'accept', '999'), ('incident', 'show', '999'),
                 ('incident', 'edit', '999', '--count', '3'),
                 ('incident', 'split', '999', '--source', '1')):
        r = ok(refuge(*args, data=data), 1)
        assert 'no incident with id 999' in r.err, (args, r)
    for args in (('incident',), ('incident', 'frobnicate', '1'),
                 ('incident', 'accept'), ('incident', 'accept', '1', '2'),
                 ('incidents', '--status', 'maybe'), ('people', 'same', 'A'),
                 ('extract', '--all', 'file.txt')):
        ok(refuge(*args, data=data), 2)
    assert snapshot(data) == before


@test
def hostile_values_are_refused_and_change_nothing(tmp):
    data = two_sources(tmp)
    det = str(detentions(data)[0]['id'])
    before = snapshot(data)
    bad = [('--date', '2023-13-45'), ('--date', 'yesterday'), ('--date', '2023-02-30'),
           ('--host', 'ZZZ'), ('--host', 'th'), ('--host', 'ZZ'), ('--host', 'T'),
           ('--dest', '12'), ('--count', '-3'), ('--count', '0'), ('--count', 'abc'),
           ('--count', '99999999999999999999'), ('--type', 'arrest'),
           ('--mechanism', 'deportation'), ('--mechanism', 'teleport'),
           ('--persons', b'Zhang \xff\xfe Xinyan'), ('--persons', 'Zhang\x1b[31m'),
           ('--persons', ';'.join(['N%d' % i for i in range(9)])),
           ('--persons', 'x' * 200), ('--group', b'\xc3('), ('--group', 'G' * 60)]
    for option, value in bad:
        r = ok(refuge('incident', 'edit', det, option, value, data=data), 2)
        assert r.err.startswith('refuge incident edit: ') and r.out == '', (option, value, r)
        assert '\x1b' not in r.err
    ok(refuge('incident', 'edit', det, data=data), 2)
    ok(refuge('people', 'different', b'\xff', 'Zhang Xinyan', data=data), 2)
    r = ok(refuge('people', 'different', 'Zhang Xinyan', 'ZHANG xinyan', data=data), 2)
    assert 'always the same name' in r.err, r
    assert snapshot(data) == before


@test
def markup_is_stored_intact_and_printed_safely(tmp):
    data = two_sources(tmp)
    det = detentions(data)[0]['id']
    persons = '<script>alert("x")</script>; Ann & "Bo" \u202e'
    ok(refuge('incident', 'edit', det, '--persons', persons, '--group',
              '<b>Group</b>', data=data))
    s = show(data, det)
    assert s['persons'] == ['<script>alert("x")</script>', 'Ann & "Bo" \u202e'], s
    assert s['group'] == '<b>Group</b>'
    r = ok(refuge('incident', 'show', det, data=data))
    assert '<script>alert("x")</script>, Ann & "Bo"' in r.out, r
    assert '\u202e' not in r.out


@test
def control_characters_in_documents_never_reach_the_terminal(tmp):
    data = new_store(tmp)
    doc = write(os.path.join(tmp, 'c.txt'),
                'Published: 2023-03-14\n\nThai police detained Uyghur activist '
                'Zhang Xinyan \u009b31m\u202e in Bangkok on 10 March 2023.\n')
    ok(refuge('ingest', doc, data=data))
    found = incidents(data)
    assert found, 'no incident found'
    assert '\u009b' in found[0]['sources'][0]['quote'] or \
        '\u202e' in found[0]['sources'][0]['quote'], found
    for args in (('incidents',), ('incident', 'show', found[0]['id']),
                 ('entities', 1), ('people',)):
        r = ok(refuge(*args, data=data))
        assert '\u009b' not in r.out and '\u202e' not in r.out, (args, r.out)


@test
def extraction_failure_keeps_the_source(tmp):
    data = new_store(tmp)
    db = sqlite3.connect(os.path.join(data, 'refuge.db'))
    db.execute("CREATE TRIGGER boom BEFORE INSERT ON entity "
               "BEGIN SELECT RAISE(ABORT, 'boom'); END")
    db.commit()
    db.close()
    a = write(os.path.join(tmp, 'a.txt'), DOC_A)
    r = ok(refuge('ingest', a, data=data))
    assert '1 new' in r.out and 'incident extraction failed' in r.err, r
    assert 'extract --all' in r.err
    assert incidents(data) == []
    ok(refuge('extract', '--all', data=data), 1)
    db = sqlite3.connect(os.path.join(data, 'refuge.db'))
    db.execute('DROP TRIGGER boom')
    db.commit()
    db.close()
    r = ok(refuge('extract', '--all', data=data))
    assert '2 incidents new' in r.out, r
    assert len(incidents(data)) == 2
    ok(refuge('check', data=data))


@test
def extract_all_needs_a_store(tmp):
    r = ok(refuge('extract', '--all'), 1)
    assert '--data' in r.err, r
    data = new_store(tmp)
    ok(refuge('extract', '--all', '--published', '2020', data=data), 2)
    r = ok(refuge('extract', '--all', data=data))
    assert r.out.startswith('0 sources read'), r


if __name__ == '__main__':
    run_tests()
