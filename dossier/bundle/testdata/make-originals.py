# Writes the PDF originals of originals-case: a small hand-made PDF
# (uncompressed, classic xref) that qpdf then rewrites with object streams
# and compressed streams, so the vectors come from a writer other than
# dossier's. Run from this folder:
#   for v in un-letter police-notice court-excerpt; do
#     python3 make-originals.py $v /tmp/$v.pdf &&
#     qpdf --object-streams=generate --compress-streams=y --deterministic-id /tmp/$v.pdf originals-case/sources/$v.pdf
#   done
# then record the new sha256 in the sources' YAML (dossier hash).
import sys
def pdf(pages, rotate=0, size=(612, 792)):
    objs = []
    def add(s):
        objs.append(s); return len(objs)
    font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>")
    pages_num = len(objs) + 1 + 2*len(pages)  # placeholder computed below
    kids = []
    page_objs = []
    for lines in pages:
        content = "BT /F2 14 Tf 72 %d Td 16 TL\n" % (size[1]-90)
        for i, l in enumerate(lines):
            if i == 1:
                content += "/F1 12 Tf\n"
            content += "(%s) '\n" % l.replace("\\","\\\\").replace("(","\\(").replace(")","\\)")
        content += "ET\n0.8 0.1 0.1 RG 2 w 36 36 %d %d re S\n" % (size[0]-72, size[1]-72)
        c = add("<< /Length %d >>\nstream\n%sendstream" % (len(content), content))
        page_objs.append(c)
    pages_n = len(objs) + len(pages) + 1
    for c in page_objs:
        p = add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Rotate %d /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>" % (pages_n, size[0], size[1], rotate, font, bold, c))
        kids.append(p)
    assert add("<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids))) == pages_n
    cat = add("<< /Type /Catalog /Pages %d 0 R >>" % pages_n)
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, s in enumerate(objs):
        offs.append(len(out))
        out += ("%d 0 obj\n%s\nendobj\n" % (i+1, s)).encode("latin-1")
    x = len(out)
    out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objs)+1)).encode()
    for o in offs:
        out += ("%010d 00000 n \n" % o).encode()
    out += ("trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs)+1, cat, x)).encode()
    return out
which = sys.argv[1]
if which == "un-letter":
    open(sys.argv[2], "wb").write(pdf([
        ["WORKING GROUP ON ARBITRARY DETENTION (fictional test document)", "", "Opinion 99/2099 concerning Jon Reed (Oakvale)", "",
         "The Working Group received information that Jon Reed, a journalist,", "was detained in Oakvale on 2 March 2021 by officers of the", "Harbour District police. ALPHA-ORIGINAL-MARKER", "",
         "The Working Group considers that the deprivation of liberty of", "Jon Reed is arbitrary."],
        ["Annex, second page of the original: BETA-ANNEX-MARKER", "", "This document is a test vector for dossier; every fact in it is invented."]]))
elif which == "police-notice":
    open(sys.argv[2], "wb").write(pdf([["Harbour District police notice (fictional test document)", "A landscape page with /Rotate 90: ROTATED-MARKER", "Jon Reed is held under the public order law."]], rotate=90, size=(842, 595)))
elif which == "court-excerpt":
    open(sys.argv[2], "wb").write(pdf([["Court record, page 14 of 90 (fictional test document)", "The court heard the case of Jon Reed on 9 April 2021. EXCERPT-MARKER"]]))
