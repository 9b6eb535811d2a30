#!/usr/bin/env python3
"""Convert the UCI "Online Retail" file to Mawasu's import CSVs (customers.csv, orders.csv).

Input: online_retail_uci.csv.gz (read directly, gzip; source in data/README.md), columns
InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country.

Rules:
- One order per invoice: external_id = InvoiceNo, amount = sum(Quantity * UnitPrice) over its
  lines (exact decimals), quantity = sum(Quantity), ordered_at = the invoice's earliest InvoiceDate.
- Cancellations (InvoiceNo starting with "C") are kept as orders with their negative amount.
- Lines without a CustomerID cannot belong to a customer: they are skipped and counted.
- Dates are the retailer's UK local time, written as given without an offset
  (2010-12-01T08:26:00); the importer reads them in crm.time-zone, so import with
  CRM_TIME_ZONE=Europe/London to keep them as UK time.
- customers.csv: external_id = CustomerID, tags = the Country of the customer's first line.
- Amounts are in pounds sterling (set CRM_CURRENCY=GBP for a faithful display).

Usage: python3 scripts/datasets/convert_online_retail.py INPUT [--out DIR]
"""
import csv
import sys
from datetime import datetime
from decimal import Decimal

from datasets import arguments, open_text




def main():
    args = arguments(__doc__, "out/online-retail")

    invoices = {}  # InvoiceNo -> [customer, first datetime, amount, quantity]
    countries = {}
    lines = skipped_lines = 0
    skipped_invoices = set()
    mixed = set()
    with open_text(args.input, "utf-8") as source:
        for row in csv.DictReader(source):
            lines += 1
            customer = row["CustomerID"].strip()
            if customer.endswith(".0"):
                customer = customer[:-2]
            invoice = row["InvoiceNo"].strip()
            if not customer:
                skipped_lines += 1
                skipped_invoices.add(invoice)
                continue
            at = datetime.strptime(row["InvoiceDate"].strip(), "%Y-%m-%d %H:%M:%S")
            quantity = int(row["Quantity"])
            amount = Decimal(quantity) * Decimal(row["UnitPrice"])
            countries.setdefault(customer, row["Country"].strip())
            order = invoices.get(invoice)
            if order is None:
                invoices[invoice] = [customer, at, amount, quantity]
                continue
            if order[0] != customer:
                mixed.add(invoice)
            order[1] = min(order[1], at)
            order[2] += amount
            order[3] += quantity

    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "customers.csv", "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(["external_id", "name", "tags"])
        for customer in sorted(countries, key=int):
            writer.writerow([customer, "", countries[customer]])
    with open(args.out / "orders.csv", "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(["external_id", "customer_external_id", "ordered_at", "amount", "quantity"])
        for invoice, (customer, at, amount, quantity) in sorted(invoices.items(), key=lambda i: (i[1][1], i[0])):
            writer.writerow([invoice, customer, at.isoformat(), f"{amount.quantize(Decimal('0.01'))}", quantity])

    cancellations = sum(1 for invoice in invoices if invoice.startswith("C"))
    print(f"{lines} lines read; {skipped_lines} lines in {len(skipped_invoices)} invoices skipped (no CustomerID)",
          file=sys.stderr)
    print(f"{len(countries)} customers, {len(invoices)} orders ({cancellations} cancellations) written to {args.out}",
          file=sys.stderr)
    if mixed:
        print(f"warning: {len(mixed)} invoices have lines of several customers; the first one is used",
              file=sys.stderr)


if __name__ == "__main__":
    main()
