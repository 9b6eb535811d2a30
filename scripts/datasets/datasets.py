"""What the dataset converters share: reading the input file and their command line."""
import argparse
import gzip
import sys
from pathlib import Path


def open_text(path, encoding):
    """Opens a plain or .gz text file for csv reading."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding=encoding, newline="")
    return open(path, encoding=encoding, newline="")


def arguments(doc, default_out):
    """INPUT (the dataset file, a path) and --out, with the converter's docstring as help."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("input", type=Path, help="the dataset file (plain or .gz); see data/README.md for sources")
    parser.add_argument("--out", type=Path, default=Path(default_out))
    args = parser.parse_args()
    if not args.input.is_file():
        sys.exit(f"{args.input}: no such file")
    return args
