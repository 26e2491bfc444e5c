#!/usr/bin/env python3
"""Combines the generator's source extracts into one CSV for deduplication.

Usage: linkage_extracts.py EXTRACTS_DIR OUT.csv

Every *.csv in EXTRACTS_DIR except ground_truth.csv is one source's extract.
The source is the file's `source` column when it has one, otherwise the file
name without .csv; the record id is the extract's column whose values are the
ground truth's source_record_id for that source. Columns are carried over
under the names `contactpoint link` recognises (first_name, surname, dob, …),
found by header name; a column no name fits is dropped, and so are parents'
names and contact details, which brothers and sisters share. Output ids are
"source:source_record_id", as linkage_eval.py expects.
"""
import csv
import os
import re
import sys
from collections import defaultdict

# Header names, squashed (lower case, no spaces, dashes, dots or
# underscores), for each field of `contactpoint link`.
SYNONYMS = {
    'first_name': ['firstname', 'givenname', 'forename', 'forenames', 'first', 'givennames'],
    'middle_name': ['middlename', 'middlenames', 'secondname'],
    'surname': ['surname', 'lastname', 'familyname'],
    'full_name': ['fullname', 'name'],
    'previous_surname': ['previoussurname', 'formersurname', 'maidenname', 'birthsurname'],
    'known_as_surname': ['knownassurname', 'aliassurname'],
    'dob': ['dob', 'dateofbirth', 'birthdate'],
    'gender': ['gender', 'sex'],
    'postcode': ['postcode', 'postalcode', 'zip'],
    'street_number': ['streetnumber', 'housenumber'],
    'address_1': ['address1', 'addressline1', 'line1', 'address', 'street'],
    'address_2': ['address2', 'addressline2', 'line2', 'locality'],
    'town': ['town', 'city', 'posttown'],
    'identifier': ['nhsnumber', 'nhsno', 'identifier', 'upn'],
    'email': ['email', 'emailaddress'],
    'phone': ['phone', 'telephone', 'phonenumber', 'mobile'],
    'school': ['school', 'schoolname'],
    'gp_practice': ['gppractice', 'gp'],
    'carer_name': ['carername', 'parentname', 'parentcarername'],
}
FIELDS = list(SYNONYMS)


def squash(name):
    return re.sub(r'[\s_\-.]', '', name.lower())


def main():
    src_dir, out_path = sys.argv[1], sys.argv[2]
    truth = defaultdict(set)
    with open(os.path.join(src_dir, 'ground_truth.csv'), newline='', encoding='utf-8-sig') as f:
        for r in csv.DictReader(f):
            truth[r['source']].add(r['source_record_id'])
    files = sorted(p for p in os.listdir(src_dir)
                   if p.endswith('.csv') and p != 'ground_truth.csv')
    if not files:
        sys.exit(f'linkage_extracts: no extract CSV files in {src_dir}')
    written = 0
    with open(out_path, 'w', newline='', encoding='utf-8') as out:
        w = csv.writer(out)
        w.writerow(['record_id'] + FIELDS)
        for name in files:
            with open(os.path.join(src_dir, name), newline='', encoding='utf-8-sig') as f:
                rows = list(csv.reader(f, skipinitialspace=True))
            if not rows:
                continue
            header, rows = rows[0], rows[1:]
            squashed = [squash(h) for h in header]
            source_col = squashed.index('source') if 'source' in squashed else None
            stem = name[:-4]

            def source_of(row):
                return row[source_col] if source_col is not None else stem

            # The id column: the one whose values are this source's record ids.
            best, best_hits = None, 0
            for c in range(len(header)):
                hits = sum(1 for row in rows[:200]
                           if c < len(row) and row[c] in truth.get(source_of(row), ()))
                if hits > best_hits:
                    best, best_hits = c, hits
            if best is None:
                sys.exit(f'linkage_extracts: no column of {name} holds ground-truth record ids')
            columns = {}
            for field in FIELDS:
                for i, s in enumerate(squashed):
                    if i != best and i not in columns.values() and s in SYNONYMS[field]:
                        columns[field] = i
                        break
            for row in rows:
                if best >= len(row):
                    continue
                w.writerow([f'{source_of(row)}:{row[best]}'] +
                           [row[columns[f]] if f in columns and columns[f] < len(row) else ''
                            for f in FIELDS])
                written += 1
    print(f'linkage_extracts: {written} records from {len(files)} extracts', file=sys.stderr)


if __name__ == '__main__':
    main()
