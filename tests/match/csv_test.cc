// Reading CSV extracts as source systems write them.

#include "match/csv.h"

#include <gtest/gtest.h>

#include <fstream>

#include "match/record_file.h"

namespace cp::match {
namespace {

std::string WriteFile(const std::string& name, const std::string& content) {
  const std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(Csv, SplitsQuotedFieldsAndTrimsSpaces) {
  EXPECT_EQ(SplitCsvLine("rec-1-org, kayla, harrington, , 19150612"),
            (std::vector<std::string>{"rec-1-org", "kayla", "harrington", "", "19150612"}));
  EXPECT_EQ(SplitCsvLine(R"(a,"b, c","say ""hi""", "  kept  " ,)"),
            (std::vector<std::string>{"a", "b, c", "say \"hi\"", "  kept  ", ""}));
  EXPECT_EQ(SplitCsvLine(""), (std::vector<std::string>{""}));
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
}

TEST(Csv, ReadsRecordsSpanningLinesAndCrlf) {
  const std::string path =
      WriteFile("multi.csv", "id,note\r\n1,\"two\nlines\"\r\n\r\n2,plain\r\n3,\"unterminated");
  auto reader = CsvReader::Open(path);
  ASSERT_TRUE(reader);
  std::vector<std::string> row;
  ASSERT_TRUE(reader->Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"id", "note"}));
  ASSERT_TRUE(reader->Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"1", "two\nlines"}));
  ASSERT_TRUE(reader->Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"2", "plain"}));
  ASSERT_TRUE(reader->Next(&row));
  EXPECT_EQ(row[0], "3");
  EXPECT_FALSE(reader->Next(&row));
  EXPECT_FALSE(CsvReader::Open("/nonexistent.csv"));
}

TEST(RecordFile, MapsColumnsGivenAndGuessed) {
  const std::string path =
      WriteFile("people.csv",
                "\xEF\xBB\xBFPupil Ref,Forename,Last Name,Date of Birth,Sex,Post Code,extra\n"
                "P1,Alfie,Smith,04/03/2015,M,N1 9GU,x\n"
                "P2,,Jones,not a date,F,,y\n");
  auto file = ReadRecordFile(path, "pupil ref", "postcode=Post Code");
  ASSERT_TRUE(file);
  ASSERT_EQ(file->records.size(), 2U);
  EXPECT_EQ(file->ids, (std::vector<std::string>{"P1", "P2"}));
  const PersonDetails& a = file->records[0];
  EXPECT_EQ(a.forenames, "Alfie");
  EXPECT_EQ(a.surname, "Smith");
  EXPECT_EQ(a.birth_date.packed(), 20150304U);
  EXPECT_EQ(a.gender, Gender::kMale);
  EXPECT_EQ(a.postcode, "N1 9GU");
  EXPECT_EQ(file->unreadable_dates, 1U);
  EXPECT_EQ(file->records[1].gender, Gender::kFemale);
}

TEST(RecordFile, RejectsUnknownFieldsAndColumns) {
  const std::string path = WriteFile("small.csv", "id,name\n1,Ann Lee\n");
  EXPECT_FALSE(ReadRecordFile(path, "id", "shoe_size=name"));
  EXPECT_FALSE(ReadRecordFile(path, "id", "surname=nosuch"));
  EXPECT_FALSE(ReadRecordFile(path, "nosuch", ""));
  EXPECT_FALSE(ReadRecordFile(path, "id", "surname"));
  auto guessed = ReadRecordFile(path, "id", "");
  ASSERT_TRUE(guessed);
  EXPECT_EQ(guessed->records[0].full_name, "Ann Lee");
}

}  // namespace
}  // namespace cp::match
