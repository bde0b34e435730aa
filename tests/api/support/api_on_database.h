// A real ebill-api serving a TestDatabase (SQLite file or MariaDB database),
// with APP_TZ=Asia/Shanghai, a pinned clock and the given meters, plus JSON
// helpers for comparing answers with hand-computed values.
#ifndef EBILL_TESTS_API_SUPPORT_API_ON_DATABASE_H_
#define EBILL_TESTS_API_SUPPORT_API_ON_DATABASE_H_

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/api/support/api_process.h"
#include "tests/support/test_database.h"

namespace ebill::test {

// The environment that points ebill-api at `db`: DB_* or SQLITE_PATH.
Env database_env(const TestDatabase& db);

// database_env(db) + APP_TZ=Asia/Shanghai, TZ=`tz`, EBILL_API_TEST_NOW=`now`,
// METERS=`meters`, then `extra`.
Env api_env(const TestDatabase& db, const std::string& tz, const std::string& now,
            const std::string& meters, const Env& extra = {});

// GET `target`; REQUIREs status `status` and a JSON body, returns it parsed.
rapidjson::Document get_json(int port, const std::string& target, int status = 200);

// Numbers as the test writes them: 0.20 is 20 hundredths; nullopt = null.
using Amounts = std::vector<std::optional<double>>;
// CHECKs that `array` is exactly `expected` (numbers compared as parsed
// doubles, so 0.2 == 0.20; null where expected is nullopt).
void check_amounts(const rapidjson::Value& array, const Amounts& expected, const std::string& what);
void check_strings(const rapidjson::Value& array, const std::vector<std::string>& expected,
                   const std::string& what);
void check_bools(const rapidjson::Value& array, const std::vector<bool>& expected,
                 const std::string& what);
// CHECKs member `key` of `object`: a number equal to `expected`, or null.
void check_amount(const rapidjson::Value& object, const char* key, std::optional<double> expected);
void check_string(const rapidjson::Value& object, const char* key,
                  std::optional<std::string> expected);

}  // namespace ebill::test

#endif  // EBILL_TESTS_API_SUPPORT_API_ON_DATABASE_H_
