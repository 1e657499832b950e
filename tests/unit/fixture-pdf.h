/* fixture-pdf.h: a two-page PDF made by hand ("First page text",
 * "Second page text"), shared by the PDF and ingest tests. Its xref
 * offsets are checked by test-pdf.c's test_fixture_xref_offsets. */
#ifndef RW_TESTS_FIXTURE_PDF_H
#define RW_TESTS_FIXTURE_PDF_H

static const char pdf_two_pages[] =
	"%PDF-1.4\n"
	"1 0 obj\n"
	"<< /Type /Catalog /Pages 2 0 R >>\n"
	"endobj\n"
	"2 0 obj\n"
	"<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>\n"
	"endobj\n"
	"3 0 obj\n"
	"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
	"endobj\n"
	"4 0 obj\n"
	"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>\n"
	"endobj\n"
	"5 0 obj\n"
	"<< /Length 46 >>\n"
	"stream\n"
	"BT /F1 24 Tf 72 700 Td (First page text) Tj ET\n"
	"endstream\n"
	"endobj\n"
	"6 0 obj\n"
	"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 7 0 R >>\n"
	"endobj\n"
	"7 0 obj\n"
	"<< /Length 47 >>\n"
	"stream\n"
	"BT /F1 24 Tf 72 700 Td (Second page text) Tj ET\n"
	"endstream\n"
	"endobj\n"
	"xref\n"
	"0 8\n"
	"0000000000 65535 f \n"
	"0000000009 00000 n \n"
	"0000000058 00000 n \n"
	"0000000121 00000 n \n"
	"0000000191 00000 n \n"
	"0000000317 00000 n \n"
	"0000000413 00000 n \n"
	"0000000539 00000 n \n"
	"trailer\n"
	"<< /Size 8 /Root 1 0 R >>\n"
	"startxref\n"
	"636\n"
	"%%EOF\n";

#endif
