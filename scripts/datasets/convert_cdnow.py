#!/usr/bin/env python3
"""Convert the CDNOW purchase log to Mawasu's import CSVs (customers.csv, orders.csv).

Input: CDNOW_master.txt (header line, then whitespace-separated
"customer_id date number_of_cds dollar_value") or CDNOW_sample.txt (no header,
"master_id sample_id date cds dollars"; the master id is used so ids match the master file;
the repository ships the sample as data/cdnow/CDNOW_sample.txt).
A .gz file is read directly.

Rules:
- One order per line: external_id = <customer>_<yyyymmdd>_<seq>, seq counting a customer's
  lines of the same day from 1 in file order; amount = dollar value (US dollars, so set
  CRM_CURRENCY=USD for a faithful display); quantity = number of CDs.
- ordered_at is the ISO date; the importer reads a date without a time as midnight in
  crm.time-zone.
- customers.csv: external_id = the customer id as written (leading zeros kept).

Usage: python3 scripts/datasets/convert_cdnow.py INPUT [--out DIR]
"""
import csv
import sys
from datetime import datetime
from decimal import Decimal

from datasets import arguments, open_text





def main():
    args = arguments(__doc__, "out/cdnow")

    customers = {}
    orders = []
    seq = {}
    with open_text(args.input, "ascii") as source:
        for number, line in enumerate(source, start=1):
            fields = line.split()
            if not fields or not fields[0].isdigit():
                continue  # the master file's header line, blank lines
            if len(fields) == 5:
                customer, _, day, cds, dollars = fields
            elif len(fields) == 4:
                customer, day, cds, dollars = fields
            else:
                sys.exit(f"{args.input}:{number}: expected 4 or 5 fields, got {len(fields)}")
            date = datetime.strptime(day, "%Y%m%d").date()
            key = f"{customer}_{day}"
            seq[key] = seq.get(key, 0) + 1
            customers.setdefault(customer, True)
            orders.append([f"{key}_{seq[key]}", customer, date.isoformat(), f"{Decimal(dollars):.2f}", int(cds)])

    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "customers.csv", "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(["external_id", "name"])
        for customer in customers:
            writer.writerow([customer, ""])
    with open(args.out / "orders.csv", "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(["external_id", "customer_external_id", "ordered_at", "amount", "quantity"])
        writer.writerows(orders)
    total = sum(Decimal(order[3]) for order in orders)
    print(f"{len(customers)} customers, {len(orders)} orders (total {total}) written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
