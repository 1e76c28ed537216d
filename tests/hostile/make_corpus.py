#!/usr/bin/env python3
"""Writes the hostile corpus of issue 18 into a folder: inputs no form printer made, mixed with good files, and
manifest.json saying what each must give. Nothing large is committed; everything is made here, in seconds.

    python3 tests/hostile/make_corpus.py OUT [--slow]     # inputs in OUT/inputs, expectations in OUT/manifest.json

Each manifest entry: {"expect": "forms", "forms": N[, "warning": CODE]} or {"expect": "failed", "code": CODE[, "reason": TEXT]};
"slow": true marks inputs that need real OCR (left out of the CI test, measured by measure.sh), and "problem": true
marks paths the command line reports without reading (an empty folder). Only the standard library is used.
"""
import json
import os
import shutil
import struct
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fixture(case, name):
    return os.path.join(ROOT, "fixtures", case, name)


def seed(n):
    names = {0: "seed-000-qingpu-2021-markdown", 1: "seed-001-baoshan-2023-tsv", 2: "seed-002-songjiang-2022-layout", 3: "seed-003-minhang-2020-criteria"}
    return fixture(names[n], "input.txt")


def png_header_bomb(path, width, height):
    """A PNG whose header says width × height gray pixels (900 MB for 30000²) and whose data holds the first rows: the
    header is what a reader must refuse it by, before it allocates the page."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    z = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    body = bytearray()
    for _ in range(min(height, 100)):
        body += z.compress(row)
    body += z.flush()
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IDAT", bytes(body)) + chunk(b"IEND", b""))


def huge_blank_pdf(path, points):
    """One blank page of points × points (a 20,000-pt page: poppler cannot allocate its raster at 300 dpi)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {points} {points}] /Contents 4 0 R >>".encode(),
               b"<< /Length 0 >>\nstream\n\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(path, "wb") as f:
        f.write(out)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    base = sys.argv[1]
    slow = "--slow" in sys.argv
    shutil.rmtree(base, ignore_errors=True)
    out = os.path.join(base, "inputs")
    os.makedirs(out)
    manifest = {}

    def put(name, data, **expect):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        manifest[name] = expect

    # The good files: the four seeds as they are.
    for n, forms in [(0, 6), (1, 15), (2, 5), (3, 1)]:
        shutil.copy(seed(n), os.path.join(out, f"good-seed-{n:03d}.txt"))
        manifest[f"good-seed-{n:03d}.txt"] = {"expect": "forms", "forms": forms}

    seed1 = open(seed(1), encoding="utf-8").read()
    seed2 = open(seed(2), "rb").read()

    # Figures beyond what the contract holds, and digits of other scripts.
    put("nines.txt", seed1.replace("99.92", "9" * 28, 1).encode(), expect="forms", forms=15)
    put("arabic-year.txt", seed1.replace("(2023 年度)", "(20\u0662\u0663 年度)").encode(), expect="forms", forms=15)
    put("fullwidth-digits.txt", seed1.replace("1425600.00", "\uff11\uff14\uff12\uff15\uff16\uff10\uff10.\uff10\uff10", 1).encode(), expect="forms", forms=15)

    # Bytes: one bad byte at the end of a UTF-8 file; a file cut in the middle of a character.
    put("seed-002-trailing-ff.txt", seed2 + b"\xff", expect="forms", forms=5, warning="text.invalid-bytes")
    cut = seed2[: seed2.rindex("总".encode()) + 1]
    put("seed-002-cut-mid-character.txt", cut, expect="forms", forms=5, warning="text.invalid-bytes")
    put("empty.txt", b"", expect="failed", code="input.empty")
    put("binary.bin", bytes(range(256)) * 64, expect="failed", code="input.binary")
    put("not-a-form.txt", "会议纪要\n今天讨论了预算编制。\n".encode(), expect="failed", code="form.none-found")

    # Sizes: a text dump over limits.textSectionBytes (read a megabyte at a time, every form kept), one form that never
    # ends (it may grow to limits.maxTextBytes, then it is refused), a line over the line limit.
    copies = 3 * 2 ** 20 // len(seed1.encode()) + 1
    put("big.txt", (seed1 * copies).encode(), expect="forms", forms=15 * copies)
    row = "| 产出指标 | 数量指标 | 完成数量 | 100 | 100 | 10 | 10 |\n"
    endless = "财政项目支出绩效自评表\n（2021年度）\n| 项目名称 | 某项目 |\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    put("endless-form.txt", (endless + row * (9 * 2 ** 20 // len(row.encode()))).encode(), expect="failed", code="input.too-large")
    put("long-line.txt", ("财政项目支出绩效自评表\n" + "9" * 1_000_000 + "\n").encode(), expect="failed", code="input.too-large")

    # HTML monsters: 50,000 columns; 10,000 nested tables.
    put("wide.html", ("<table><tr>" + "<td>1</td>" * 50_000 + "</tr></table>").encode(), expect="failed", code="html.too-large")
    put("nested.html", ("<table><tr><td>" * 10_000 + "x" + "</td></tr></table>" * 10_000).encode(), expect="failed", code="html.too-large")

    # PDFs: damaged, encrypted, a page too large to render.
    for name in ["truncated.pdf", "not-a-pdf.pdf", "zero-pages.pdf", "encrypted.pdf"]:
        shutil.copy(fixture("bad-pdfs", name), os.path.join(out, name))
    manifest.update({"truncated.pdf": {"expect": "failed", "code": "pdf.unreadable"},
                     "not-a-pdf.pdf": {"expect": "failed", "code": "pdf.unreadable"},
                     "zero-pages.pdf": {"expect": "failed", "code": "pdf.no-pages"},
                     "encrypted.pdf": {"expect": "failed", "code": "pdf.encrypted"}})
    huge_blank_pdf(os.path.join(out, "page-20000pt.pdf"), 20000)
    manifest["page-20000pt.pdf"] = {"expect": "failed", "code": "pdf.render-failed"}

    # Images: a decompression bomb (30000² blank pixels).
    png_header_bomb(os.path.join(out, "bomb-30000.png"), 30000, 30000)
    manifest["bomb-30000.png"] = {"expect": "failed", "code": "image.too-large"}

    # Not files: a FIFO, a device behind a link, a dangling link, a link loop, an empty folder named like a PDF.
    os.mkfifo(os.path.join(out, "pipe.txt"))
    manifest["pipe.txt"] = {"expect": "failed", "code": "input.unreadable", "reason": "named pipe"}
    os.symlink("/dev/zero", os.path.join(out, "zero.txt"))
    manifest["zero.txt"] = {"expect": "failed", "code": "input.unreadable", "reason": "device"}
    os.symlink(os.path.join(out, "good-seed-003.txt"), os.path.join(out, "link-to-seed-003.txt"))
    manifest["link-to-seed-003.txt"] = {"expect": "duplicate"}
    os.symlink(".", os.path.join(out, "loop"))
    os.makedirs(os.path.join(out, "x.pdf"))

    # Misnamed images (real OCR: slow), and 100 MB of the four seeds' dumps one after another (some 35,000 forms).
    if slow:
        seeds = b"".join(open(seed(n), "rb").read().rstrip(b"\n") + b"\n" for n in range(4))
        sets = 100 * 2 ** 20 // len(seeds)
        with open(os.path.join(out, "huge.txt"), "wb") as f:
            for _ in range(sets):
                f.write(seeds)
        manifest["huge.txt"] = {"expect": "forms", "forms": 27 * sets, "slow": True}
        shutil.copy(fixture("scan-songjiang-2022-tiff", "input.tif"), os.path.join(out, "tiff-named.png"))
        manifest["tiff-named.png"] = {"expect": "forms", "forms": 1, "slow": True}

    manifest["x.pdf"] = {"expect": "problem"}
    with open(os.path.join(base, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    print(f"{len(manifest)} inputs in {out}")


if __name__ == "__main__":
    main()
