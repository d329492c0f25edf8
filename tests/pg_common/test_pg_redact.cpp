// redact_conninfo: no form of connection string lets its password through.
#include <catch2/catch.hpp>

#include "ocean_common/pg.hpp"

using ocean::pg::redact_conninfo;

TEST_CASE("pg redact: keyword form, plain and quoted values") {
  CHECK(redact_conninfo("host=db port=5432 user=erp password=s3cret dbname=ocean") ==
        "host=db port=5432 user=erp password=*** dbname=ocean");
  // Inside quotes a quote or backslash is escaped with a backslash (libpq "Connection Strings").
  CHECK(redact_conninfo("password = 'it\\'s a \\\\ secret' host=db") == "password = *** host=db");
  CHECK(redact_conninfo("host=db password='a b c'") == "host=db password=***");
  CHECK(redact_conninfo("host=db user=erp") == "host=db user=erp");
}

TEST_CASE("pg redact: URI forms") {
  CHECK(redact_conninfo("postgresql://erp:s3cret@db.internal:5432/ocean") ==
        "postgresql://erp:***@db.internal:5432/ocean");
  CHECK(redact_conninfo("postgres://erp:p%40ss@db/ocean?sslmode=require") ==
        "postgres://erp:***@db/ocean?sslmode=require");
  CHECK(redact_conninfo("postgresql://db/ocean?user=erp&password=s3cret&sslmode=verify-full") ==
        "postgresql://db/ocean?user=erp&password=***&sslmode=verify-full");
  CHECK(redact_conninfo("postgresql://erp@db/ocean") == "postgresql://erp@db/ocean");
}

TEST_CASE("pg redact: the password never survives, whatever the string") {
  for (const char* text : {"password=s3cret", "password='s3cret'", "postgresql://u:s3cret@h/d",
                           "postgresql://h/d?password=s3cret", "user=u password=s3cret password=s3cret"}) {
    INFO(text);
    CHECK(redact_conninfo(text).find("s3cret") == std::string::npos);
  }
}
