// Reading a Create / Edit / Partial Edit product body into a Product with the real API's checks and codes
// (reference addendum §2.9, §2.10, §2.15). Everything is validated before anything is stored: the reader
// fills a copy and the caller swaps it in only when no ApiError was thrown.
#pragma once
#include <boost/json.hpp>
#include <string>

#include "../model.hpp"

namespace tts_sandbox {
class World;
}

namespace tts_sandbox::catalog {

struct ListingInput {
  const Product* existing = nullptr;  // edit: SKUs named by id keep their price and stock when omitted
};

// Validates `body` and fills `out` (ids of new SKUs come from the world); warnings collects soft fixes
// (unknown brand reset, invalid identifier code dropped, unknown attribute values dropped).
void read_listing(World& world, Shop& shop, const boost::json::object& body, const ListingInput& in, Product& out,
                  boost::json::array& warnings);

// Partial Edit: reads only the top-level properties present in `body` into `p` (the stored product's copy),
// each with the same checks as Create; the properties Partial Edit cannot change are refused by name.
void read_partial(World& world, Shop& shop, const boost::json::object& body, Product& p, boost::json::array& warnings);

}  // namespace tts_sandbox::catalog
