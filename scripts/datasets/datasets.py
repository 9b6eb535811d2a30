"""What the dataset converters share: finding the input file, reading it, and their command line."""
import argparse
import gzip
import sys
from pathlib import Path


def find_dataset(dataset):
    """shared/datasets/<dataset> in the nearest folder above these scripts that has it (the repository's parent)."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "datasets" / dataset
        if candidate.exists():
            return candidate
    sys.exit(f"shared/datasets/{dataset} not found above {Path(__file__).parent}; pass --input FILE")


def open_text(path, encoding):
    """Opens a plain or .gz text file for csv reading."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding=encoding, newline="")
    return open(path, encoding=encoding, newline="")


def arguments(doc, dataset, default_out):
    """--input (default: the shared dataset) and --out, with the converter's docstring as help."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--input", type=Path, help="default: ../shared/datasets/" + dataset)
    parser.add_argument("--out", type=Path, default=Path(default_out))
    args = parser.parse_args()
    args.input = args.input or find_dataset(dataset)
    return args
