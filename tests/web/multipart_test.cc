// The upload page's multipart/form-data reader (FEED-2: a data
// administrator's file): what a browser sends is read exactly; anything
// else is refused whole, naming the form, never guessed at.

#include "web/site/multipart.h"

#include <gtest/gtest.h>

namespace cp::web {
namespace {

constexpr const char* kType = "multipart/form-data; boundary=----cpBoundary7MA4YWxk";
const std::string kDash = "------cpBoundary7MA4YWxk";

MultipartLimits Limits() {
  MultipartLimits l;
  l.max_parts = 4;
  l.max_field_bytes = 64;
  l.max_file_bytes = 1024;
  return l;
}

std::string Field(const std::string& name, const std::string& value) {
  return kDash + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value +
         "\r\n";
}

std::string File(const std::string& name, const std::string& file_name,
                 const std::string& content) {
  return kDash + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" +
         file_name + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n";
}

std::string Close() { return kDash + "--\r\n"; }

Result<MultipartForm> Parse(const std::string& body, const char* type = kType) {
  return ParseMultipartForm(body, type, "file", Limits());
}

void ExpectRefused(const std::string& body, const std::string& why, const char* type = kType) {
  auto form = Parse(body, type);
  ASSERT_FALSE(form) << why;
  EXPECT_EQ(form.error().code, ErrorCode::kInvalidArgument) << why;
  EXPECT_EQ(form.error().field, "form") << why;
  EXPECT_NE(form.error().message.find(why), std::string::npos) << form.error().message;
}

TEST(Multipart, TheBoundaryComesFromTheContentType) {
  EXPECT_EQ(*MultipartBoundary(kType), "----cpBoundary7MA4YWxk");
  EXPECT_EQ(*MultipartBoundary("Multipart/Form-Data;boundary=\"a b'()+_,-./:=?\""),
            "a b'()+_,-./:=?");
  EXPECT_EQ(*MultipartBoundary("multipart/form-data; boundary=" + std::string(70, 'x')),
            std::string(70, 'x'));
  for (const std::string bad :
       {"application/x-www-form-urlencoded", "multipart/form-data", "multipart/mixed; boundary=abc",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
        "multipart/form-data; boundary=\"abc", "multipart/form-data; boundary=abc; boundary=abd",
        "multipart/form-data; boundary=abc; charset=utf-8",
        "multipart/form-data; boundary=\"abc \"", "multipart/form-data; boundary=\"ab;c\"",
        "multipart/form-data; boundary=\"ab\rc\"", ""}) {
    EXPECT_FALSE(MultipartBoundary(bad)) << bad;
  }
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'x')));
}

// What a browser sends: text fields and one file whose content may hold
// line breaks, dashes and the boundary's text not at a line start.
TEST(Multipart, ReadsTheFieldsAndTheFileABrowserSends) {
  const std::string content =
      "source_record_id,forenames\r\nSC-1,Oliver\r\n--\r\n-- ----cpBoundary7MA4YWxk\r\n\r\n";
  const std::string body = Field("csrf_token", "abc123") + Field("source_id", "7") +
                           File("file", "census.csv", content) + Close();
  auto form = Parse(body);
  ASSERT_TRUE(form) << form.error().message;
  EXPECT_EQ(form->fields.at("csrf_token"), "abc123");
  EXPECT_EQ(form->fields.at("source_id"), "7");
  ASSERT_TRUE(form->file);
  EXPECT_EQ(form->file->field, "file");
  EXPECT_EQ(form->file->file_name, "census.csv");
  EXPECT_EQ(form->file->content_type, "text/csv");
  EXPECT_EQ(form->file->content, content);
  // Without the final line break, and with an empty value.
  const std::string bare_body = Field("csrf_token", "") + File("file", "x.csv", "a") + kDash + "--";
  auto bare = Parse(bare_body);  // the file is a view into the body: keep it
  ASSERT_TRUE(bare) << bare.error().message;
  EXPECT_EQ(bare->fields.at("csrf_token"), "");
  EXPECT_EQ(bare->file->content, "a");
}

// A file input with no file chosen: an empty part with an empty name.
TEST(Multipart, NoFileChosenLeavesTheFileAbsent) {
  auto form = Parse(Field("csrf_token", "t") + File("file", "", "") + Close());
  ASSERT_TRUE(form) << form.error().message;
  EXPECT_FALSE(form->file);
  ExpectRefused(Field("csrf_token", "t") + File("file", "", "data") + Close(), "no name");
}

TEST(Multipart, RefusesABodyThatIsNotExactlyTheForm) {
  const std::string field = Field("csrf_token", "t");
  ExpectRefused("preamble\r\n" + field + Close(), "does not start with its boundary");
  ExpectRefused(field + Close() + "epilogue", "goes on after its closing boundary");
  ExpectRefused(field, "ends before its closing boundary");
  ExpectRefused(field.substr(0, field.size() - 2), "ends before its closing boundary");
  ExpectRefused(kDash + "\r\nContent-Disposition: form-data; name=\"a\"", "not ended");
  ExpectRefused(field + kDash + "  \r\n" + Close(), "followed by something else");
  ExpectRefused(Close(), "does not start with its boundary");
  ExpectRefused("", "does not start with its boundary");
  ExpectRefused(field + Close(), "not multipart/form-data", "text/csv");
}

TEST(Multipart, RefusesHeadersItDoesNotExpect) {
  const std::string tail = "\r\n\r\nv\r\n" + Close();
  const std::string cd = "Content-Disposition: form-data; name=\"a\"";
  ExpectRefused(kDash + "\r\n" + cd + "\r\nContent-Transfer-Encoding: base64" + tail,
                "header this form does not take");
  ExpectRefused(kDash + "\r\n" + cd + "\r\n" + cd + tail, "two Content-Disposition");
  ExpectRefused(kDash + "\r\nContent-Type: text/plain" + tail, "no Content-Disposition");
  ExpectRefused(kDash + "\r\n" + cd + "\r\n x-folded" + tail, "malformed");
  ExpectRefused(kDash + "\r\n" + cd + "\nX: y" + tail, "malformed");
  ExpectRefused(kDash + "\r\nContent-Disposition: attachment; name=\"a\"" + tail, "not form data");
  ExpectRefused(kDash + "\r\nContent-Disposition: form-data; name=\"a\"; filename*=UTF-8''x" + tail,
                "unknown parameter");
  ExpectRefused(kDash + "\r\nContent-Disposition: form-data; name=\"\"" + tail, "no usable name");
  ExpectRefused(kDash + "\r\nContent-Disposition: form-data" + tail, "no usable name");
  ExpectRefused(kDash + "\r\nContent-Disposition: form-data; name=\"a" + tail, "not closed");
  ExpectRefused(kDash + "\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"" + tail,
                "given twice");
  ExpectRefused(
      kDash + "\r\nContent-Disposition: form-data; name=\"" + std::string(2000, 'a') + "\"" + tail,
      "too long or not ended");
}

TEST(Multipart, RefusesFieldsAndFilesBeyondTheForm) {
  const std::string file = File("file", "a.csv", "x");
  ExpectRefused(Field("a", "1") + Field("a", "2") + Close(), "given twice");
  ExpectRefused(File("other", "a.csv", "x") + Close(), "field that takes none");
  ExpectRefused(file + file + Close(), "more than one file");
  ExpectRefused(Field("file", "x") + Close(), "does not hold a file");
  ExpectRefused(Field("a", std::string(65, 'x')) + Close(), "too long");
  ExpectRefused(File("file", "a.csv", std::string(1025, 'x')) + Close(), "too large");
  ExpectRefused(Field("a", "1") + Field("b", "2") + Field("c", "3") + Field("d", "4") +
                    Field("e", "5") + Close(),
                "too many parts");
  EXPECT_TRUE(Parse(Field("a", std::string(64, 'x')) +
                    File("file", "a.csv", std::string(1024, 'x')) + Close()));
}

}  // namespace
}  // namespace cp::web
