// The `share_link` table (sql/*/016): links that each open one meter's
// dashboard. Only the token's hash is stored. Times are Unix seconds (UTC).
// Throws StorageUnavailable / StorageError like every store.
#ifndef EBILL_COMMON_STORAGE_SHARE_STORE_H_
#define EBILL_COMMON_STORAGE_SHARE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/storage/database.h"

namespace ebill::storage {

struct ShareLink {
  std::int64_t id = 0;
  std::string meter_no;
  std::string label;
  bool allow_fetch = false;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> expires_at;  // nullopt = never
  std::optional<std::int64_t> revoked_at;  // nullopt = not revoked

  // Opens the meter's dashboard at `now`: not revoked and not expired.
  bool valid_at(std::int64_t now) const {
    return !revoked_at && (!expires_at || now < *expires_at);
  }
  friend bool operator==(const ShareLink&, const ShareLink&) = default;
};

class ShareStore {
 public:
  explicit ShareStore(Database& db) : db_(db) {}  // db must outlive this

  // Stores a new link (its id ignored) under `token_hash`; returns it with
  // its id. A repeated hash throws StorageError.
  ShareLink create(const ShareLink& link, const std::string& token_hash);
  // Every link, by id.
  std::vector<ShareLink> list();
  std::optional<ShareLink> get(std::int64_t id);
  std::optional<ShareLink> find_by_token_hash(const std::string& token_hash);
  // Marks link `id` revoked at `at`; false when there is no such link. A
  // link revoked before keeps its first revocation time.
  bool revoke(std::int64_t id, std::int64_t at);

 private:
  Database& db_;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_SHARE_STORE_H_
