// Shipping documents: GET .../shipping_documents hands out a doc_url valid 24 h; the sandbox serves it
// at /_sandbox/documents/<id>.pdf (a small, well-formed one-page PDF naming the package and tracking
// number) or <id>.zpl (a ZPL label). An expired or unknown document answers 404 like a dead link.
#include <cstdio>
#include <string>

#include "../world.hpp"
#include "fulfillment_store.hpp"

namespace tts_sandbox {

std::map<std::string, ShippingDocument>& documents() {
  static std::map<std::string, ShippingDocument> all;
  return all;
}

namespace {

// PDF text strings escape backslash and parentheses.
std::string pdf_text(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '\\' || ch == '(' || ch == ')') out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}

// A one-page PDF 1.4 with a correct cross-reference table, so any reader (and a test) can open it.
std::string make_pdf(const ShippingDocument& d) {
  // A6 is 298 x 420 points, A5 is 420 x 595.
  const bool a5 = d.size == "A5";
  const std::string width = a5 ? "420" : "298", height = a5 ? "595" : "420";
  const std::string stream = "BT /F1 14 Tf 24 " + std::to_string(a5 ? 540 : 370) + " Td (" + pdf_text(d.type) +
                             ") Tj 0 -24 Td (Package " + pdf_text(d.package_id) + ") Tj 0 -24 Td (Tracking " +
                             pdf_text(d.tracking_number) + ") Tj ET";
  const std::string objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + width + " " + height +
          "] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::string xref = "xref\n0 6\n0000000000 65535 f \n";
  int n = 1;
  for (const auto& body : objects) {
    char offset[32];
    std::snprintf(offset, sizeof offset, "%010zu 00000 n \n", pdf.size());
    xref += offset;
    pdf += std::to_string(n++) + " 0 obj\n" + body + "\nendobj\n";
  }
  const std::size_t xref_at = pdf.size();
  pdf += xref + "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  return pdf;
}

std::string make_zpl(const ShippingDocument& d) {
  return "^XA\n^FO40,40^A0N,36,36^FD" + d.type + "^FS\n^FO40,100^A0N,28,28^FDPackage " + d.package_id +
         "^FS\n^FO40,150^BCN,100,Y,N,N^FD" + d.tracking_number + "^FS\n^XZ\n";
}

}  // namespace

void register_document_route(AdminRouter& r) {
  r.add(AdminRoute{"GET", "/_sandbox/documents/{file}", [](AdminContext& c) -> boost::json::value {
                     const std::string& file = c.path_param("file");
                     const auto dot = file.rfind('.');
                     const std::string id = file.substr(0, dot);
                     auto it = documents().find(id);
                     const bool known = dot != std::string::npos && it != documents().end() &&
                                        file.substr(dot + 1) == (it->second.format == "PDF" ? "pdf" : "zpl");
                     if (!known || c.now >= it->second.expires) {
                       throw ApiError(code::kInvalidPath, 404, "The document does not exist or its link has expired.");
                     }
                     Response res;
                     if (it->second.format == "PDF") {
                       res.content_type = "application/pdf";
                       res.body = make_pdf(it->second);
                     } else {
                       res.content_type = "text/plain";
                       res.body = make_zpl(it->second);
                     }
                     c.raw_response = std::move(res);
                     return nullptr;
                   }});
}

}  // namespace tts_sandbox
