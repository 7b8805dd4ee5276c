"""The dossier's document-level metadata for readers and assistive technology: the language of
the document (catalog /Lang), the title shown instead of the file name (/DisplayDocTitle), and an
XMP metadata stream that says the same as the document information dictionary (title, author,
subject, keywords, creator, producer, dates, language).

What reportlab (5.1, open source) cannot do is written down in docs/dossier-accessibility.md:
no tagged PDF (no structure tree, no marked content), so no PDF/UA and no PDF/A level "a"; this
module claims no conformance level at all."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import XMP

LANGUAGE = "en-US"

PACKET = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{keywords}</pdf:Keywords>
<pdf:Producer>{producer}</pdf:Producer>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _xmp(document) -> bytes:
    """The XMP packet, written when the file is: from the information dictionary as reportlab
    will write it, and the same time stamp as its CreationDate and ModDate."""
    info, stamp = document.info, document._timeStamp
    year, month, day, hour, minute, second = stamp.YMDhms
    sign = "-" if stamp.dhh < 0 or (stamp.dhh == 0 and stamp.dmm < 0) else "+"
    date = (
        f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
        f"{sign}{abs(stamp.dhh):02d}:{abs(stamp.dmm):02d}"
    )
    return PACKET.format(
        title=escape(info.title),
        author=escape(info.author),
        subject=escape(info.subject),
        keywords=escape(info.keywords),
        producer=escape(info.producer),
        creator=escape(info.creator),
        language=LANGUAGE,
        date=date,
    ).encode("utf-8")


def attach_xmp(canvas) -> None:
    """Attach the XMP metadata stream (the packet is written with the file, from the final
    information dictionary)."""
    canvas._doc.Catalog.Metadata = XMP(creator=_xmp)
