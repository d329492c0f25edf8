#include "cluster/fair_share.hpp"

#include <algorithm>

namespace erp_host::cluster {

std::size_t fair_share(std::size_t accounts, std::vector<std::string> live, const std::string& self) {
  if (std::find(live.begin(), live.end(), self) == live.end()) live.push_back(self);
  std::sort(live.begin(), live.end());
  live.erase(std::unique(live.begin(), live.end()), live.end());
  const auto rank = static_cast<std::size_t>(std::find(live.begin(), live.end(), self) - live.begin());
  const std::size_t nodes = live.size();
  return accounts / nodes + (rank < accounts % nodes ? 1 : 0);
}

}  // namespace erp_host::cluster
