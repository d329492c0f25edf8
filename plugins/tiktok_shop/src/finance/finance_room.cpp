#include "finance/finance_room.hpp"

#include <filesystem>

#include "model/time_format.hpp"
#include "store/sqlite_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::finance {

FinanceRoom::FinanceRoom(ShopAccount& account, Host& host, std::string account_id, std::function<bool()> enabled)
    : account_(account), host_(host), account_id_(std::move(account_id)), enabled_(std::move(enabled)) {
  const auto dir = host.data_dir();
  if (!account.started() || account.api() == nullptr || account.accounts() == nullptr || !dir) {
    throw Failure(Status::invalid_state, "the account is not started");
  }
  store_ = std::make_unique<FinanceStore>(account.store_location());
  api_ = std::make_unique<FinanceApi>(*account.api(), [&account] { return account.accounts()->shop_cipher(); });
  sync_ = std::make_unique<FinanceSync>(*store_, *api_, host_, account_id_);
}

NeutralMeta FinanceRoom::meta(bool include_raw) {
  NeutralMeta m;
  m.account_id = account_id_;
  if (auto* st = account_.store()) {
    if (const auto record = st->account()) m.shop_id = record->shop.id;
  }
  m.include_raw = include_raw;
  return m;
}

boost::json::object FinanceRoom::run_sync(bool full, const std::function<void()>& between_pages) {
  std::lock_guard lock(mutex_);
  sync_->set_page_hook([&between_pages](const std::string&, std::int64_t) {
    if (between_pages) between_pages();
  });
  struct Unhook {
    FinanceSync& s;
    ~Unhook() { s.set_page_hook(nullptr); }
  } unhook{*sync_};
  return sync_->run(full);
}

boost::json::object FinanceRoom::status() {
  std::lock_guard lock(mutex_);
  boost::json::object cursors;
  for (const char* kind : {"statements", "payments", "withdrawals", "transactions"}) {
    const FinanceCursor c = store_->cursor(kind);
    cursors[kind] = boost::json::object{
        {"watermark", c.watermark > 0 ? boost::json::value(model::rfc3339(c.watermark)) : boost::json::value(nullptr)},
        {"in_progress", !c.run_json.empty()},
        {"last_finished_ms", c.last_finished_ms}};
  }
  return boost::json::object{
      {"statements", store_->count("finance_statements")},
      {"transactions", store_->count("finance_transactions")},
      {"payments", store_->count("finance_payments")},
      {"withdrawals", store_->count("finance_withdrawals")},
      {"statements_without_transactions", static_cast<std::int64_t>(store_->statements_without_transactions().size())},
      {"cursors", std::move(cursors)}};
}

}  // namespace ocean::tiktok::finance
