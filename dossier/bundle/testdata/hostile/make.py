# Writes the hostile original PDFs the bundle's importer is tested with
# (TestHostileOriginals). Run: python3 make.py (from this folder).
import random, zlib

def doc(objs, root=None, extra_trailer=""):
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, s in enumerate(objs):
        offs.append(len(out))
        if isinstance(s, str):
            s = s.encode("latin-1")
        out += ("%d 0 obj\n" % (i + 1)).encode() + s + b"\nendobj\n"
    x = len(out)
    out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)).encode()
    for o in offs:
        out += ("%010d 00000 n \n" % o).encode()
    out += ("trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, root or len(objs), extra_trailer, x)).encode()
    return out

def stream(data, d=""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), d.encode()) + data + b"\nendstream"

page = "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] /Contents 2 0 R >>"
content = stream(b"BT /F1 12 Tf 20 100 Td (hostile) Tj ET")
w = lambda name, data: open(name, "wb").write(data)

w("garbage.pdf", b"%PDF-1.7\n" + random.Random(7).randbytes(4096))
w("header-only.pdf", b"%PDF-1.4\n%%EOF\n")
w("huge-count.pdf", doc([page, content, "<< /Type /Pages /Kids [1 0 R] /Count 2147483647 >>", "<< /Type /Catalog /Pages 3 0 R >>"]))
w("recursive-tree.pdf", doc(["<< /Type /Pages /Kids [1 0 R 2 0 R] /Count 2 >>", "<< /Type /Pages /Parent 1 0 R /Kids [1 0 R] /Count 1 >>", "<< /Type /Catalog /Pages 1 0 R >>"]))
w("parent-cycle.pdf", doc(["<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] /Contents 2 0 R >>", content,
                           "<< /Type /Pages /Parent 4 0 R /Kids [1 0 R] /Count 1 >>", "<< /Type /Pages /Parent 3 0 R /Kids [3 0 R] /Count 1 >>",
                           "<< /Type /Catalog /Pages 4 0 R >>"]))
w("deep-nesting.pdf", doc(["<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] /Contents 2 0 R /Resources << /X " + "[" * 100000 + "]" * 100000 + " >> >>",
                           content, "<< /Type /Pages /Kids [1 0 R] /Count 1 >>", "<< /Type /Catalog /Pages 3 0 R >>"]))
n = 1001
objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % (i + 4) for i in range(n)), n), content]
objs += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R >>"] * n
w("many-pages.pdf", doc(objs, root=1))
bomb = zlib.compress(b"0 0 m " * (24 << 20), 9)
w("bomb.pdf", doc([page, stream(bomb, "/Filter /FlateDecode "), "<< /Type /Pages /Kids [1 0 R] /Count 1 >>", "<< /Type /Catalog /Pages 3 0 R >>"]))
w("huge-length.pdf", doc([page, b"<< /Length 999999999999 >>\nstream\nBT ET\nendstream", "<< /Type /Pages /Kids [1 0 R] /Count 1 >>", "<< /Type /Catalog /Pages 3 0 R >>"]))
selfref = "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 200 200] /Contents 2 0 R /Resources << /XObject << /Fm 5 0 R >> >> >>"
w("self-referencing-form.pdf", doc([selfref, stream(b"/Fm Do"), "<< /Type /Pages /Kids [1 0 R] /Count 1 >>", "<< /Type /Catalog /Pages 3 0 R >>",
                                    stream(b"/Fm Do", "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /Fm 5 0 R >> >> ")], root=4))
d = doc([page, content, "<< /Type /Pages /Kids [1 0 R] /Count 1 >>", "<< /Type /Catalog /Pages 3 0 R >>"])
x = d.rindex(b"startxref")
w("xref-loop.pdf", d.replace(b"/Root 4 0 R", b"/Root 4 0 R /Prev %d" % int(d[x + 10:].split()[0])))
w("truncated.pdf", open("../originals-case/sources/un-letter.pdf", "rb").read()[:700])
