// Reads back the text of a PDF that Qt wrote (QPrinter, PdfFormat): the tests of the history's
// batch report check what a reader of the PDF would see, not the HTML it was made from.
#pragma once

#include <QByteArray>
#include <QString>

namespace Blackbird::Test {

// The text a PDF written by Qt shows: every stream inflated, each font's ToUnicode map read,
// and the hex glyph strings of the content streams mapped through the font in use. One line per
// content stream; ligatures come back as their letters.
QString pdfText(const QByteArray &pdf);

} // namespace Blackbird::Test
