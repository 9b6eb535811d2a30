#!/usr/bin/env python3
"""Convert the R package rfm's sample orders to Mawasu's import CSVs (customers.csv, orders.csv).

Input: rfm_data_orders.csv of the R package rfm (a .gz file is read directly), columns
customer_id (a name: the package identifies customers by name), order_date, revenue,
first_name, last_name, email.

Rules:
- customers.csv: external_id = customer_id (the name as written), name = first_name + " " +
  last_name, email = email (the first seen for the customer).
- orders.csv: one order per line, external_id = rfm-<physical line number> (the header is
  line 1), ordered_at = order_date (a date: midnight in crm.time-zone), amount = revenue.

Usage: python3 scripts/datasets/convert_rfm_sample.py INPUT [--out DIR]
"""
import csv
import sys
from decimal import Decimal

from datasets import arguments, open_text





def main():
    args = arguments(__doc__, "out/rfm-sample")

    customers = {}
    orders = []
    with open_text(args.input, "utf-8") as source:
        reader = csv.DictReader(source)
        for row in reader:
            customer = row["customer_id"].strip()
            name = f"{row['first_name'].strip()} {row['last_name'].strip()}".strip()
            customers.setdefault(customer, [name, row["email"].strip()])
            orders.append([f"rfm-{reader.line_num}", customer, row["order_date"].strip(),
                           f"{Decimal(row['revenue']):.2f}"])

    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "customers.csv", "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(["external_id", "name", "email"])
        for customer, (name, email) in customers.items():
            writer.writerow([customer, name, email])
    with open(args.out / "orders.csv", "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(["external_id", "customer_external_id", "ordered_at", "amount"])
        writer.writerows(orders)
    print(f"{len(customers)} customers, {len(orders)} orders written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
