#include "common/storage/share_store.h"

#include "common/storage/database_impl.h"

namespace ebill::storage {

namespace {

constexpr const char* kSelect =
    "SELECT id, meter_no, label, allow_fetch, created_at, expires_at, revoked_at FROM share_link";

std::vector<ShareLink> select_links(Conn& c, const std::string& rest, const std::string* text_key,
                                    const long long* id_key) {
  std::vector<ShareLink> out;
  ShareLink l;
  long long id = 0, created = 0, expires = 0, revoked = 0;
  int allow = 0;
  soci::indicator expires_ind = soci::i_ok, revoked_ind = soci::i_ok;
  soci::statement st(c.sql());
  st.exchange(soci::into(id));
  st.exchange(soci::into(l.meter_no));
  st.exchange(soci::into(l.label));
  st.exchange(soci::into(allow));
  st.exchange(soci::into(created));
  st.exchange(soci::into(expires, expires_ind));
  st.exchange(soci::into(revoked, revoked_ind));
  if (text_key != nullptr) st.exchange(soci::use(*text_key));
  if (id_key != nullptr) st.exchange(soci::use(*id_key));
  st.alloc();
  st.prepare(std::string(kSelect) + rest);
  st.define_and_bind();
  c.count();
  st.execute();
  while (st.fetch()) {
    l.id = id;
    l.allow_fetch = allow != 0;
    l.created_at = created;
    l.expires_at = expires_ind == soci::i_ok ? std::optional<std::int64_t>(expires) : std::nullopt;
    l.revoked_at = revoked_ind == soci::i_ok ? std::optional<std::int64_t>(revoked) : std::nullopt;
    out.push_back(l);
  }
  return out;
}

std::optional<ShareLink> first(std::vector<ShareLink> links) {
  if (links.empty()) return std::nullopt;
  return std::move(links.front());
}

}  // namespace

ShareLink ShareStore::create(const ShareLink& link, const std::string& token_hash) {
  return db_.impl().run(Retry::kUnsafe, [&](Conn& c) {
    WriteTransaction tx(c);
    const int allow = link.allow_fetch ? 1 : 0;
    const long long created = link.created_at;
    long long expires = link.expires_at.value_or(0);
    soci::indicator expires_ind = link.expires_at ? soci::i_ok : soci::i_null;
    c.query() << "INSERT INTO share_link (token_hash, meter_no, label, allow_fetch, created_at,"
                 " expires_at) VALUES (:h, :m, :l, :a, :c, :e)",
        soci::use(token_hash), soci::use(link.meter_no), soci::use(link.label), soci::use(allow),
        soci::use(created), soci::use(expires, expires_ind);
    // The id by the unique hash (MariaDB's last insert id is 0 after commit).
    std::optional<ShareLink> stored =
        first(select_links(c, " WHERE token_hash = :h", &token_hash, nullptr));
    tx.commit();
    if (!stored) throw StorageError("share_link: the new row is missing");
    return *stored;
  });
}

std::vector<ShareLink> ShareStore::list() {
  return db_.impl().run(Retry::kSafe,
                        [&](Conn& c) { return select_links(c, " ORDER BY id", nullptr, nullptr); });
}

std::optional<ShareLink> ShareStore::get(std::int64_t id) {
  const long long key = id;
  return db_.impl().run(Retry::kSafe,
                        [&](Conn& c) { return first(select_links(c, " WHERE id = :i", nullptr, &key)); });
}

std::optional<ShareLink> ShareStore::find_by_token_hash(const std::string& token_hash) {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    return first(select_links(c, " WHERE token_hash = :h", &token_hash, nullptr));
  });
}

bool ShareStore::revoke(std::int64_t id, std::int64_t at) {
  const long long key = id, when = at;
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    soci::statement st = (c.sql().prepare << "UPDATE share_link SET revoked_at = COALESCE(revoked_at, :t)"
                                             " WHERE id = :i",
                          soci::use(when), soci::use(key));
    c.count();
    st.execute(true);
    return st.get_affected_rows() > 0;
  });
}

}  // namespace ebill::storage
