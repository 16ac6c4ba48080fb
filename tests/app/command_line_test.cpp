#include <catch2/catch.hpp>

#include "kiosk/app/command_line.hpp"

using namespace kiosk;

TEST_CASE("options, flags and positionals are told apart") {
  auto line = CommandLine::parse({"--db", "a.db", "--once", "file1", "--count=3", "-"}, {"--db", "--count"},
                                 {"--once"});
  REQUIRE(line.has_value());
  CHECK(line->option("--db") == "a.db");
  CHECK(line->option("--count") == "3");
  CHECK(line->flag("--once"));
  CHECK(line->positionals() == std::vector<std::string>{"file1", "-"});
  CHECK_FALSE(line->option("--seed").has_value());
}

TEST_CASE("an unknown option or a missing value is an error") {
  auto unknown = CommandLine::parse({"--dbb", "x"}, {"--db"}, {});
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().message.find("--dbb") != std::string::npos);
  auto missing = CommandLine::parse({"--db"}, {"--db"}, {});
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().message == "--db needs a value");
}
