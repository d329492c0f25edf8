#include "account/account_capabilities.hpp"

namespace ocean::tiktok {
namespace json = boost::json;

json::object account_authorize_url(AccountService& a, const capability::Request&) { return a.authorize_url(); }

json::object account_connect(AccountService& a, const capability::Request& r) {
  AccountService::Callback cb;
  cb.state = r.str("state");
  cb.error = r.opt_str("error").value_or("");
  // A callback without an error carries the code; with one, the code is "null" or absent.
  cb.code = cb.error.empty() ? r.str("code") : r.opt_str("code").value_or("");
  cb.shop_id = r.opt_str("shop_id").value_or("");
  return a.connect(cb);
}

json::object account_status(AccountService& a, const capability::Request&) { return a.status(); }

json::object account_disconnect(AccountService& a, const capability::Request& r) {
  return a.disconnect(r.opt_bool("revoke", true));
}

}  // namespace ocean::tiktok
