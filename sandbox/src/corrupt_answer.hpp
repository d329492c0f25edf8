// Breaks a successful answer on purpose (the corrupt_answers fault), in one of these ways:
//   not_json     an HTML error page where JSON was expected (a proxy in the way), HTTP 200
//   truncated    the first half of the body only (a connection cut mid-answer)
//   wrong_shape  the first list in "data" becomes an object (a server bug)
//   bad_record   the first record of that list gets "update_time":"soon" (one bad record)
#pragma once
#include <string>
#include <string_view>

namespace tts_sandbox {

bool is_corrupt_mode(std::string_view mode);
std::string corrupt_answer(const std::string& body, std::string_view mode);

}  // namespace tts_sandbox
