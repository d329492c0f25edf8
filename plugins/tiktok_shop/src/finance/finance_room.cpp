#include "finance/finance_room.hpp"

#include <filesystem>

#include "store/sqlite_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::finance {

FinanceRoom::FinanceRoom(ShopAccount& account, Host& host, std::string account_id, std::function<bool()> enabled)
    : account_(account), host_(host), account_id_(std::move(account_id)), enabled_(std::move(enabled)) {
  const auto dir = host.data_dir();
  if (!account.started() || account.api() == nullptr || account.accounts() == nullptr || !dir) {
    throw Failure(Status::invalid_state, "the account is not started");
  }
  store_ = std::make_unique<FinanceStore>((std::filesystem::path(*dir) / store::SqliteStore::kFileName).string());
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

}  // namespace ocean::tiktok::finance
