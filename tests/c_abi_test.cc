// The C ABI (include/netra/netra.h) through libnetra.so, as a host links it:
// this program links the shared library only, never the C++ static library.
// Calls in JSON and binary protobuf, the batch forms, ownership, and bad
// input at the boundary (each a status, never a crash), and many threads on
// one engine (run under ASan + UBSan in the sanitized build).
#include "netra/netra.h"

#include <atomic>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace {

const std::string kSource = NETRA_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const char kRequest[] =
    R"({"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"}, "agency": {"level": "REGENCY_CITY"}},
        "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-06-30",
                  "absence": {"cumulative_working_days": 15, "consecutive_working_days": 4}}],
        "examination_date": "2025-07-14"})";

// The result of one call, owning what the library returned.
struct Result {
  netra_status status = NETRA_UNKNOWN;
  std::string out, err;
  bool out_null = true;
};

template <typename F>
Result Invoke(F&& call) {
  char* out = reinterpret_cast<char*>(0x1);  // must be overwritten
  size_t out_len = 12345;
  char* err = reinterpret_cast<char*>(0x1);
  Result r;
  r.status = call(&out, &out_len, &err);
  r.out_null = out == nullptr;
  if (out != nullptr) {
    EXPECT_EQ(out[out_len], '\0') << "output not NUL-terminated";
    r.out.assign(out, out_len);
  } else {
    EXPECT_EQ(out_len, 0u);
  }
  if (err != nullptr) r.err = err;
  if (r.status == NETRA_OK) {
    EXPECT_EQ(err, nullptr);
  } else {
    EXPECT_NE(err, nullptr);
    EXPECT_TRUE(r.out_null) << "an error with an output";
  }
  netra_free(out);
  netra_free(err);
  return r;
}

class CAbi : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    char* err = nullptr;
    ASSERT_EQ(netra_engine_new(nullptr, &engine_, &err), NETRA_OK) << (err ? err : "");
  }
  static void TearDownTestSuite() {
    netra_engine_free(engine_);
    engine_ = nullptr;
  }
  static Result Call(const char* method, int format, const std::string& in) {
    return Invoke([&](char** o, size_t* n, char** e) {
      return netra_call(engine_, method, format, in.data(), in.size(), o, n, e);
    });
  }
  static netra_engine* engine_;
};
netra_engine* CAbi::engine_ = nullptr;

TEST(CAbiVersion, VersionsAndStatusNames) {
  EXPECT_EQ(netra_abi_version(), static_cast<uint32_t>(NETRA_ABI_VERSION));
  EXPECT_STREQ(netra_version(), "0.1.0");
  EXPECT_STREQ(netra_status_name(NETRA_OK), "OK");
  EXPECT_STREQ(netra_status_name(NETRA_INVALID_ARGUMENT), "INVALID_ARGUMENT");
  EXPECT_STREQ(netra_status_name(NETRA_UNAUTHENTICATED), "UNAUTHENTICATED");
  EXPECT_STREQ(netra_status_name(-1), "UNKNOWN_STATUS");
  EXPECT_STREQ(netra_status_name(17), "UNKNOWN_STATUS");
  netra_free(nullptr);  // a no-op
}

TEST_F(CAbi, EvaluateJsonGivesTheDetermination) {
  const Result r = Invoke([](char** o, size_t* n, char** e) {
    return netra_evaluate(engine_, NETRA_FORMAT_JSON, kRequest, std::strlen(kRequest), o, n, e);
  });
  ASSERT_EQ(r.status, NETRA_OK) << r.err;
  EXPECT_NE(r.out.find("\"level\": \"SEDANG\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"warnings\""), std::string::npos) << "defaults are left out unless asked";
  // The same through netra_call, byte for byte.
  EXPECT_EQ(Call("Evaluate", NETRA_FORMAT_JSON, kRequest).out, r.out);
}

TEST_F(CAbi, EmitDefaultsAndCompactAreOptionsOfTheCall) {
  const Result all = Call("Evaluate", NETRA_FORMAT_JSON | NETRA_JSON_EMIT_DEFAULTS | NETRA_JSON_COMPACT, kRequest);
  ASSERT_EQ(all.status, NETRA_OK) << all.err;
  EXPECT_EQ(all.out.find('\n'), std::string::npos);
  EXPECT_NE(all.out.find("\"warnings\":[]"), std::string::npos) << all.out;
}

TEST_F(CAbi, BinaryProtobufRoundTrip) {
  // An EvaluationRequest whose employee (field 1) is empty: refused with
  // the words the JSON path gives for {"employee": {}}.
  const std::string request("\x0a\x00", 2);
  const Result r = Call("Evaluate", NETRA_FORMAT_PROTO, request);
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_EQ(r.err, Call("Evaluate", NETRA_FORMAT_JSON, "{\"employee\": {}}").err);
  EXPECT_NE(r.err.find("employee.kind: required"), std::string::npos) << r.err;
  const Result rules = Call("Rules", NETRA_FORMAT_PROTO, "");
  ASSERT_EQ(rules.status, NETRA_OK) << rules.err;
  EXPECT_GT(rules.out.size(), 10000u);
  const Result bad = Call("Evaluate", NETRA_FORMAT_PROTO, std::string("\xff\xff\xff", 3));
  EXPECT_EQ(bad.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(bad.err.find("not a serialized netra.v1.EvaluationRequest"), std::string::npos) << bad.err;
}

TEST_F(CAbi, BatchInTheSummaryForm) {
  std::string one(kRequest);
  for (char& c : one) {
    if (c == '\n') c = ' ';
  }
  const std::string lines = one + "\n{\"acts\": 3}\n";
  for (int flags : {0, NETRA_JSON_EMIT_DEFAULTS}) {
    const Result r = Invoke([&](char** o, size_t* n, char** e) {
      return netra_evaluate_batch(engine_, NETRA_FORMAT_JSON_LINES | NETRA_ANSWER_SUMMARY | flags, lines.data(),
                                  lines.size(), o, n, e);
    });
    ASSERT_EQ(r.status, NETRA_OK) << r.err;
    std::vector<std::string> got;
    std::istringstream s(r.out);
    for (std::string l; std::getline(s, l);) got.push_back(l);
    ASSERT_EQ(got.size(), 2u) << r.out;
    EXPECT_EQ(got[0].rfind("{\"outcome\":\"SANCTION\",\"level\":\"SEDANG\",\"regime\":\"DISCIPLINE\","
                           "\"allowed_types\":[\"S2T\"],\"rule_ids\":[\"pp94.absence.cumulative_14_16_days\"]",
                           0),
              0u)
        << got[0];
    EXPECT_LT(got[0].size(), 1000u) << "a summary, not a Determination";
    EXPECT_EQ(got[0].find("\"warnings\":[]") != std::string::npos, flags != 0) << got[0];
    EXPECT_EQ(got[1].rfind("{\"line\":2,\"code\":\"INVALID_ARGUMENT\",\"error\":\"invalid JSON", 0), 0u) << got[1];
    const std::string array = "[" + one + "]";
    const Result a = Invoke([&](char** o, size_t* n, char** e) {
      return netra_evaluate_batch(engine_, NETRA_FORMAT_JSON_ARRAY | NETRA_ANSWER_SUMMARY | flags, array.data(),
                                  array.size(), o, n, e);
    });
    ASSERT_EQ(a.status, NETRA_OK) << a.err;
    EXPECT_EQ(a.out, "[\n" + got[0] + "\n]\n");
  }
  // Only the evaluation batch's lines and arrays have the form.
  const Result single = Call("Evaluate", NETRA_FORMAT_JSON | NETRA_ANSWER_SUMMARY, one);
  EXPECT_EQ(single.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(single.err.find("NETRA_ANSWER_SUMMARY is for netra_evaluate_batch"), std::string::npos) << single.err;
}

// The shared form: every row of the array form, rebuilt from its distinct
// answer and its date, is the array form's row; equal answers are written
// once.
TEST_F(CAbi, BatchInTheSharedSummaryForm) {
  std::string one(kRequest);
  for (char& c : one) {
    if (c == '\n') c = ' ';
  }
  const auto dated = [&](const std::string& day) {
    return one.substr(0, one.rfind('}')) + ", \"decision_date\": \"" + day + "\"}";
  };
  const std::string array =
      "[" + dated("2025-07-20") + ", {\"acts\": 3}, " + dated("2025-09-30") + ", " + dated("2025-07-20") + "]";
  // Splits `text` at each `sep`.
  const auto split = [](const std::string& text, const std::string& sep) {
    std::vector<std::string> out;
    for (size_t at = 0;;) {
      const size_t next = text.find(sep, at);
      out.push_back(text.substr(at, next == std::string::npos ? std::string::npos : next - at));
      if (next == std::string::npos) return out;
      at = next + sep.size();
    }
  };
  for (int flags : {0, NETRA_JSON_EMIT_DEFAULTS}) {
    SCOPED_TRACE(flags);
    const auto call = [&](int format) {
      return Invoke([&](char** o, size_t* n, char** e) {
        return netra_evaluate_batch(engine_, format | NETRA_ANSWER_SUMMARY | flags, array.data(), array.size(), o,
                                    n, e);
      });
    };
    const Result plain = call(NETRA_FORMAT_JSON_ARRAY);
    const Result shared = call(NETRA_FORMAT_JSON_ARRAY | NETRA_ANSWER_SHARED);
    ASSERT_EQ(plain.status, NETRA_OK) << plain.err;
    ASSERT_EQ(shared.status, NETRA_OK) << shared.err;
    // The plain rows: "[", four rows, "]".
    std::vector<std::string> rows = split(plain.out.substr(2, plain.out.size() - 5), ",\n");
    ASSERT_EQ(rows.size(), 4u) << plain.out;
    const std::string head = "{\"answers\":[\n", mid = "\n],\"rows\":[", tail = "],\"decision_dates\":[";
    ASSERT_EQ(shared.out.rfind(head, 0), 0u) << shared.out;
    const size_t rows_at = shared.out.find(mid), dates_at = shared.out.find(tail);
    ASSERT_NE(rows_at, std::string::npos) << shared.out;
    ASSERT_NE(dates_at, std::string::npos) << shared.out;
    ASSERT_EQ(shared.out.substr(shared.out.size() - 3), "]}\n");
    const std::vector<std::string> answers = split(shared.out.substr(head.size(), rows_at - head.size()), ",\n");
    const std::vector<std::string> ids =
        split(shared.out.substr(rows_at + mid.size(), dates_at - rows_at - mid.size()), ",");
    const std::vector<std::string> dates =
        split(shared.out.substr(dates_at + tail.size(), shared.out.size() - 3 - dates_at - tail.size()), ",");
    ASSERT_EQ(answers.size(), 2u) << "the other rows share the first row's answer: " << shared.out;
    ASSERT_EQ(ids, (std::vector<std::string>{"0", "1", "0", "0"})) << shared.out;
    ASSERT_EQ(dates, (std::vector<std::string>{"\"2025-07-20\"", "\"\"", "\"2025-09-30\"", "\"2025-07-20\""}))
        << "a refused row has no date: " << shared.out;
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string rebuilt = answers[std::stoi(ids[i])];
      const std::string empty = "\"decision_date\":\"\"";
      if (dates[i] != "\"\"") {
        const size_t at = rebuilt.find(empty);
        if (at != std::string::npos) {
          rebuilt.replace(at, empty.size(), "\"decision_date\":" + dates[i]);
        } else {  // left out without emit_defaults: the date is the summary's last field
          rebuilt.insert(rebuilt.size() - 1, ",\"decision_date\":" + dates[i]);
        }
      }
      EXPECT_EQ(rebuilt, rows[i]) << i;
    }
  }
  // Only the summary form of an array has it.
  const Result lines = Invoke([&](char** o, size_t* n, char** e) {
    return netra_evaluate_batch(engine_, NETRA_FORMAT_JSON_LINES | NETRA_ANSWER_SUMMARY | NETRA_ANSWER_SHARED,
                                one.data(), one.size(), o, n, e);
  });
  EXPECT_EQ(lines.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(lines.err.find("NETRA_ANSWER_SHARED is for netra_evaluate_batch with NETRA_FORMAT_JSON_ARRAY"),
            std::string::npos)
      << lines.err;
}

TEST_F(CAbi, BatchAsJsonLinesAndAsAnArray) {
  std::string one(kRequest);
  for (char& c : one) {
    if (c == '\n') c = ' ';
  }
  const std::string lines = one + "\n\n{\"acts\": 3}\n" + one + "\n";
  const Result r = Invoke([&](char** o, size_t* n, char** e) {
    return netra_evaluate_batch(engine_, NETRA_FORMAT_JSON_LINES, lines.data(), lines.size(), o, n, e);
  });
  ASSERT_EQ(r.status, NETRA_OK) << r.err;
  std::vector<std::string> got;
  std::istringstream s(r.out);
  for (std::string l; std::getline(s, l);) got.push_back(l);
  ASSERT_EQ(got.size(), 3u) << r.out;
  EXPECT_NE(got[0].find("\"level\":\"SEDANG\""), std::string::npos);
  EXPECT_EQ(got[1].rfind("{\"line\":3,\"code\":\"INVALID_ARGUMENT\",\"error\":\"invalid JSON", 0), 0u) << got[1];
  EXPECT_EQ(got[2], got[0]);

  const std::string array = "[" + one + ", {\"acts\": 3}, " + one + "]";
  const Result a = Invoke([&](char** o, size_t* n, char** e) {
    return netra_evaluate_batch(engine_, NETRA_FORMAT_JSON_ARRAY, array.data(), array.size(), o, n, e);
  });
  ASSERT_EQ(a.status, NETRA_OK) << a.err;
  const std::string error_item = "{\"index\":1,\"code\":\"INVALID_ARGUMENT\",\"error\":\"invalid JSON: ";
  ASSERT_EQ(a.out.rfind("[\n" + got[0] + ",\n" + error_item, 0), 0u) << a.out.substr(0, 200);
  EXPECT_EQ(a.out.substr(a.out.size() - got[0].size() - 5), ",\n" + got[0] + "\n]\n");
  const Result not_array = Invoke([&](char** o, size_t* n, char** e) {
    return netra_evaluate_batch(engine_, NETRA_FORMAT_JSON_ARRAY, one.data(), one.size(), o, n, e);
  });
  EXPECT_EQ(not_array.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(not_array.err.find("does not start with '['"), std::string::npos) << not_array.err;
}

TEST_F(CAbi, AuditBatchOfTheExampleFile) {
  const std::string lines = ReadFile(kSource + "/examples/audit_neutrality_decisions_2024.jsonl");
  ASSERT_FALSE(lines.empty());
  const Result r = Invoke([&](char** o, size_t* n, char** e) {
    return netra_audit_batch(engine_, NETRA_FORMAT_JSON_LINES, lines.data(), lines.size(), o, n, e);
  });
  ASSERT_EQ(r.status, NETRA_OK) << r.err;
  EXPECT_NE(r.out.find("\"verdict\":"), std::string::npos);
  // The lines are the array's elements, and NETRA_JSON_EMIT_DEFAULTS holds
  // for both forms (the array methods of the PHP and Java bindings use it).
  std::string array = "[";
  std::istringstream in(lines);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty()) array += (array.size() > 1 ? "," : "") + l;
  }
  array += "]";
  for (int flags : {0, NETRA_JSON_EMIT_DEFAULTS}) {
    const Result l = Invoke([&](char** o, size_t* n, char** e) {
      return netra_audit_batch(engine_, NETRA_FORMAT_JSON_LINES | flags, lines.data(), lines.size(), o, n, e);
    });
    const Result a = Invoke([&](char** o, size_t* n, char** e) {
      return netra_audit_batch(engine_, NETRA_FORMAT_JSON_ARRAY | flags, array.data(), array.size(), o, n, e);
    });
    ASSERT_EQ(l.status, NETRA_OK) << l.err;
    ASSERT_EQ(a.status, NETRA_OK) << a.err;
    // The same answers in the same order; a refused line's item counts lines
    // from 1 ("line"), the array's its elements from 0 ("index").
    std::vector<std::string> from_lines, from_array;
    std::istringstream answers(l.out), elements(a.out);
    for (std::string x; std::getline(answers, x);) from_lines.push_back(x);
    for (std::string x; std::getline(elements, x);) {
      if (x != "[" && x != "]") from_array.push_back(x.back() == ',' ? x.substr(0, x.size() - 1) : x);
    }
    ASSERT_EQ(from_lines.size(), from_array.size());
    int errors = 0;
    for (size_t i = 0; i < from_lines.size(); ++i) {
      if (from_lines[i].rfind("{\"line\":", 0) == 0) {
        ++errors;
        EXPECT_EQ(from_array[i].rfind("{\"index\":" + std::to_string(i) + ",", 0), 0u) << from_array[i];
        EXPECT_EQ(from_lines[i].substr(from_lines[i].find(",\"code\"")),
                  from_array[i].substr(from_array[i].find(",\"code\"")));
      } else {
        EXPECT_EQ(from_lines[i], from_array[i]) << "answer " << i;
      }
    }
    EXPECT_GT(errors, 0) << "the example file holds a refused line";
    // An always-empty list of a finding is written only with the flag.
    EXPECT_EQ(l.out.find("\"missing_facts\":[]") != std::string::npos, flags != 0) << l.out.substr(0, 400);
  }
}

TEST_F(CAbi, EveryNamedCallAnswers) {
  const Result rules = Invoke([](char** o, size_t* n, char** e) {
    const char in[] = "{\"as_of\": \"2025-01-01\"}";
    return netra_rules(engine_, NETRA_FORMAT_JSON, in, sizeof in - 1, o, n, e);
  });
  ASSERT_EQ(rules.status, NETRA_OK) << rules.err;
  EXPECT_NE(rules.out.find("pp94.duty.attendance"), std::string::npos);
  const Result elections = Invoke([](char** o, size_t* n, char** e) {
    return netra_elections(engine_, NETRA_FORMAT_JSON, nullptr, 0, o, n, e);
  });
  ASSERT_EQ(elections.status, NETRA_OK) << elections.err;
  EXPECT_NE(elections.out.find("pilkada2024"), std::string::npos);
  const Result days = Invoke([](char** o, size_t* n, char** e) {
    const char in[] = "{\"add\": {\"from\": \"2025-03-28\", \"days\": 3}}";
    return netra_working_days(engine_, NETRA_FORMAT_JSON, in, sizeof in - 1, o, n, e);
  });
  ASSERT_EQ(days.status, NETRA_OK) << days.err;
  EXPECT_NE(days.out.find("\"date\": \"2025-"), std::string::npos) << days.out;
  const std::string log = ReadFile(kSource + "/examples/case_disciplinary_absence_2024.json");
  const std::string replay = "{\"case\": " + log + ", \"as_of\": \"2024-12-31\"}";
  const Result state = Invoke([&](char** o, size_t* n, char** e) {
    return netra_replay_case(engine_, NETRA_FORMAT_JSON, replay.data(), replay.size(), o, n, e);
  });
  ASSERT_EQ(state.status, NETRA_OK) << state.err;
  EXPECT_NE(state.out.find("\"status\""), std::string::npos);
  const Result pacts = Invoke([](char** o, size_t* n, char** e) {
    const char in[] =
        "{\"roster\": {\"csv\": \"nip,name,type\\n197711282004081001,A,PNS\\n\"}, \"election\": \"pilkada2024\","
        " \"events\": [{\"type\": \"PACT_ISSUED\", \"nip\": \"197711282004081001\", \"date\": \"2024-09-02\","
        " \"template_id\": \"pakta_netralitas.pilkada2024.v1\"}], \"as_of\": \"2024-09-30\", \"max_not_signed\": 5}";
    return netra_pact_progress(engine_, NETRA_FORMAT_JSON, in, sizeof in - 1, o, n, e);
  });
  ASSERT_EQ(pacts.status, NETRA_OK) << pacts.err;
  EXPECT_NE(pacts.out.find("197711282004081001"), std::string::npos) << pacts.out;
}

// --- Bad input at the boundary -------------------------------------------

TEST_F(CAbi, NullPointersAreRefusedByName) {
  Result r = Invoke([](char** o, size_t* n, char** e) { return netra_evaluate(nullptr, 0, "{}", 2, o, n, e); });
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_EQ(r.err, "engine: NULL");
  r = Invoke([](char** o, size_t* n, char** e) { return netra_evaluate(engine_, 0, nullptr, 5, o, n, e); });
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(r.err.find("in: NULL with in_len 5"), std::string::npos) << r.err;
  r = Invoke([](char** o, size_t* n, char** e) { return netra_call(engine_, nullptr, 0, "{}", 2, o, n, e); });
  EXPECT_EQ(r.err, "method: NULL");
  char* err = nullptr;
  size_t n = 0;
  EXPECT_EQ(netra_evaluate(engine_, 0, "{}", 2, nullptr, &n, &err), NETRA_INVALID_ARGUMENT);
  EXPECT_NE(std::string(err).find("out: NULL"), std::string::npos);
  netra_free(err);
  char* out = nullptr;
  EXPECT_EQ(netra_evaluate(engine_, 0, "{}", 2, &out, nullptr, nullptr), NETRA_INVALID_ARGUMENT);  // err may be NULL
  EXPECT_EQ(netra_engine_new(nullptr, nullptr, nullptr), NETRA_INVALID_ARGUMENT);
  EXPECT_EQ(netra_options_set(nullptr, "a", "b", nullptr), NETRA_INVALID_ARGUMENT);
  netra_engine_free(nullptr);
  netra_options_free(nullptr);
}

TEST_F(CAbi, ALengthThatDoesNotMatchTheTextIsRefused) {
  // The caller passed sizeof a buffer instead of the text's length.
  char buffer[64] = "{\"acts\": []}";
  const Result r = Invoke([&](char** o, size_t* n, char** e) {
    return netra_evaluate(engine_, NETRA_FORMAT_JSON, buffer, sizeof buffer, o, n, e);
  });
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(r.err.find("in: a NUL byte at offset 12 of the 64 bytes given"), std::string::npos) << r.err;
}

TEST_F(CAbi, InvalidUtf8IsRefusedWithItsOffset) {
  const std::string in = "{\"acts\": [{\"norm\": \"pp94\xc3\x28\"}]}";
  const Result r = Call("Evaluate", NETRA_FORMAT_JSON, in);
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(r.err.find("in: invalid UTF-8 at byte offset 24 (byte 0xc3)"), std::string::npos) << r.err;
  // An overlong encoding and a lone surrogate are not UTF-8 either.
  EXPECT_EQ(Call("Evaluate", NETRA_FORMAT_JSON, "\"\xc0\xaf\"").status, NETRA_INVALID_ARGUMENT);
  EXPECT_EQ(Call("Evaluate", NETRA_FORMAT_JSON, "\"\xed\xa0\x80\"").status, NETRA_INVALID_ARGUMENT);
}

TEST_F(CAbi, OversizeInputIsRefusedNamingTheLimit) {
  const std::string big(NETRA_MAX_JSON_BYTES + 1, ' ');
  Result r = Call("Evaluate", NETRA_FORMAT_JSON, big);
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(r.err.find("exceed the limit of 8388608 bytes (NETRA_MAX_JSON_BYTES)"), std::string::npos) << r.err;
  r = Call("Evaluate", NETRA_FORMAT_PROTO, big);
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(r.err.find("NETRA_MAX_JSON_BYTES"), std::string::npos) << r.err;
  // A batch may be larger (up to NETRA_MAX_BATCH_BYTES): this one is blank lines.
  const std::string blank(NETRA_MAX_JSON_BYTES + 1, '\n');
  r = Invoke([&](char** o, size_t* n, char** e) {
    return netra_evaluate_batch(engine_, NETRA_FORMAT_JSON_LINES, blank.data(), blank.size(), o, n, e);
  });
  EXPECT_EQ(r.status, NETRA_OK) << r.err;
  EXPECT_EQ(r.out, "");
}

// NETRA_MAX_BATCH_BYTES at and one past it (blank lines: nothing to answer).
TEST_F(CAbi, ABatchIsTakenAtItsLimitAndRefusedOnePastIt) {
  std::string blank(NETRA_MAX_BATCH_BYTES, '\n');
  Result r = Invoke([&](char** o, size_t* n, char** e) {
    return netra_evaluate_batch(engine_, NETRA_FORMAT_JSON_LINES, blank.data(), blank.size(), o, n, e);
  });
  EXPECT_EQ(r.status, NETRA_OK) << r.err;
  blank.push_back('\n');
  r = Invoke([&](char** o, size_t* n, char** e) {
    return netra_evaluate_batch(engine_, NETRA_FORMAT_JSON_LINES, blank.data(), blank.size(), o, n, e);
  });
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(r.err.find("NETRA_MAX_BATCH_BYTES"), std::string::npos) << r.err;
}

TEST_F(CAbi, UnknownMethodsAndFormatsAreRefused) {
  Result r = Call("Evaluat", NETRA_FORMAT_JSON, kRequest);
  EXPECT_EQ(r.status, NETRA_UNIMPLEMENTED);
  EXPECT_NE(r.err.find("method: \"Evaluat\" is not a method of netra.v1.Netra (Evaluate, EvaluateBatch"),
            std::string::npos)
      << r.err;
  r = Call("Evaluate", 7, kRequest);
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(r.err.find("format: 7 is not"), std::string::npos) << r.err;
  r = Call("Evaluate", NETRA_FORMAT_PROTO | NETRA_JSON_COMPACT, kRequest);
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  r = Call("Evaluate", NETRA_FORMAT_JSON_LINES, kRequest);
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(r.err.find("is for netra_evaluate_batch and netra_audit_batch only"), std::string::npos) << r.err;
}

TEST_F(CAbi, TheErrorWordsAreTheCommands) {
  const char in[] =
      R"({"employee": {"kind": "PNS"}, "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-02-30"}]})";
  const Result r = Call("Evaluate", NETRA_FORMAT_JSON, in);
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_EQ(r.err, "acts[0].act_date: \"2025-02-30\" is not a date (no such day)");
  const Result empty = Call("Evaluate", NETRA_FORMAT_JSON, "");
  EXPECT_EQ(empty.status, NETRA_INVALID_ARGUMENT);
  EXPECT_NE(empty.err.find("invalid request JSON"), std::string::npos) << empty.err;
}

TEST(CAbiHandles, FreedForeignAndWrongKindHandlesAreRefused) {
  netra_engine* engine = nullptr;
  ASSERT_EQ(netra_engine_new(nullptr, &engine, nullptr), NETRA_OK);
  netra_engine_free(engine);
  Result r = Invoke([&](char** o, size_t* n, char** e) { return netra_rules(engine, 0, nullptr, 0, o, n, e); });
  EXPECT_EQ(r.status, NETRA_INVALID_ARGUMENT);
  EXPECT_EQ(r.err, "engine: the handle was freed (netra_engine_free)");
  netra_engine_free(engine);  // a second free is ignored

  alignas(16) unsigned char foreign[64] = {1, 2, 3};
  r = Invoke([&](char** o, size_t* n, char** e) {
    return netra_rules(reinterpret_cast<netra_engine*>(foreign), 0, nullptr, 0, o, n, e);
  });
  EXPECT_EQ(r.err, "engine: not a netra_engine handle (no magic number)");

  netra_options* options = netra_options_new();
  ASSERT_NE(options, nullptr);
  r = Invoke([&](char** o, size_t* n, char** e) {
    return netra_rules(reinterpret_cast<netra_engine*>(options), 0, nullptr, 0, o, n, e);
  });
  EXPECT_EQ(r.err, "engine: a netra_options handle, not an engine");
  netra_options_free(options);
}

TEST(CAbiOptions, HostLawAndSettings) {
  netra_options* options = netra_options_new();
  char* err = nullptr;
  EXPECT_EQ(netra_options_add_law_file(options, "/nonexistent/perda.textproto", &err), NETRA_NOT_FOUND);
  EXPECT_NE(std::string(err).find("/nonexistent/perda.textproto"), std::string::npos) << err;
  netra_free(err);
  const char bad_law[] = "rules { id: \"x\" }";
  ASSERT_EQ(netra_options_add_law_bytes(options, "perda.textproto", bad_law, sizeof bad_law - 1, &err), NETRA_OK);
  netra_engine* engine = nullptr;
  EXPECT_EQ(netra_engine_new(options, &engine, &err), NETRA_INVALID_ARGUMENT);
  EXPECT_EQ(engine, nullptr);
  EXPECT_EQ(std::string(err).rfind("invalid law: perda.textproto", 0), 0u) << err;
  netra_free(err);
  netra_options_free(options);

  options = netra_options_new();
  ASSERT_EQ(netra_options_set(options, "skb_d08_level", "LOUD", &err), NETRA_OK);
  EXPECT_EQ(netra_engine_new(options, &engine, &err), NETRA_INVALID_ARGUMENT);
  EXPECT_NE(std::string(err).find("LOUD"), std::string::npos) << err;
  netra_free(err);
  netra_options_free(options);

  options = netra_options_new();
  const std::string pp94 = ReadFile(kSource + "/law/pp94_2021.textproto");
  ASSERT_EQ(netra_options_add_law_bytes(options, "edited/pp94_2021.textproto", pp94.data(), pp94.size(), &err), NETRA_OK);
  ASSERT_EQ(netra_options_set(options, "skb_d08_level", "SEDANG", &err), NETRA_OK);
  ASSERT_EQ(netra_engine_new(options, &engine, &err), NETRA_OK) << err;
  netra_options_free(options);  // the engine does not need it any more
  const Result r = Invoke([&](char** o, size_t* n, char** e) {
    return netra_evaluate(engine, NETRA_FORMAT_JSON | NETRA_JSON_COMPACT, kRequest, std::strlen(kRequest), o, n, e);
  });
  EXPECT_EQ(r.status, NETRA_OK) << r.err;
  EXPECT_NE(r.out.find("{\"name\":\"skb_d08_level\",\"value\":\"SEDANG\"}"), std::string::npos)
      << "the setting is not the default";
  EXPECT_NE(r.out.find("\"level\":\"SEDANG\""), std::string::npos);
  netra_engine_free(engine);
}

TEST(CAbiOptions, WithoutTheEmbeddedLawTheHostFilesAreTheWholeLaw) {
  netra_options* options = netra_options_new();
  char* err = nullptr;
  ASSERT_EQ(netra_options_exclude_embedded_law(options, &err), NETRA_OK);
  const std::string pp94 = ReadFile(kSource + "/law/pp94_2021.textproto");
  ASSERT_EQ(netra_options_add_law_bytes(options, "pp94_2021.textproto", pp94.data(), pp94.size(), &err), NETRA_OK);
  // PP 94 cites the PP 53/2010 sedang types it keeps (Pasal 42).
  const std::string pp53 = ReadFile(kSource + "/law/pp53_2010.textproto");
  ASSERT_EQ(netra_options_add_law_bytes(options, "pp53_2010.textproto", pp53.data(), pp53.size(), &err), NETRA_OK);
  netra_engine* engine = nullptr;
  ASSERT_EQ(netra_engine_new(options, &engine, &err), NETRA_OK) << err;
  netra_options_free(options);
  // PP 94 (with PP 53) alone answers the absence example, knows no election, and has no
  // procedure to replay a case with.
  const Result d = Invoke([&](char** o, size_t* n, char** e) {
    return netra_evaluate(engine, NETRA_FORMAT_JSON, kRequest, std::strlen(kRequest), o, n, e);
  });
  EXPECT_EQ(d.status, NETRA_OK) << d.err;
  const Result elections = Invoke([&](char** o, size_t* n, char** e) {
    return netra_elections(engine, NETRA_FORMAT_JSON | NETRA_JSON_COMPACT, nullptr, 0, o, n, e);
  });
  EXPECT_EQ(elections.out, "{}");
  const Result replay = Invoke([&](char** o, size_t* n, char** e) {
    const char in[] = "{\"case\": {\"case_id\": \"c1\"}}";
    return netra_replay_case(engine, NETRA_FORMAT_JSON, in, sizeof in - 1, o, n, e);
  });
  EXPECT_EQ(replay.status, NETRA_FAILED_PRECONDITION) << replay.err;
  netra_engine_free(engine);
  EXPECT_EQ(netra_options_exclude_embedded_law(nullptr, nullptr), NETRA_INVALID_ARGUMENT);
}

// Many threads on one engine: every answer equals the single-threaded one.
// Run under ASan + UBSan in the sanitized build.
TEST_F(CAbi, ManyThreadsShareOneEngine) {
  const std::string expected = Call("Evaluate", NETRA_FORMAT_JSON, kRequest).out;
  const std::string bad = "{\"acts\": [{\"norm\": \"nope\"}]}";
  const std::string expected_err = Call("Evaluate", NETRA_FORMAT_JSON, bad).err;
  ASSERT_FALSE(expected.empty());
  ASSERT_FALSE(expected_err.empty());
  constexpr int kThreads = 16, kCalls = 40;
  std::atomic<int> wrong{0}, done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        char* out = nullptr;
        char* err = nullptr;
        size_t n = 0;
        if ((i + t) % 3 == 0) {
          const netra_status st = netra_evaluate(engine_, NETRA_FORMAT_JSON, bad.data(), bad.size(), &out, &n, &err);
          if (st != NETRA_INVALID_ARGUMENT || err == nullptr || expected_err != err) ++wrong;
        } else {
          const netra_status st =
              netra_evaluate(engine_, NETRA_FORMAT_JSON, kRequest, std::strlen(kRequest), &out, &n, &err);
          if (st != NETRA_OK || std::string(out, n) != expected) ++wrong;
        }
        netra_free(out);
        netra_free(err);
        ++done;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(done.load(), kThreads * kCalls);
  EXPECT_EQ(wrong.load(), 0);
}

// Engines made and freed concurrently, each used by its thread.
TEST(CAbiThreads, EnginesMadeAndFreedInParallel) {
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      netra_engine* e = nullptr;
      if (netra_engine_new(nullptr, &e, nullptr) != NETRA_OK) {
        ++failed;
        return;
      }
      char* out = nullptr;
      size_t n = 0;
      if (netra_evaluate(e, NETRA_FORMAT_JSON, kRequest, std::strlen(kRequest), &out, &n, nullptr) != NETRA_OK) ++failed;
      netra_free(out);
      netra_engine_free(e);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
}

}  // namespace
