// The account's capabilities: account.authorize_url, account.connect, account.status,
// account.disconnect (reference §3). Thin readers over AccountService; capability/table.cpp
// routes each id here.
#pragma once
#include <boost/json/object.hpp>

#include "account/account_service.hpp"
#include "capability/request.hpp"

namespace ocean::tiktok {

boost::json::object account_authorize_url(AccountService& a, const capability::Request& r);
boost::json::object account_connect(AccountService& a, const capability::Request& r);
boost::json::object account_status(AccountService& a, const capability::Request& r);
boost::json::object account_disconnect(AccountService& a, const capability::Request& r);

}  // namespace ocean::tiktok
