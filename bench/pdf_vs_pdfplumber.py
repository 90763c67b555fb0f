#!/usr/bin/env python3
"""Yusuan vs pdfplumber on the corpus PDFs: amount cells right and seconds per document.

Run through bench/pdf_vs_pdfplumber.sh (which builds Yusuan and provides a venv with pdfplumber).

Both are scored against the hand-checked truth in fixtures/corpus/truth/<pdf>.csv. A truth cell is
right when the tool gives the same value for the same table, the same row label (the row's code, or
its name when it has none) and the same column:

* Yusuan: a line of `yusuan extract FILE --format csv` with the same table id, code (or name),
  column id and value.
* pdfplumber (`page.extract_tables()`, default settings) gives grids of strings, without table or
  column ids, so it is helped as much as a careful user would help it: the table is taken as known
  from the page; each grid column gets its id from its own header (the lowest header text printed in
  that column, looked up in the same layout label lists Yusuan uses, first unused match in printed
  order; a grid without header rows on a continuation page inherits the previous page's columns);
  the row label is read from the row (walking left from the amount past other amounts, the first text
  is the name and the digit cells before it the code); any row on the page with that label and the
  value (printed text converted with the table's unit) in a column with that id counts. The scorer
  strips a leading year from header labels (`2023年机关运行经费预算数`) as Yusuan's label keys do.

Timing (per document, median of --runs): pdfplumber opens the PDF and runs extract_tables() on every
page (a user does not know in advance where the tables are), timed in process; Yusuan reads the PDF
into its tables in process (`crates/read/examples/time_pdf.rs`: PDF parse, layout, tables — what
`yusuan extract` does, minus process start). Both wall-clock and CPU seconds are printed; on a
shared machine CPU seconds are the fair figure (the other builds' load inflates wall time for both),
and the ratio uses them. The process wall time of `yusuan extract` is printed too.
"""
import tomllib
import argparse
import csv
import io
import os
import re
import statistics
import subprocess
import sys
import time
from decimal import Decimal, InvalidOperation

import pdfplumber

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fixtures", "corpus")
TRUTH = os.path.join(CORPUS, "truth")
AMOUNT = re.compile(r"^-?[\d,]+(\.\d+)?$")


def clean(s):
    return re.sub(r"\s+", "", s or "")


def value(text, unit):
    t = clean(text).replace(",", "")
    if not AMOUNT.match(t):
        return None
    try:
        v = Decimal(t) * (Decimal(10000) if unit == "万元" else Decimal(1))
    except InvalidOperation:
        return None
    return v.quantize(Decimal("0.01"))


def load_truth(pdf):
    with open(os.path.join(TRUTH, pdf.replace(".pdf", ".csv")), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def label_of(row, k):
    """(code, name) of the amount at index k of a pdfplumber row."""
    i = k - 1
    name = ""
    while i >= 0:
        t = clean(row[i])
        if t and not AMOUNT.match(t):
            name = t
            break
        i -= 1
    code = ""
    i -= 1
    while i >= 0:
        t = clean(row[i])
        if t and not (t.isdigit() and len(t) <= 3):
            break
        code = t + code
        i -= 1
    return code, name


def layout_for(pdf):
    name = "shanghai-dept-final" if "final" in pdf else "shanghai-unit-budget" if "unit" in pdf else "shanghai-dept-budget"
    with open(os.path.join(ROOT, "layouts", name + ".toml"), "rb") as f:
        layout = tomllib.load(f)
    return {t["id"]: t for t in layout["tables"]}


def is_data_row(row):
    return any(AMOUNT.match(clean(c)) and "," in clean(c) or re.fullmatch(r"\d+\.\d+", clean(c) or "x")
               or (clean(c).isdigit() and len(clean(c)) == 3) for c in row if c)


def column_ids(table, kind):
    """The layout column id of each grid column, from the grid's own header rows (None if no header)."""
    header = []
    for row in table:
        if is_data_row(row):
            break
        header.append(row)
    if not header or kind is None:
        return None
    width = max(len(r) for r in table)
    leaves = [""] * width
    for row in header:
        for i, c in enumerate(row):
            if clean(c):
                leaves[i] = clean(c)
    used = set()
    ids = [None] * width
    for i, leaf in enumerate(leaves):
        leaf = re.sub(r"^\d{4}年", "", leaf)  # 2023年机关运行经费预算数
        for j, col in enumerate(kind.get("columns", [])):
            if j not in used and leaf in [clean(l) for l in col["labels"]]:
                used.add(j)
                # `.2` ids of a second printed block are the same semantic column.
                ids[i] = col["id"].removesuffix(".2")
                break
    return ids


def score_pdfplumber(truth, tables_by_page, kinds, missed=None):
    table_of_page = {int(t["page"]): t["table"] for t in truth}
    ids_by_page = {}
    last = None
    for page in sorted(tables_by_page):
        kind = kinds.get(table_of_page.get(page))
        ids_by_page[page] = []
        for table in tables_by_page[page]:
            ids = column_ids(table, kind)
            if ids is not None and not any(ids):
                ids = None  # what looked like a header row was a body row without amounts
            width = max(len(r) for r in table)
            if ids is None and last is not None and len(last) == width:
                ids = last  # a continuation page without a printed header
            if ids is not None:
                last = ids
            ids_by_page[page].append(ids)
    right = 0
    for t in truth:
        want = Decimal(t["value"])
        target = t["name"] if t["table"] == "three_public" else t["column"]
        ok = False
        page = int(t["page"])
        for table, ids in zip(tables_by_page.get(page, []), ids_by_page.get(page, [])):
            if ids is None:
                continue
            for row in table:
                for k, cell in enumerate(row):
                    if k >= len(ids) or ids[k] != target or value(cell or "", t["unit"]) != want:
                        continue
                    if t["table"] == "three_public":
                        ok = True
                    else:
                        code, name = label_of(row, k)
                        ok = code == t["code"] if t["code"] else name == clean(t["name"])
                    if ok:
                        break
                if ok:
                    break
            if ok:
                break
        right += ok
        if not ok and missed is not None:
            missed.append(t)
    return right


def yusuan_label(r):
    # The 三公 tables are one row per item; the CSV names items by their printed header, the truth by
    # item id, and both number them in printed order.
    if r["table"] == "three_public":
        return "#" + r["row"]
    return r["code"] or clean(r["name"])


def score_yusuan(truth, lines):
    have = set()
    for r in lines:
        have.add((r["table"], yusuan_label(r), r["column"], Decimal(r["value"]).quantize(Decimal("0.01"))))
    right = 0
    for t in truth:
        right += (t["table"], yusuan_label(t), t["column"], Decimal(t["value"])) in have
    return right


def run_pdfplumber_timed(path):
    w0, c0 = time.perf_counter(), time.process_time()
    tables = run_pdfplumber(path)
    return time.perf_counter() - w0, time.process_time() - c0, tables


def run_pdfplumber(path):
    by_page = {}
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            tables = page.extract_tables()
            if tables:
                by_page[n] = tables
    return by_page


def run_yusuan(binary, path):
    out = subprocess.run([binary, "extract", path, "--format", "csv"], capture_output=True, check=True)
    return list(csv.DictReader(io.StringIO(out.stdout.decode("utf-8"))))


def timed(f, runs):
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def yusuan_in_process(timer, paths, runs):
    """{path: (wall_s, cpu_s)} from the in-process timing example."""
    out = subprocess.run([timer, "--runs", str(runs)] + paths, capture_output=True, check=True, text=True)
    rows = [l.split("\t") for l in out.stdout.splitlines()[1:]]
    return {r[0]: (float(r[2]), float(r[3])) for r in rows}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--yusuan", default=os.path.join(ROOT, "target", "release", "yusuan"))
    ap.add_argument("--timer", default=os.path.join(ROOT, "target", "release", "examples", "time_pdf"))
    ap.add_argument("--runs", type=int, default=10, help="Yusuan runs per document (median)")
    ap.add_argument("--plumber-runs", type=int, default=1, help="pdfplumber runs per document (median)")
    args = ap.parse_args()
    pdfs = sorted(f for f in os.listdir(CORPUS) if f.endswith(".pdf")
                  and os.path.exists(os.path.join(TRUTH, f.replace(".pdf", ".csv"))))
    paths = [os.path.join(CORPUS, p) for p in pdfs]
    inproc = yusuan_in_process(args.timer, paths, args.runs)
    rows = []
    for pdf, path in zip(pdfs, paths):
        truth = load_truth(pdf)
        proc_wall, lines = timed(lambda: run_yusuan(args.yusuan, path), 3)
        runs = [run_pdfplumber_timed(path) for _ in range(args.plumber_runs)]
        p_wall = statistics.median(r[0] for r in runs)
        p_cpu = statistics.median(r[1] for r in runs)
        y_wall, y_cpu = inproc[path]
        rows.append((pdf, len(truth), score_yusuan(truth, lines), score_pdfplumber(truth, runs[-1][2], layout_for(pdf)),
                     y_wall, y_cpu, proc_wall, p_wall, p_cpu))
    head = (f"{'document':36} {'cells':>5} {'Yusuan ok':>9} {'plumber ok':>10} | {'Yusuan cpu':>10} {'wall':>6} "
            f"{'extract':>7} | {'plumber cpu':>11} {'wall':>6} | {'ratio cpu':>9} {'wall':>5}")
    print(head)
    print("-" * len(head))
    for pdf, n, yr, pr, yw, yc, pw_, pw, pc in rows:
        print(f"{pdf:36} {n:5} {yr:9} {pr:10} | {yc:10.4f} {yw:6.3f} {pw_:7.3f} | {pc:11.3f} {pw:6.3f} | "
              f"{pc / yc:8.0f}x {pw / yw:4.0f}x")
    n = sum(r[1] for r in rows)
    yr = sum(r[2] for r in rows)
    pr = sum(r[3] for r in rows)
    mean = lambda i: statistics.mean(r[i] for r in rows)
    yw, yc, xw, pw, pc = mean(4), mean(5), mean(6), mean(7), mean(8)
    print("-" * len(head))
    print(f"{'total / mean per document':36} {n:5} {yr:9} {pr:10} | {yc:10.4f} {yw:6.3f} {xw:7.3f} | {pc:11.3f} {pw:6.3f} | "
          f"{pc / yc:8.0f}x {pw / yw:4.0f}x")
    print(f"\namount cells right: Yusuan {yr}/{n} ({100 * yr / n:.1f}%), pdfplumber {pr}/{n} ({100 * pr / n:.1f}%)")
    print(f"CPU seconds per document: Yusuan {yc:.4f}, pdfplumber {pc:.3f}: Yusuan {pc / yc:.0f}x faster (target 50x)")
    print(f"wall seconds per document: Yusuan {yw:.4f} in process ({xw:.3f} for the `yusuan extract` process), "
          f"pdfplumber {pw:.3f}: {pw / yw:.0f}x")
    ok = yr > pr and pc / yc >= 50
    print("targets met: more cells right and >= 50x faster" if ok else "TARGETS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
