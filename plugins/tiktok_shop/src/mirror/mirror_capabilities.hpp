// The mirror's capabilities: sync.run / sync.status, orders.search / orders.get, products.search /
// products.get, inventory.get / inventory.update / inventory.push_status. Reads go to the local
// mirror (no API call); sync.run and inventory.update reach TikTok. capability/table.cpp routes
// each id here and holds the mirror's work mutex around the call.
#pragma once
#include <boost/json/object.hpp>

#include "capability/request.hpp"
#include "mirror/mirror.hpp"

namespace ocean::tiktok::mirror {

using capability::Request;

boost::json::object sync_run(Mirror& m, const Request& r);
boost::json::object sync_status(Mirror& m, const Request& r);
boost::json::object orders_search(Mirror& m, const Request& r);
boost::json::object orders_get(Mirror& m, const Request& r);
boost::json::object orders_at_risk(Mirror& m, const Request& r);
boost::json::object products_search(Mirror& m, const Request& r);
boost::json::object products_get(Mirror& m, const Request& r);
boost::json::object inventory_get(Mirror& m, const Request& r);
boost::json::object inventory_update(Mirror& m, const Request& r);
boost::json::object inventory_push_status(Mirror& m, const Request& r);
// Dead letters (dead_letters.cpp): webhooks and stock pushes that ran out of attempts.
boost::json::object dead_letters_search(Mirror& m, const Request& r);
boost::json::object dead_letters_retry(Mirror& m, const Request& r);
boost::json::object dead_letters_dismiss(Mirror& m, const Request& r);

}  // namespace ocean::tiktok::mirror
