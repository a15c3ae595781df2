#include <doctest/doctest.h>

#include "ketascreen/json_value.hpp"
#include "ketascreen/sha256.hpp"

using namespace ketascreen;

TEST_CASE("json: parses values and records their lines") {
  auto r = json::parse("{\n  \"a\": [1, 2.5, -3e2],\n  \"b\": {\"c\": \"x\\u00e9\\n\"},\n  \"d\": null, \"e\": true\n}");
  REQUIRE(r.ok());
  const auto& v = r.value();
  CHECK(v.line() == 1);
  REQUIRE(v.find("a") != nullptr);
  CHECK(v.find("a")->line() == 2);
  CHECK(v.find("a")->as_array()[2].as_number() == -300);
  CHECK(v.find("b")->find("c")->as_string() == "x\xC3\xA9\n");
  CHECK(v.find("b")->line() == 3);
  CHECK(v.find("d")->is_null());
  CHECK(v.find("e")->as_bool());
}

TEST_CASE("json: syntax errors name file, line, column and what was expected") {
  auto r = json::parse("{\n  \"a\": 1,\n  \"b\" 2\n}", {"screening.json"});
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].to_string() == "screening.json:3 $.b: invalid JSON at column 7: expected ':' after member name");

  auto trailing = json::parse("[1, 2,]");
  REQUIRE_FALSE(trailing.ok());
  CHECK(trailing.errors()[0].message == "invalid JSON at column 7: unexpected character ']', expected a value");

  auto dup = json::parse("{\"a\": 1, \"a\": 2}");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.errors()[0].message.find("duplicate key 'a'") != std::string::npos);

  CHECK_FALSE(json::parse("").ok());
  CHECK_FALSE(json::parse("\"unterminated").ok());
  CHECK_FALSE(json::parse("01").ok());
  CHECK_FALSE(json::parse("\"\\ud800\"").ok());
  CHECK_FALSE(json::parse(std::string(100, '[') + std::string(100, ']')).ok());
}

TEST_CASE("json: serialises in source order and round-trips") {
  const char* text = R"({"z":1,"a":[true,false,null],"s":"q\"\\\t\u0001","n":0.1,"big":123456789012})";
  auto r = json::parse(text);
  REQUIRE(r.ok());
  CHECK(json::serialize(r.value()) == R"({"z":1,"a":[true,false,null],"s":"q\"\\\t\u0001","n":0.1,"big":123456789012})");
  auto again = json::parse(json::serialize(r.value(), 2));
  REQUIRE(again.ok());
  CHECK(again.value() == r.value());
}

TEST_CASE("json: numbers print shortest round-trip form") {
  CHECK(json::format_number(3) == "3");
  CHECK(json::format_number(-0.5) == "-0.5");
  CHECK(json::format_number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(json::format_number(1e300) == "1e+300");
}

TEST_CASE("json: duplicate keys are found in objects of any size, at the second occurrence") {
  // Small objects are scanned, large ones indexed: check both sides of the switch.
  for (int members : {2, 31, 32, 33, 100, 5000}) {
    for (int dup_of : {0, members / 2, members - 1}) {
      std::string text = "{";
      for (int i = 0; i < members; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",\n";
      text += "\"k" + std::to_string(dup_of) + "\": true}";
      auto r = json::parse(text, {"answers.json"});
      CAPTURE(members);
      CAPTURE(dup_of);
      REQUIRE_FALSE(r.ok());
      REQUIRE(r.errors().size() == 1);
      CHECK(r.errors()[0].line == members + 1);
      CHECK(r.errors()[0].path == "$.k" + std::to_string(dup_of));
      CHECK(r.errors()[0].message.find("duplicate key 'k" + std::to_string(dup_of) + "'") != std::string::npos);
      // Without the duplicate, every member is read, in order.
      text.resize(text.rfind(",\n"));
      text += "}";
      auto ok = json::parse(text);
      REQUIRE(ok.ok());
      REQUIRE(ok.value().as_object().size() == static_cast<size_t>(members));
      CHECK(ok.value().as_object().back().first == "k" + std::to_string(members - 1));
    }
  }
}

TEST_CASE("json: a number too large for a double is an error, not infinity") {
  // Found fuzzing (fuzz_content's bundle round trip): 1e999 was read as infinity, which JSON
  // cannot write (serialize gave null), so `ketascreen bundle` accepted content whose bundle the
  // widget then rejected.
  auto r = json::parse("{\n  \"max\": 1e999\n}", {"screening.json"});
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors().size() == 1);
  CHECK(r.errors()[0].to_string() ==
        "screening.json:2 $.max: invalid JSON at column 10: number out of range (larger than a double can hold)");
  CHECK_FALSE(json::parse("[-1e400]").ok());
  CHECK(json::parse("1.7976931348623157e308").ok());  // the largest double
  auto tiny = json::parse("1e-400");                 // underflow to zero loses nothing that matters
  REQUIRE(tiny.ok());
  CHECK(tiny.value().as_number() == 0);
}

TEST_CASE("sha256: matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
