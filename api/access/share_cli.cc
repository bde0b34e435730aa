#include "api/access/share_cli.h"

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/access/share_links.h"
#include "common/config/config.h"
#include "common/storage/database.h"
#include "common/storage/share_store.h"

namespace ebill::api {
namespace {

constexpr const char* kUsage =
    "usage: ebill-api share create METER [--label NAME] [--expires 90d|12h|never] [--allow-fetch]\n"
    "       ebill-api share list\n"
    "       ebill-api share revoke ID\n";

int usage() {
  std::fputs(kUsage, stderr);
  return 2;
}

int problem(const std::string& what, int status) {
  std::fprintf(stderr, "ebill-api: share: %s\n", what.c_str());
  return status;
}

int create(storage::Database& db, const Config& config, const std::vector<std::string_view>& args) {
  if (args.empty() || args[0].rfind("--", 0) == 0) return usage();
  ShareRequest want;
  want.meter_no = std::string(args[0]);
  want.lifetime_s = 90 * 86400;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--label" && i + 1 < args.size()) {
      want.label = std::string(args[++i]);
    } else if (args[i] == "--expires" && i + 1 < args.size()) {
      auto lifetime = parse_share_lifetime(args[++i]);
      if (!lifetime) return problem(lifetime.error(), 2);
      want.lifetime_s = *lifetime;
    } else if (args[i] == "--allow-fetch") {
      want.allow_fetch = true;
    } else {
      return usage();
    }
  }
  auto created = create_share(db, want, unix_now());
  if (!created) return problem(created.error(), 2);
  std::printf("%s\n", share_url(config.api.public_url, created->token).c_str());
  const auto& l = created->link;
  std::fprintf(stderr, "share link %lld for meter %s, expires %s%s\n", static_cast<long long>(l.id),
               l.meter_no.c_str(), l.expires_at ? utc_iso(*l.expires_at).c_str() : "never",
               l.allow_fetch ? ", may fetch" : "");
  return 0;
}

int list(storage::Database& db) {
  const std::int64_t now = unix_now();
  std::printf("id\tmeter\tlabel\texpires\tallow_fetch\tcreated\tstate\n");
  for (const auto& l : storage::ShareStore(db).list()) {
    std::printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", static_cast<long long>(l.id), l.meter_no.c_str(),
                l.label.c_str(), l.expires_at ? utc_iso(*l.expires_at).c_str() : "never",
                l.allow_fetch ? "yes" : "no", utc_iso(l.created_at).c_str(),
                std::string(share_state(l, now)).c_str());
  }
  return 0;
}

int revoke(storage::Database& db, const std::vector<std::string_view>& args) {
  if (args.size() != 1) return usage();
  const std::string text(args[0]);
  const auto id = parse_share_id(text);
  if (!id) return problem("ID must be a share link's number (see share list): " + text, 2);
  if (!storage::ShareStore(db).revoke(*id, unix_now())) return problem("no share link " + text, 1);
  std::printf("revoked share link %lld\n", static_cast<long long>(*id));
  return 0;
}

}  // namespace

int share_main(int argc, char** argv) {
  if (argc < 1) return usage();
  const std::string_view command = argv[0];
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (command != "create" && command != "list" && command != "revoke") return usage();
  auto config = load_config_from_process();
  if (!config) return problem(config.error().message, 2);
  auto db = storage::Database::open(config->database);
  if (!db) return problem("database: " + db.error().message, 1);
  try {
    if (command == "create") return create(**db, *config, args);
    if (command == "list") return list(**db);
    return revoke(**db, args);
  } catch (const std::exception& e) {
    return problem(e.what(), 1);
  }
}

}  // namespace ebill::api
